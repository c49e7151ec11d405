package io.chainfl.scenarios.fedavg;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.ScenarioParams;

public record FedAvgParams(
        @Doc("fraction of participants sampled each round (at least one)") @Range(min = 0, max = 1, exclusiveMin = true) Double sampleFraction,
        @Doc("evaluation batch size for the global model on the test set") @Range(min = 1, max = 1_000_000) Integer evalBatchSize)
        implements ScenarioParams {

    public FedAvgParams {
        sampleFraction = sampleFraction == null ? 1.0 : sampleFraction;
        evalBatchSize = evalBatchSize == null ? 512 : evalBatchSize;
    }
}
