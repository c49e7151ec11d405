package io.chainfl.learning.aggregation;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * FLTrust (Cao, Fang, Liu and Gong, "FLTrust: Byzantine-robust Federated Learning via Trust
 * Bootstrapping", NDSS 2021). The server trains on a small clean root data set to get its own update
 * {@code g0}; each client's trust score is {@code ReLU(cos(g_i, g0))}, each client update is rescaled to
 * {@code ||g0||}, and the result is the trust-weighted mean {@code sum_i TS_i ||g0|| g_i / ||g_i|| / sum_i TS_i}.
 * When no client earns any trust (or {@code g0} is zero) the result is zero. Pass the server update with
 * {@link #aggregate(List, float[])}, or build the aggregator with a supplier that {@link #aggregate(List)}
 * asks once per call.
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
        INDArray stacked = UpdateMatrix.stack(Updates.byParticipant(updates));
        long params = stacked.columns();
        if (serverUpdate.length != params) {
            throw new IllegalArgumentException("fltrust server update has " + serverUpdate.length + " values, client updates have " + params);
        }
        INDArray g0 = Nd4j.create(serverUpdate, new long[] {params, 1}, DataType.FLOAT);
        double serverNorm = g0.norm2Number().doubleValue();
        if (serverNorm == 0) {
            return new float[(int) params];
        }
        INDArray norms = stacked.norm2(1).reshape(stacked.rows(), 1);
        // a zero client update has a zero dot product: dividing by max(norm, tiny) keeps its trust at 0
        INDArray safeNorms = Transforms.max(norms, Float.MIN_NORMAL, true);
        INDArray trust = Transforms.relu(stacked.mmul(g0).divi(safeNorms).divi(serverNorm), false);
        double totalTrust = trust.sumNumber().doubleValue();
        if (totalTrust <= 0) {
            return new float[(int) params];
        }
        INDArray factors = trust.mul(serverNorm).divi(safeNorms).divi(totalTrust).reshape(1, stacked.rows());
        return factors.mmul(stacked).toFloatVector();
    }
}
