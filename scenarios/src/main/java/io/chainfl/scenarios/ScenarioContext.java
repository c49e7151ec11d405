package io.chainfl.scenarios;

import io.chainfl.agents.Deployment;
import io.chainfl.engine.aggregation.ServerContext;
import io.chainfl.engine.checkpoint.RunCheckpoints;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.data.FederatedData;
import io.chainfl.engine.ledger.Ledger;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;

/**
 * What a scenario gets to run with: the resolved config, the split data, the ledger, where results go, where it
 * resumes from and reports finished rounds for checkpoints, and where participants live (this JVM unless the
 * run is clustered; scenarios that do not support clusters ignore it).
 */
public record ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener,
                              RunCheckpoints checkpoints, Deployment deployment) {
    public ScenarioContext {
        checkpoints = checkpoints == null ? RunCheckpoints.NONE : checkpoints;
        deployment = deployment == null ? Deployment.LOCAL : deployment;
    }

    /**
     * What a protocol's server holds besides the uploads (the root data held out for it, a fresh model copy to train, the
     * training settings, the seeds), built here only and handed to every aggregation rule's factory.
     */
    public ServerContext server() {
        return new ServerContext(data.serverRootData(), () -> ModelBuilder.build(config, data.test(), seeds), config.training(), seeds);
    }

    /** A context that starts at round 1, writes no checkpoints and runs in this JVM. */
    public ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener) {
        this(config, data, seeds, ledger, listener, RunCheckpoints.NONE, Deployment.LOCAL);
    }

    public ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener, RunCheckpoints checkpoints) {
        this(config, data, seeds, ledger, listener, checkpoints, Deployment.LOCAL);
    }
}
