package io.chainfl.learning.aggregation;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Centered clipping (Karimireddy, He and Jaggi, "Learning from History for Byzantine Robust
 * Optimization", ICML 2021): starting from a center {@code v}, repeat {@code iterations} times
 * {@code v <- v + (1/n) sum_i (x_i - v) min(1, tau / ||x_i - v||)}, unweighted. <b>Stateful:</b> the
 * center starts at the previous call's result (zero before the first call, after {@link #reset()}, or
 * when the update length changes), as the paper centres on the last aggregate; use one instance per run
 * and do not share it between threads.
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

    @Override
    public synchronized float[] aggregate(List<ClientUpdate> updates) {
        INDArray stacked = UpdateMatrix.stack(Updates.byParticipant(updates));
        long params = stacked.columns();
        INDArray v = center != null && center.length == params
                ? Nd4j.create(center, new long[] {1, params}, DataType.FLOAT)
                : Nd4j.zeros(DataType.FLOAT, 1, params);
        for (int l = 0; l < iterations; l++) {
            INDArray diff = stacked.subRowVector(v);
            // min(1, tau / ||x_i - v||); a client exactly at v gives +inf before the min and contributes zero anyway
            INDArray scale = Transforms.min(diff.norm2(1).rdivi(tau), 1.0, false).reshape(stacked.rows(), 1);
            v = v.add(diff.muliColumnVector(scale).mean(0).reshape(1, params));
        }
        center = v.toFloatVector();
        return center.clone();
    }
}
