package io.chainfl.learning.aggregation;

import io.chainfl.engine.checkpoint.Snapshot;
import java.util.Arrays;
import java.util.List;

/**
 * Centered clipping (Karimireddy, He and Jaggi, "Learning from History for Byzantine Robust
 * Optimization", ICML 2021): starting from a center {@code v}, repeat {@code iterations} times
 * {@code v <- v + (1/n) sum_i (x_i - v) min(1, tau / ||x_i - v||)}, unweighted. <b>Stateful:</b> the
 * center starts at the previous call's result (zero before the first call, after {@link #reset()}, or
 * when the update length changes), as the paper centres on the last aggregate; use one instance per run
 * and do not share it between threads. Norms and the mean are summed in double, clients in participant order and
 * coordinates in index order; the center is kept in float between iterations and calls.
 */
public final class CenteredClipping implements Aggregator {
    private final double tau;
    private final int iterations;
    private float[] center;

    public CenteredClipping(double tau, int iterations) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("centered_clipping tau must be a finite value > 0, got " + tau);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("centered_clipping iterations must be >= 1, got " + iterations);
        }
        this.tau = tau;
        this.iterations = iterations;
    }

    @Override
    public String name() {
        return "centered_clipping";
    }

    /** Forgets the previous aggregate: the next call centres on zero. */
    public synchronized void reset() {
        center = null;
    }

    /** The center the next call starts from (a copy), or {@code null} for zero. */
    public synchronized float[] center() {
        return center == null ? null : center.clone();
    }

    /** The center, bit for bit, so a resumed run clips around the same point as an uninterrupted one. */
    @Override
    public synchronized void saveState(Snapshot.Builder out, String prefix) {
        if (center != null) {
            out.floats(prefix + "center", center);
        }
    }

    @Override
    public synchronized void restoreState(Snapshot in, String prefix) {
        center = in.floats(prefix + "center").orElse(null);
    }

    @Override
    public synchronized float[] aggregate(List<ClientUpdate> updates) {
        float[][] stacked = UpdateMatrix.stack(Updates.byParticipant(updates));
        int n = stacked.length;
        int params = stacked[0].length;
        float[] v = center != null && center.length == params ? center.clone() : new float[params];
        double[] scale = new double[n];
        double[] step = new double[params];
        for (int l = 0; l < iterations; l++) {
            for (int i = 0; i < n; i++) {
                double squared = 0;
                for (int j = 0; j < params; j++) {
                    double diff = (double) stacked[i][j] - v[j];
                    squared += diff * diff;
                }
                // min(1, tau / ||x_i - v||); a client exactly at v gives +inf before the min and contributes zero anyway
                scale[i] = Math.min(tau / Math.sqrt(squared), 1.0);
            }
            Arrays.fill(step, 0);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < params; j++) {
                    step[j] += ((double) stacked[i][j] - v[j]) * scale[i];
                }
            }
            for (int j = 0; j < params; j++) {
                v[j] = (float) (v[j] + step[j] / n);
            }
        }
        center = v;
        return center.clone();
    }
}
