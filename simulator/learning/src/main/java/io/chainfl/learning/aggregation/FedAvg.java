package io.chainfl.learning.aggregation;

import java.util.List;

/** Federated averaging (McMahan et al. 2017): the mean of the updates weighted by local data size. */
public final class FedAvg implements Aggregator {
    @Override
    public String name() {
        return "fedavg";
    }

    @Override
    public float[] aggregate(List<ClientUpdate> updates) {
        List<ClientUpdate> ordered = Updates.byParticipant(updates);
        return Updates.dataSizeWeights(ordered).mmul(UpdateMatrix.stack(ordered)).toFloatVector();
    }
}
