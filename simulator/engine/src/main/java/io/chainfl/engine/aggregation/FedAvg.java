package io.chainfl.engine.aggregation;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Federated averaging (McMahan et al. 2017): the mean of the updates weighted by local data size. */
public final class FedAvg implements Aggregator {
    @Override
    public String name() {
        return "fedavg";
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        double total = updates.stream().mapToLong(ClientUpdate::weight).sum();
        float[] weights = new float[updates.size()];
        for (int i = 0; i < weights.length; i++) {
            // equal weights when nobody reports data size, rather than dividing by zero
            weights[i] = (float) (total > 0 ? updates.get(i).weight() / total : 1.0 / weights.length);
        }
        INDArray stacked = UpdateMatrix.stack(updates);
        INDArray w = Nd4j.create(weights, new long[] {1, weights.length}, DataType.FLOAT);
        return w.mmul(stacked).toFloatVector();
    }
}
