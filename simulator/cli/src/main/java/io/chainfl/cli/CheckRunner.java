package io.chainfl.cli;

import io.chainfl.scenarios.run.Simulation;
import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.cli.expect.RunOutcome;
import io.chainfl.engine.metrics.RunResult;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs what a file defines (every variant) once per seed and labels the results by variant and seed. One seed
 * runs into the check folder itself; several seeds each into {@code seed-N} under it.
 */
final class CheckRunner {
    private final RunOrchestrator orchestrator;

    CheckRunner(RunOrchestrator orchestrator) {
        this.orchestrator = orchestrator;
    }

    List<RunOutcome> runAll(RunConfig config, List<Long> seeds, Path dir) {
        List<RunOutcome> outcomes = new ArrayList<>();
        for (long seed : seeds) {
            RunConfig seeded = withSeed(config, seed);
            Path runDir = seeds.size() == 1 ? dir : dir.resolve("seed-" + seed);
            if (seeded.variants().isEmpty()) {
                outcomes.add(new RunOutcome("", seed, orchestrator.run(seeded, runDir, true)));
            } else {
                Map<String, RunResult> byVariant = new VariantRunner(orchestrator).run(seeded, runDir, true);
                byVariant.forEach((variant, result) -> outcomes.add(new RunOutcome(variant, seed, result)));
            }
        }
        return outcomes;
    }

    static RunConfig withSeed(RunConfig config, long seed) {
        ConfigLoader loader = Configs.loader();
        return loader.parse(config.name() + " (seed " + seed + ")", loader.toYaml(config), List.of("seed=" + seed, "sweep={}"));
    }

    /**
     * The series labels the runs will produce, in run order (the default first), with the scenario columns of each;
     * computed from the config alone so that assertions can be checked before anything runs.
     */
    static Map<String, Set<String>> seriesColumns(RunConfig config) {
        Map<String, Set<String>> columns = new LinkedHashMap<>();
        if (config.variants().isEmpty()) {
            addRun(columns, "", config);
            return columns;
        }
        VariantRunner.resolve(config).forEach((variant, resolved) -> addRun(columns, variant, resolved));
        return columns;
    }

    private static void addRun(Map<String, Set<String>> columns, String variant, RunConfig config) {
        Scenario<?> scenario = ScenarioRegistry.forParams(config.scenario());
        Set<String> own = new LinkedHashSet<>(scenario.metricColumns(config));
        if (!variant.isEmpty()) {
            columns.put(variant, own); // a variant runs without the baseline: its one series is the scenario's
            return;
        }
        columns.put(scenario.series(), own);
        if (Simulation.withBaseline(config)) {
            columns.put(Simulation.BASELINE_SERIES, Set.of());
        }
    }
}
