package io.chainfl.agents.adversary;

import io.chainfl.engine.seed.SeedStreams;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The crafting of {@link FangParams}, in the updates' space: the global model before the round is the origin, so
 * the paper's w_Re is 0 and a local model w_i is the update b_i. s_j is the sign of the j-th coordinate of the benign
 * updates' sum, the direction the aggregate would move in without the attack (Fang et al. estimate it the same way
 * in full knowledge; their code sums the before-attack updates). The colluders know the benign updates and nothing
 * else, as in alie and min_max; all sums are plain loops in double in a fixed order.
 */
final class FangAttack implements CoalitionAttack.Crafter {
    /** Below this lambda the Krum attack gives up and the colluders upload what they trained (the paper's threshold). */
    static final double LAMBDA_THRESHOLD = 1e-5;

    private final FangParams.Target target;
    private final double b;
    private final SeedStreams seeds;

    FangAttack(FangParams.Target target, double b, SeedStreams seeds) {
        this.target = target;
        this.b = b;
        this.seeds = seeds;
    }

    @Override
    public float[][] craft(CoalitionAttack.Round round) {
        float[][] benign = round.benignRows();
        float[][] own = round.ownRows();
        double[] direction = benignDirection(benign);
        return switch (target) {
            case TRIMMED_MEAN -> directedDeviation(benign, direction, own.length, b,
                    seeds.stream("adversary", "fang", round.colluders().get(0).participantId(), "round", round.round()));
            case KRUM -> krum(benign, direction, own);
        };
    }

    /** s: the sign of each coordinate of the benign updates' sum. */
    static double[] benignDirection(float[][] benign) {
        double[] sum = new double[benign[0].length];
        for (float[] row : benign) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += row[j];
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] = Math.signum(sum[j]);
        }
        return sum;
    }

    /**
     * The trimmed-mean (and median) attack: where s_j > 0 the colluders go below the benign minimum w_min (into
     * [w_min / b, w_min] when w_min > 0, [b * w_min, w_min] otherwise), where s_j < 0 above the benign maximum w_max
     * ([w_max, b * w_max] or [w_max, w_max / b]). Each colluder and coordinate draws a factor r uniform in [1, b] (the
     * authors' code: w / r or w * r), colluders in id order, coordinates in index order. Where s_j = 0 the benign sum
     * is 0 and the upload is 0.
     */
    static float[][] directedDeviation(float[][] benign, double[] direction, int colluders, double b, SplittableRandom rng) {
        int d = direction.length;
        double[] min = new double[d];
        double[] max = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (float[] row : benign) {
            for (int j = 0; j < d; j++) {
                min[j] = Math.min(min[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        float[][] uploads = new float[colluders][d];
        for (float[] upload : uploads) {
            for (int j = 0; j < d; j++) {
                double r = 1 + (b - 1) * rng.nextDouble();
                double value = 0;
                if (direction[j] > 0) {
                    value = min[j] > 0 ? min[j] / r : min[j] * r;
                } else if (direction[j] < 0) {
                    value = max[j] > 0 ? max[j] * r : max[j] / r;
                }
                upload[j] = (float) value;
            }
        }
        return uploads;
    }

    /**
     * The Krum attack: every colluder uploads -lambda * s. lambda starts at the paper's upper bound (Eq. 6, with
     * w_Re = 0), 1 / ((m - 2c - 1) sqrt(d)) * min over benign i of the sum of the distances to its m - c - 2 nearest
     * benign neighbours, plus 1 / sqrt(d) * the largest benign norm; it is halved until Krum (told f = c) selects the
     * crafted update among the c copies and the benign ones, or it falls below {@link #LAMBDA_THRESHOLD}, when the
     * colluders upload their own updates. So do they when Krum with f = c cannot run (m < 2c + 3).
     */
    static float[][] krum(float[][] benign, double[] direction, float[][] own) {
        int c = own.length;
        int m = benign.length + c;
        if (m < 2 * c + 3) {
            return own;
        }
        double lambda = lambdaUpperBound(benign, c);
        double[][] benignSquared = PerturbedMean.pairwiseSquaredDistances(benign);
        while (lambda >= LAMBDA_THRESHOLD) {
            double[] crafted = new double[direction.length];
            for (int j = 0; j < crafted.length; j++) {
                crafted[j] = -lambda * direction[j];
            }
            if (krumSelectsCrafted(benign, benignSquared, crafted, c)) {
                float[] upload = new float[crafted.length];
                for (int j = 0; j < upload.length; j++) {
                    upload[j] = (float) crafted[j];
                }
                float[][] uploads = new float[c][];
                Arrays.fill(uploads, upload);
                return uploads;
            }
            lambda /= 2;
        }
        return own;
    }

    /** The paper's upper bound on lambda (Eq. 6) with w_Re = 0, Euclidean distances, d the number of coordinates. */
    static double lambdaUpperBound(float[][] benign, int c) {
        int m = benign.length + c;
        int neighbours = m - c - 2;
        double[][] squared = PerturbedMean.pairwiseSquaredDistances(benign);
        double closest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < benign.length; i++) {
            double[] distances = new double[benign.length - 1];
            for (int l = 0, k = 0; l < benign.length; l++) {
                if (l != i) {
                    distances[k++] = Math.sqrt(squared[i][l]);
                }
            }
            Arrays.sort(distances);
            double sum = 0;
            for (int k = 0; k < neighbours; k++) {
                sum += distances[k];
            }
            closest = Math.min(closest, sum);
        }
        double largestNorm = 0;
        for (float[] row : benign) {
            double squaredNorm = 0;
            for (float v : row) {
                squaredNorm += (double) v * v;
            }
            largestNorm = Math.max(largestNorm, Math.sqrt(squaredNorm));
        }
        double sqrtD = Math.sqrt(benign[0].length);
        return closest / ((m - 2 * c - 1) * sqrtD) + largestNorm / sqrtD;
    }

    /**
     * Krum's choice among c copies of {@code crafted} (first) and the benign updates: the candidate whose m - c - 2
     * nearest others are closest (sum of squared distances); ties go to the first, a copy. The copies are 0 apart.
     */
    static boolean krumSelectsCrafted(float[][] benign, double[][] benignSquared, double[] crafted, int c) {
        int m = benign.length + c;
        int neighbours = m - c - 2;
        double[] toCrafted = new double[benign.length];
        for (int i = 0; i < benign.length; i++) {
            double sum = 0;
            for (int j = 0; j < crafted.length; j++) {
                double diff = benign[i][j] - crafted[j];
                sum += diff * diff;
            }
            toCrafted[i] = sum;
        }
        double[] craftedNeighbours = new double[m - 1];
        System.arraycopy(toCrafted, 0, craftedNeighbours, c - 1, benign.length);
        double craftedScore = smallestSum(craftedNeighbours, neighbours);
        for (int i = 0; i < benign.length; i++) {
            double[] others = new double[m - 1];
            int k = 0;
            for (int copy = 0; copy < c; copy++) {
                others[k++] = toCrafted[i];
            }
            for (int l = 0; l < benign.length; l++) {
                if (l != i) {
                    others[k++] = benignSquared[i][l];
                }
            }
            if (smallestSum(others, neighbours) < craftedScore) {
                return false;
            }
        }
        return true;
    }

    private static double smallestSum(double[] values, int count) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (int k = 0; k < count; k++) {
            sum += sorted[k];
        }
        return sum;
    }
}
