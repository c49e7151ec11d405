package io.chainfl.scenarios;

import io.chainfl.agents.Deployment;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.data.FederatedData;
import io.chainfl.engine.ledger.Ledger;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;

/**
 * What a scenario gets to run with: the resolved config, the split data, the ledger, where results go, and
 * where participants live (this JVM unless the run is clustered; scenarios that do not support clusters ignore it).
 */
public record ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener, Deployment deployment) {

    public ScenarioContext {
        deployment = deployment == null ? Deployment.LOCAL : deployment;
    }

    public ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener) {
        this(config, data, seeds, ledger, listener, Deployment.LOCAL);
    }
}
