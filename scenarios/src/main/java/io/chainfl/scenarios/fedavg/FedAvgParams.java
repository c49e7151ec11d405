package io.chainfl.scenarios.fedavg;

import io.chainfl.learning.aggregation.AggregatorParams;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.ScenarioParams;

public record FedAvgParams(
        @Doc("fraction of participants sampled each round (at least one)") @Range(min = 0, max = 1, exclusiveMin = true) Double sampleFraction,
        @Doc("evaluation batch size for the global model on the test set") @Range(min = 1, max = 1_000_000) Integer evalBatchSize,
        @Doc("aggregation rule, chosen by its type (`chainfl list defenses` names every rule with its parameters)")
        AggregatorParams aggregator)
        implements ScenarioParams {

    public FedAvgParams {
        sampleFraction = sampleFraction == null ? 1.0 : sampleFraction;
        evalBatchSize = evalBatchSize == null ? 512 : evalBatchSize;
        aggregator = aggregator == null ? new AggregatorParams.FedAvgParams() : aggregator;
    }

    /** The rule's server data (FLTrust's root data set) is held out of the training pool for the server. */
    @Override
    public int serverRootSamples() {
        return aggregator.serverRootSamples();
    }
}
