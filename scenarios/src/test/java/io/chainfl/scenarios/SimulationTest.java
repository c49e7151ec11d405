package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.RunResult;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.scenarios.run.RunHooks;
import io.chainfl.scenarios.run.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run API below the CLI: one config into one run folder, with nothing of the command line around it. */
class SimulationTest {

    @Test
    void runsAConfigIntoAFinishedRunFolder(@TempDir Path dir) throws Exception {
        RunConfig config = ScenarioRunner.load("cluster-small.yaml", "rounds=2", "baseline.centralized=true");
        RunFolder folder = new RunFolder(dir.resolve("run"));
        List<RunHooks.RunPlan> plans = new ArrayList<>();
        RunHooks hooks = new RunHooks() {
            @Override
            public RunListener starting(RunPlan plan, RunListener recorder) {
                plans.add(plan);
                return recorder;
            }

            @Override
            public List<String> finishing(RunConfig c, RunResult result, RunFolder f, RunListener timings) {
                assertFalse(f.finished(), "summary.json comes after the caller's files");
                return List.of("extra.txt");
            }
        };
        Simulation.prepare(config, folder, false);
        RunResult result = Simulation.local("test").run(config, folder, hooks);

        assertTrue(folder.finished());
        assertEquals(List.of("fedavg", Simulation.BASELINE_SERIES), result.series());
        assertEquals(4, plans.get(0).reportedRounds(), "2 rounds of fedavg and 2 of the baseline");
        assertEquals(Simulation.reportedRounds(config), plans.get(0).reportedRounds());
        assertEquals(1 + 4, Files.readAllLines(folder.metrics()).size(), "header and one row per round and series");
        assertFalse(Files.exists(folder.checkpointDir()), "a finished run keeps no checkpoint");
        assertFalse(Files.exists(RunFolder.partial(folder.metrics())));
        JsonNode summary = new ObjectMapper().readTree(folder.summary().toFile());
        assertEquals("test", summary.path("chainfl_version").asText());
        List<String> files = new ArrayList<>();
        summary.path("files").forEach(f -> files.add(f.asText()));
        assertEquals(List.of(RunFolder.CONFIG, RunFolder.METRICS, RunFolder.PARTICIPANTS, RunFolder.EVENTS, RunFolder.TIMING, "extra.txt"), files);
        assertEquals(config, Simulation.configLoader().load(folder.config(), List.of()), "config.yaml reloads as the config that ran");
    }

    @Test
    void theSameConfigGivesTheSameResultFolder(@TempDir Path dir) throws Exception {
        RunConfig config = ScenarioRunner.load("cluster-small.yaml", "rounds=2");
        List<byte[]> metrics = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            RunFolder folder = new RunFolder(dir.resolve(name));
            Simulation.prepare(config, folder, false);
            Simulation.local("test").run(config, folder, RunHooks.NONE);
            metrics.add(Files.readAllBytes(folder.metrics()));
        }
        assertEquals(new String(metrics.get(0)), new String(metrics.get(1)));
    }

    /**
     * With two threads a fresh run computes the centralized baseline beside the scenario; with one, after it. Both
     * write the same results, and the baseline's rows still follow the scenario's.
     */
    @Test
    void baselineComputedBesideTheScenarioWritesWhatComputingItAfterwardsWrites(@TempDir Path dir) throws Exception {
        List<List<String>> metrics = new ArrayList<>();
        for (int threads : new int[] {1, 2}) {
            RunConfig config = ScenarioRunner.load("cluster-small.yaml", "rounds=3", "baseline.centralized=true", "runtime.threads=" + threads);
            RunFolder folder = new RunFolder(dir.resolve("t" + threads));
            Simulation.prepare(config, folder, false);
            Simulation.local("test").run(config, folder, RunHooks.NONE);
            metrics.add(Files.readAllLines(folder.metrics()));
            assertEquals(new String(Files.readAllBytes(dir.resolve("t1").resolve(RunFolder.PARTICIPANTS))),
                    new String(Files.readAllBytes(folder.dir().resolve(RunFolder.PARTICIPANTS))));
        }
        assertEquals(metrics.get(0), metrics.get(1));
        assertEquals(List.of("fedavg", "fedavg", "fedavg", "centralized", "centralized", "centralized"),
                metrics.get(1).stream().skip(1).map(line -> line.substring(0, line.indexOf(','))).toList());
    }

    @Test
    void runInputsHoldOutFltrustsRootSetOnEveryCall() {
        RunConfig plain = ScenarioRunner.load("cluster-small.yaml");
        RunConfig fltrust = ScenarioRunner.load("cluster-small.yaml", "scenario.aggregator.type=fltrust", "scenario.aggregator.root_samples=100");
        RunInputs without = RunInputs.of(plain);
        RunInputs with = RunInputs.of(fltrust);
        assertTrue(without.data().serverRootData().isEmpty());
        assertEquals(100, with.data().serverRootData().orElseThrow().size());
        assertEquals(trainAndValidation(without) - 100, trainAndValidation(with), "the root set leaves the participants' pool");
        assertEquals(with.data().participants().get(3).train().size(), RunInputs.of(fltrust).data().participants().get(3).train().size());
    }

    private static int trainAndValidation(RunInputs inputs) {
        return inputs.data().participants().stream().mapToInt(p -> p.train().size() + p.validation().size()).sum();
    }

    @Test
    void everyScenarioSaysWhetherItRunsClusteredNamingTheKey() {
        assertEquals(List.of("fedavg", "seccl", "deepchain", "sum"), ScenarioRegistry.clusterable(), "every study runs clustered; only the centralized baseline does not");
        for (Scenario<?> scenario : ScenarioRegistry.all()) {
            if (scenario.clustering() instanceof Clustering.OneJvmOnly oneJvm) {
                assertTrue(oneJvm.reason().startsWith("scenario.type " + scenario.name() + " "), oneJvm.reason());
            }
        }
    }
}
