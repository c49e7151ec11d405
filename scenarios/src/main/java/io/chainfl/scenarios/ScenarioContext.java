package io.chainfl.scenarios;

import io.chainfl.agents.Deployment;
import io.chainfl.agents.RoundDriver;
import io.chainfl.learning.aggregation.ServerContext;
import io.chainfl.engine.checkpoint.RunCheckpoints;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.FederatedData;
import io.chainfl.engine.kernel.VirtualClock;
import io.chainfl.engine.privacy.PrivacyAccountant;
import io.chainfl.ledger.Ledger;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;

/**
 * What a scenario gets to run with: the resolved config, the split data, the ledger, where results go, where it
 * resumes from and reports finished rounds for checkpoints, where participants live (this JVM unless the
 * run is clustered; scenarios that do not support clusters ignore it), and the run's virtual clock, which the
 * scenario and the centralized baseline after it share.
 */
public record ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener,
                              RunCheckpoints checkpoints, Deployment deployment, VirtualClock clock) {
    public ScenarioContext {
        checkpoints = checkpoints == null ? RunCheckpoints.NONE : checkpoints;
        deployment = deployment == null ? Deployment.LOCAL : deployment;
        clock = clock == null ? new VirtualClock() : clock;
    }

    /** A context on a clock of its own. */
    public ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener,
                           RunCheckpoints checkpoints, Deployment deployment) {
        this(config, data, seeds, ledger, listener, checkpoints, deployment, null);
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
        this(config, data, seeds, ledger, listener, RunCheckpoints.NONE, Deployment.LOCAL, null);
    }

    public ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener, RunCheckpoints checkpoints) {
        this(config, data, seeds, ledger, listener, checkpoints, Deployment.LOCAL, null);
    }

    /**
     * Rounds on the run's clock, each lasting its devices' time (if the protocol models them) plus the ledger's virtual
     * time spent in it; their metrics carry the clock's time and, with a privacy section, the privacy accountant's
     * cumulative epsilon ({@link Scenario#recordedMetrics} declares both).
     */
    public RoundDriver.Timeline roundTimeline() {
        if (config.privacy() == null) {
            return new RoundDriver.Timeline(clock, true);
        }
        PrivacyAccountant accountant = PrivacyAccountant.of(config.privacy(), config.scenario().participationRate(config));
        return new RoundDriver.Timeline(clock, true, round -> java.util.Map.of(PrivacyAccountant.COLUMN, accountant.epsilonAfter(round)));
    }
}
