package io.chainfl.scenarios.baseline;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.ScenarioParams;

public record CentralizedParams(
        @Doc("evaluation batch size for the model on the test set") @Range(min = 1, max = 1_000_000) Integer evalBatchSize)
        implements ScenarioParams {

    public CentralizedParams {
        evalBatchSize = evalBatchSize == null ? 512 : evalBatchSize;
    }

    public static CentralizedParams defaults() {
        return new CentralizedParams(null);
    }
}
