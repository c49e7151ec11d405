package io.chainfl.agents.adversary;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * Min-max: every colluder uploads mean + gamma * p, with p a perturbation direction and gamma as large as
 * possible while the upload's largest distance to any benign update stays within the largest distance
 * between two benign updates, so distance-based filters cannot tell it from an honest outlier. Everything is in
 * double, distances summed directly per pair in coordinate order (no Gram-matrix cancellation).
 */
@Doc("uploads mean + gamma * p with the largest gamma whose max distance to benign updates stays within theirs (omniscient coalition);"
        + " Shejwalkar & Houmansadr 2021")
public record MinMaxParams(
        @Doc("fraction of participants in the coalition") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("perturbation direction p: unit_mean (-mean/|mean|), sign (-sign(mean)) or std (-std)") Direction direction,
        @Doc("upper end of the search interval for gamma") @Range(min = 0, max = 1e6, exclusiveMin = true) Double gammaMax,
        @Doc("bisection steps over gamma") @Range(min = 1, max = 100) Integer steps) implements CoalitionAttack {

    public enum Direction {
        @JsonProperty("unit_mean") UNIT_MEAN,
        @JsonProperty("sign") SIGN,
        @JsonProperty("std") STD
    }

    public MinMaxParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        direction = direction == null ? Direction.UNIT_MEAN : direction;
        gammaMax = gammaMax == null ? 50.0 : gammaMax;
        steps = steps == null ? 30 : steps;
    }

    @Override
    public float[] craft(float[][] benign, float[][] own) {
        // distances in double: squared norms of ~10^4 float coordinates lose the small differences we compare
        double[] mean = Stats.mean(benign);
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
        double bound = maxPairwiseDistance(benign);
        double accepted = 0;
        if (maxDistanceTo(benign, shifted(mean, perturbation, gammaMax)) <= bound) {
            accepted = gammaMax;
        } else {
            double rejected = gammaMax;
            for (int i = 0; i < steps; i++) {
                double gamma = (accepted + rejected) / 2;
                if (maxDistanceTo(benign, shifted(mean, perturbation, gamma)) <= bound) {
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
            double squared = 0;
            for (int j = 0; j < point.length; j++) {
                double diff = row[j] - point[j];
                squared += diff * diff;
            }
            max = Math.max(max, squared);
        }
        return Math.sqrt(max);
    }

    /** max_ij |b_i - b_j|, each pair's squared differences summed directly in coordinate order. */
    static double maxPairwiseDistance(float[][] rows) {
        double max = 0;
        for (int a = 0; a < rows.length; a++) {
            for (int b = a + 1; b < rows.length; b++) {
                double squared = 0;
                for (int j = 0; j < rows[a].length; j++) {
                    double diff = (double) rows[a][j] - rows[b][j];
                    squared += diff * diff;
                }
                max = Math.max(max, squared);
            }
        }
        return Math.sqrt(max);
    }
}
