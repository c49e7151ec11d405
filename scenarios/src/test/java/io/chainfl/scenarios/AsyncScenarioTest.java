package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.Deployment;
import io.chainfl.engine.UserError;
import io.chainfl.engine.checkpoint.RunInterrupted;
import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.Ledgers;
import io.chainfl.scenarios.run.RunHooks;
import io.chainfl.scenarios.run.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fedavg with asynchronous aggregation on the stragglers' devices (configs/devices-stragglers.yaml made small:
 * softmax, blocks that take no time): the timeline follows the devices, results are the same bytes on one or two
 * threads, and what asynchronous aggregation cannot do is refused with one line.
 */
class AsyncScenarioTest {
    private static final String[] SMALL = {"model.type=softmax", "rounds=3", "variants=[]", "ledger.simulated.consensus.type=instant"};
    private static final String FEDASYNC = "scenario.asynchronous={type: fedasync, alpha: 0.6, staleness: {type: polynomial, a: 0.5}}";
    private static final String FEDBUFF = "scenario.asynchronous={type: fedbuff, buffer: 4, server_lr: 1.0}";

    private static RunConfig config(String... more) {
        List<String> overrides = new ArrayList<>(List.of(SMALL));
        overrides.addAll(List.of(more));
        return ScenarioRunner.load("devices-stragglers.yaml", overrides.toArray(String[]::new));
    }

    private static double seconds(RoundMetrics m) {
        return m.extra().get(VirtualTime.COLUMN);
    }

    /**
     * Nine phones as fast as one another and one ten times slower: a synchronous round without stragglers lasts one fast
     * phone's training (D). Under FedAsync the nine fast uploads arrive together at D, one version each (ties by id, so
     * staleness 0, 1, ..., 8), and every fast phone starts again on the version its own upload made: the next nine
     * arrive at 2D, each 8 versions stale. The slow phone is not in before 10 D.
     */
    @Test
    void fedAsyncFollowsTheDevicesTimeline() {
        double fastRound = seconds(ScenarioRunner.run(config("devices.assign=[]", "rounds=1")).get(0));
        List<RoundMetrics> rows = ScenarioRunner.run(config(FEDASYNC, "rounds=18"));
        assertEquals(18, rows.size());
        for (int i = 0; i < 18; i++) {
            RoundMetrics row = rows.get(i);
            assertEquals(i + 1, row.round(), "one row per version (eval_every 1)");
            assertEquals(i < 9 ? fastRound : 2 * fastRound, seconds(row), 1e-9, "version " + row.round());
            assertEquals(i < 9 ? i : 8, row.extra().get("staleness_max"), "version " + row.round());
            assertEquals(1.0, row.extra().get("participants"));
        }
    }

    /**
     * FedBuff with a buffer of 4 participants: rows every 2 versions carry at least 8 updates (more when a fast phone's
     * second update shares its entry with its first), each one's hash on the ledger.
     */
    @Test
    void fedBuffAppliesFullBuffers() {
        List<RoundMetrics> rows = ScenarioRunner.run(config(FEDBUFF.replace("}", ", eval_every: 2}")));
        assertEquals(List.of(2, 4, 6), rows.stream().map(RoundMetrics::round).toList());
        for (RoundMetrics row : rows) {
            assertTrue(row.extra().get("participants") >= 8.0, row.toString());
            assertEquals(row.extra().get("participants"), row.extra().get("ledger_txs"), "each applied update's hash on the ledger");
        }
        assertTrue(seconds(rows.get(2)) < 3.0, "the slow phone never holds the buffer up: " + seconds(rows.get(2)));
    }

    /** FedBuff's buffer goes through the configured rule: the coordinate-wise median of 4 participants' updates. */
    @Test
    void fedBuffsBufferGoesThroughARobustAggregator() {
        List<RoundMetrics> mean = ScenarioRunner.run(config(FEDBUFF, "rounds=2"));
        List<RoundMetrics> median = ScenarioRunner.run(config(FEDBUFF, "rounds=2", "scenario.aggregator={type: median}"));
        assertEquals(mean.get(1).extra().get(VirtualTime.COLUMN), median.get(1).extra().get(VirtualTime.COLUMN), "the same timeline");
        assertTrue(mean.get(1).loss() != median.get(1).loss(), "another rule, another model");
        assertTrue(median.get(1).accuracy() > 0.7, "the median of honest updates still learns: " + median.get(1).accuracy());
    }

    @Test
    void resultsAreTheSameOnOneOrTwoThreadsAndAResumeContinuesFromTheBaseline(@TempDir Path dir) throws Exception {
        for (String async : List.of(FEDASYNC, FEDBUFF)) {
            RunConfig config = config(async, "baseline.centralized=true", "rounds=4", "devices.assign=[{preset: phone, fraction: 0.1, slowdown: 10},"
                    + " {preset: laptop, ids: [0, 2]}]");
            String name = async.contains("fedbuff") ? "fedbuff" : "fedasync";
            Path one = runInto(dir.resolve(name + "-one"), config, "runtime.threads=1");
            Path two = runInto(dir.resolve(name + "-two"), config, "runtime.threads=2");
            for (String file : List.of(RunFolder.METRICS, RunFolder.PARTICIPANTS, RunFolder.EVENTS, RunFolder.SUMMARY)) {
                assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)), name + " " + file);
            }
            // the asynchronous series writes no checkpoint; the baseline after it does, and a resume continues the baseline
            RunFolder resumed = new RunFolder(dir.resolve(name + "-resumed"));
            Simulation.prepare(config, resumed, false);
            AtomicInteger checkpoints = new AtomicInteger();
            assertThrows(RunInterrupted.class, () -> new Simulation(null, () -> checkpoints.incrementAndGet() == 2, "test").run(config, resumed, RunHooks.NONE));
            Simulation.local("test").resume(config, resumed, Simulation.checkpointToResume(config, resumed), RunHooks.NONE);
            for (String file : List.of(RunFolder.METRICS, RunFolder.PARTICIPANTS, RunFolder.EVENTS)) {
                assertEquals(Files.readString(one.resolve(file)), Files.readString(resumed.dir().resolve(file)), name + " " + file + " after a resume");
            }
        }
    }

    private static Path runInto(Path dir, RunConfig base, String threads) throws Exception {
        Files.createDirectories(dir);
        Path file = Files.writeString(dir.resolve("in.yaml"), Simulation.configLoader().toYaml(base));
        RunConfig config = Simulation.configLoader().load(file, List.of(threads));
        RunFolder folder = new RunFolder(dir.resolve("run"));
        Simulation.prepare(config, folder, true);
        Simulation.local("test").run(config, folder, RunHooks.NONE);
        return folder.dir();
    }

    private static String refusal(String... overrides) {
        return assertThrows(ConfigException.class, () -> config(overrides)).getMessage();
    }

    @Test
    void whatAsynchronousAggregationCannotDoIsRefusedWithOneLine() {
        assertContains(refusal(FEDASYNC, "devices=null"), "scenario.asynchronous", "fedasync takes uploads in the order they arrive in virtual time,"
                + " which needs the participants' devices; add a devices section");
        assertContains(refusal(FEDASYNC, "scenario.aggregator={type: median}"), "scenario.aggregator", "fedasync mixes each update into the model alone,"
                + " so median has nothing to combine; use scenario.asynchronous {type: fedbuff}");
        assertContains(refusal(FEDBUFF, "scenario.aggregator={type: krum, f: 1}"), "scenario.asynchronous.buffer", "krum needs 5 updates");
        assertContains(refusal(FEDBUFF.replace("buffer: 4", "buffer: 11")), "scenario.asynchronous.buffer", "a buffer of 11 updates from 10 participants");
        assertContains(refusal(FEDBUFF, "scenario.sample_fraction=0.5"), "scenario.sample_fraction", "fedbuff samples no rounds");
        assertContains(refusal(FEDASYNC, "scenario.round_end=first_k", "scenario.k=3"), "scenario.round_end", "ends synchronous rounds; fedasync has none");
        assertContains(refusal(FEDASYNC.replace("}}", "}, concurrency: 11}")), "scenario.asynchronous.concurrency", "11 participants training at once");
        assertContains(refusal(FEDBUFF, "adversaries=[{type: alie, fraction: 0.2}]"), "adversaries[0].type", "alie works on a round's uploads and fedbuff has no rounds");
        assertContains(refusal(FEDASYNC, "devices.assign=[{preset: phone, fraction: 0.1, dropout: 0.2}]"), "devices.assign[0].dropout", "dropout is drawn per round");
        assertContains(refusal(FEDASYNC, "devices.trace=trace.csv"), "devices.trace", "offline windows are not modelled for fedasync");
        assertContains(refusal(FEDASYNC, "runtime.on_participant_failure=drop"), "runtime.on_participant_failure", "only fail is supported with fedasync");
    }

    /** A clustered deployment (any other than this JVM's) is refused before anything starts. */
    @Test
    void aClusteredRunIsRefused() {
        RunConfig config = config(FEDASYNC);
        RunInputs inputs = RunInputs.of(config);
        Deployment elsewhere = (name, threads, params, entities, simulation) -> {
            throw new AssertionError("nothing may start");
        };
        try (Ledger ledger = Ledgers.create(config.ledger(), inputs.seeds())) {
            UserError e = assertThrows(UserError.class, () -> ScenarioRegistry.forParams(config.scenario()).runUnchecked(new ScenarioContext(config,
                    inputs.data(), inputs.seeds(), ledger, m -> {}, null, elsewhere), config.scenario()));
            assertEquals("--cluster: scenario.asynchronous (fedasync) runs in one JVM only; run without --cluster or remove scenario.asynchronous",
                    e.getMessage());
        }
    }

    /** The config key named and the message, on one line (the loader puts where the value came from around the key). */
    private static void assertContains(String message, String key, String expected) {
        assertTrue(message.contains(key), message);
        assertTrue(message.contains(expected), message);
        assertEquals(1, message.lines().count(), message);
    }
}
