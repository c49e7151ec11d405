package io.chainfl.scenarios;

import io.chainfl.engine.checkpoint.RunCheckpoints;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.data.FederatedData;
import io.chainfl.engine.ledger.Ledger;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;

/**
 * What a scenario gets to run with: the resolved config, the split data, the ledger, where results go, and
 * where it resumes from and reports finished rounds for checkpoints.
 */
public record ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener,
                              RunCheckpoints checkpoints) {
    public ScenarioContext {
        checkpoints = checkpoints == null ? RunCheckpoints.NONE : checkpoints;
    }

    /** A context that starts at round 1 and writes no checkpoints. */
    public ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener) {
        this(config, data, seeds, ledger, listener, RunCheckpoints.NONE);
    }
}
