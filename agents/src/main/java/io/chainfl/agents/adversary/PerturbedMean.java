package io.chainfl.agents.adversary;

/**
 * The attack class of min_max and min_sum (Shejwalkar & Houmansadr, NDSS 2021, Sec. IV-C, "AGR-agnostic" attacks):
 * every colluder uploads mean + gamma * p, p a perturbation direction, gamma the largest value in [0, gamma_max]
 * (bisection) whose upload still passes the attack's test against the benign updates. The two differ only in that
 * test ({@link Criterion}). Everything is in double, distances summed directly per pair in coordinate order (no
 * Gram-matrix cancellation), so the same benign updates give the same bits on every CPU.
 */
final class PerturbedMean {
    private PerturbedMean() {}

    /** How far an upload may sit from the benign updates. */
    enum Criterion {
        /** min-max: its largest distance to a benign update is at most the largest distance between two benign updates. */
        MAX_DISTANCE {
            @Override
            double bound(float[][] benign) {
                return maxPairwiseDistance(benign);
            }

            @Override
            double score(float[][] benign, double[] point) {
                return maxDistanceTo(benign, point);
            }
        },
        /** min-sum: its sum of squared distances to the benign updates is at most the largest such sum of a benign update. */
        SUM_OF_SQUARES {
            @Override
            double bound(float[][] benign) {
                return maxSumOfSquaredDistances(benign);
            }

            @Override
            double score(float[][] benign, double[] point) {
                return sumOfSquaredDistancesTo(benign, point);
            }
        };

        abstract double bound(float[][] benign);

        abstract double score(float[][] benign, double[] point);
    }

    /** mean + gamma * p with the largest accepted gamma (0 when even the smallest step fails), rounded to float. */
    static float[] craft(float[][] benign, MinMaxParams.Direction direction, double gammaMax, int steps, Criterion criterion) {
        // distances in double: squared norms of ~10^4 float coordinates lose the small differences we compare
        double[] mean = Stats.mean(benign);
        double[] perturbation = perturbation(benign, mean, direction);
        double bound = criterion.bound(benign);
        double accepted = 0;
        if (criterion.score(benign, shifted(mean, perturbation, gammaMax)) <= bound) {
            accepted = gammaMax;
        } else {
            double rejected = gammaMax;
            for (int i = 0; i < steps; i++) {
                double gamma = (accepted + rejected) / 2;
                if (criterion.score(benign, shifted(mean, perturbation, gamma)) <= bound) {
                    accepted = gamma;
                } else {
                    rejected = gamma;
                }
            }
        }
        double[] upload = shifted(mean, perturbation, accepted);
        float[] out = new float[upload.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = (float) upload[j];
        }
        return out;
    }

    /** p: unit_mean -mean/|mean|, sign -sign(mean), std -std (zero where undefined: a zero mean, a single benign update). */
    static double[] perturbation(float[][] benign, double[] mean, MinMaxParams.Direction direction) {
        double[] perturbation = new double[mean.length];
        switch (direction) {
            case UNIT_MEAN -> {
                double norm = Math.sqrt(Stats.dot(mean, mean));
                if (norm != 0) {
                    for (int j = 0; j < mean.length; j++) {
                        perturbation[j] = mean[j] / -norm;
                    }
                }
            }
            case SIGN -> {
                for (int j = 0; j < mean.length; j++) {
                    perturbation[j] = -Math.signum(mean[j]);
                }
            }
            case STD -> {
                if (benign.length > 1) {
                    double[] std = Stats.sampleStd(benign, mean);
                    for (int j = 0; j < mean.length; j++) {
                        perturbation[j] = -std[j];
                    }
                }
            }
        }
        return perturbation;
    }

    private static double[] shifted(double[] mean, double[] perturbation, double gamma) {
        double[] point = new double[mean.length];
        for (int j = 0; j < point.length; j++) {
            point[j] = mean[j] + perturbation[j] * gamma;
        }
        return point;
    }

    /** The largest Euclidean distance from a row to {@code point}. */
    static double maxDistanceTo(float[][] rows, double[] point) {
        double max = 0;
        for (float[] row : rows) {
            max = Math.max(max, squaredDistance(row, point));
        }
        return Math.sqrt(max);
    }

    /** sum_i |b_i - point|^2. */
    static double sumOfSquaredDistancesTo(float[][] rows, double[] point) {
        double sum = 0;
        for (float[] row : rows) {
            sum += squaredDistance(row, point);
        }
        return sum;
    }

    private static double squaredDistance(float[] row, double[] point) {
        double squared = 0;
        for (int j = 0; j < point.length; j++) {
            double diff = row[j] - point[j];
            squared += diff * diff;
        }
        return squared;
    }

    /** max_ij |b_i - b_j|, each pair's squared differences summed directly in coordinate order. */
    static double maxPairwiseDistance(float[][] rows) {
        double max = 0;
        double[][] squared = pairwiseSquaredDistances(rows);
        for (int a = 0; a < rows.length; a++) {
            for (int b = a + 1; b < rows.length; b++) {
                max = Math.max(max, squared[a][b]);
            }
        }
        return Math.sqrt(max);
    }

    /** max_i sum_j |b_i - b_j|^2, the sums over j in row order. */
    static double maxSumOfSquaredDistances(float[][] rows) {
        double[][] squared = pairwiseSquaredDistances(rows);
        double max = 0;
        for (int a = 0; a < rows.length; a++) {
            double sum = 0;
            for (int b = 0; b < rows.length; b++) {
                sum += squared[a][b];
            }
            max = Math.max(max, sum);
        }
        return max;
    }

    /** |b_a - b_b|^2 for every pair (symmetric, zero diagonal), each summed directly in coordinate order. */
    static double[][] pairwiseSquaredDistances(float[][] rows) {
        double[][] squared = new double[rows.length][rows.length];
        for (int a = 0; a < rows.length; a++) {
            for (int b = a + 1; b < rows.length; b++) {
                double sum = 0;
                for (int j = 0; j < rows[a].length; j++) {
                    double diff = (double) rows[a][j] - rows[b][j];
                    sum += diff * diff;
                }
                squared[a][b] = sum;
                squared[b][a] = sum;
            }
        }
        return squared;
    }
}
