package io.chainfl.learning.aggregation;

import java.util.List;

/**
 * Norm clipping followed by FedAvg (Sun, Kairouz, Suresh and McMahan, "Can You Really Backdoor Federated
 * Learning?", 2019): every update whose L2 norm exceeds {@code maxNorm} is scaled down to norm
 * {@code maxNorm}, shorter ones are kept as they are, and the results are averaged with FedAvg's
 * data-size weights. Norms and the weighted sum are taken in double in a fixed order (see {@link Updates}).
 */
public final class NormClipping implements Aggregator {
    private final double maxNorm;

    public NormClipping(double maxNorm) {
        if (!(maxNorm > 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("norm_clipping max_norm must be a finite value > 0, got " + maxNorm);
        }
        this.maxNorm = maxNorm;
    }

    @Override
    public String name() {
        return "norm_clipping";
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        List<ClientUpdate> ordered = Updates.byParticipant(updates);
        float[][] stacked = UpdateMatrix.stack(ordered);
        double[] factors = Updates.dataSizeWeights(ordered);
        for (int i = 0; i < stacked.length; i++) {
            // min(1, maxNorm / ||x_i||); a zero update gives +inf before the min, so it is kept as is
            factors[i] *= Math.min(maxNorm / Updates.norm(stacked[i]), 1.0);
        }
        return Updates.weightedSum(stacked, factors);
    }
}
