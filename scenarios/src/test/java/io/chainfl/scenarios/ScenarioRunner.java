package io.chainfl.scenarios;

import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.FederatedData;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.Ledgers;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: loads a config from configs/ with overrides and runs its scenario, collecting the rounds. */
final class ScenarioRunner {
    private ScenarioRunner() {}

    static Path configs() {
        return Path.of(System.getProperty("chainfl.project.dir", "..")).resolve("configs");
    }

    static RunConfig load(String file, String... overrides) {
        return new ConfigLoader(ScenarioRegistry.configTypes()).load(configs().resolve(file), List.of(overrides));
    }

    static List<RoundMetrics> run(RunConfig config) {
        List<RoundMetrics> rounds = new ArrayList<>();
        run(config, rounds::add);
        return rounds;
    }

    static void run(RunConfig config, RunListener collect) {
        RunInputs inputs = RunInputs.of(config);
        SeedStreams seeds = inputs.seeds();
        FederatedData data = inputs.data();
        try (Ledger ledger = Ledgers.create(config.ledger(), seeds)) {
            ScenarioRegistry.forParams(config.scenario()).runUnchecked(new ScenarioContext(config, data, seeds, ledger, collect), config.scenario());
            if (!ledger.verifyChain()) {
                throw new AssertionError("ledger chain does not verify");
            }
        }
    }

    static double finalAccuracy(List<RoundMetrics> rounds) {
        return rounds.get(rounds.size() - 1).accuracy();
    }
}
