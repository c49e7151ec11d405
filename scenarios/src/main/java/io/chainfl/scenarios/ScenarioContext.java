package io.chainfl.scenarios;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.data.FederatedData;
import io.chainfl.engine.ledger.Ledger;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;

/** What a scenario gets to run with: the resolved config, the split data, the ledger and where results go. */
public record ScenarioContext(RunConfig config, FederatedData data, SeedStreams seeds, Ledger ledger, RunListener listener) {}
