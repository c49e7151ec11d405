package io.chainfl.learning.aggregation;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * FLTrust (Cao, Fang, Liu and Gong, "FLTrust: Byzantine-robust Federated Learning via Trust
 * Bootstrapping", NDSS 2021). The server trains on a small clean root data set to get its own update
 * {@code g0}; each client's trust score is {@code ReLU(cos(g_i, g0))}, each client update is rescaled to
 * {@code ||g0||}, and the result is the trust-weighted mean {@code sum_i TS_i ||g0|| g_i / ||g_i|| / sum_i TS_i}.
 * When no client earns any trust (or {@code g0} is zero) the result is zero. Pass the server update with
 * {@link #aggregate(List, float[])}, or build the aggregator with a supplier that {@link #aggregate(List)}
 * asks once per call. Norms, dot products and the weighted sum are taken in double, clients in participant order
 * and coordinates in index order.
 */
public final class FLTrust implements Aggregator {
    private final Supplier<float[]> rootUpdate;

    /** Without a root-update supplier: only {@link #aggregate(List, float[])} works. */
    public FLTrust() {
        this.rootUpdate = null;
    }

    /** Asks {@code rootUpdate} for the server's update on every {@link #aggregate(List)}. */
    public FLTrust(Supplier<float[]> rootUpdate) {
        this.rootUpdate = Objects.requireNonNull(rootUpdate, "rootUpdate");
    }

    @Override
    public String name() {
        return "fltrust";
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        if (rootUpdate == null) {
            throw new IllegalStateException("fltrust needs the server's root update: build it with a supplier or call aggregate(updates, serverUpdate)");
        }
        return aggregate(updates, rootUpdate.get());
    }

    public float[] aggregate(List<ClientUpdate> updates, float[] serverUpdate) {
        Objects.requireNonNull(serverUpdate, "serverUpdate");
        float[][] stacked = UpdateMatrix.stack(Updates.byParticipant(updates));
        int params = stacked[0].length;
        if (serverUpdate.length != params) {
            throw new IllegalArgumentException("fltrust server update has " + serverUpdate.length + " values, client updates have " + params);
        }
        double serverNorm = Updates.norm(serverUpdate);
        if (serverNorm == 0) {
            return new float[params];
        }
        int n = stacked.length;
        double[] safeNorms = new double[n];
        double[] trust = new double[n];
        double totalTrust = 0;
        for (int i = 0; i < n; i++) {
            // a zero client update has a zero dot product: dividing by max(norm, tiny) keeps its trust at 0
            safeNorms[i] = Math.max(Updates.norm(stacked[i]), Float.MIN_NORMAL);
            double dot = 0;
            for (int j = 0; j < params; j++) {
                dot += (double) stacked[i][j] * serverUpdate[j];
            }
            trust[i] = Math.max(dot / safeNorms[i] / serverNorm, 0.0); // ReLU of the cosine
            totalTrust += trust[i];
        }
        if (totalTrust <= 0) {
            return new float[params];
        }
        double[] factors = new double[n];
        for (int i = 0; i < n; i++) {
            factors[i] = trust[i] * serverNorm / safeNorms[i] / totalTrust;
        }
        return Updates.weightedSum(stacked, factors);
    }
}
