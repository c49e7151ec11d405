package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.checkpoint.RunInterrupted;
import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.PrivacyMode;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.privacy.PrivacyAccountant;
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
 * The privacy section on the small task of configs/attack-small.yaml (softmax, 4,000 real digits, 20 participants):
 * DP-FedAvg's noise costs accuracy and buys epsilon, epsilon grows with the rounds, runs are the same bits on one or
 * two threads and after a resume, and a protocol where the section means nothing refuses it.
 */
class PrivacyScenarioTest {

    private static RunConfig small(String... more) {
        List<String> overrides = new ArrayList<>(List.of("rounds=4"));
        overrides.addAll(List.of(more));
        return ScenarioRunner.load("attack-small.yaml", overrides.toArray(String[]::new));
    }

    private static double epsilon(RoundMetrics round) {
        return round.extra().get(PrivacyAccountant.COLUMN);
    }

    @Test
    void moreNoiseCostsAccuracyAndEpsilonGrowsWithTheRounds() {
        List<RoundMetrics> little = ScenarioRunner.run(small("privacy={mode: central, noise_multiplier: 0.5}"));
        List<RoundMetrics> much = ScenarioRunner.run(small("privacy={mode: central, noise_multiplier: 3}"));
        // measured: 0.79 against 0.46 after 4 rounds
        assertTrue(ScenarioRunner.finalAccuracy(little) > ScenarioRunner.finalAccuracy(much) + 0.15,
                "z 0.5: " + ScenarioRunner.finalAccuracy(little) + ", z 3: " + ScenarioRunner.finalAccuracy(much));
        for (int r = 1; r < 4; r++) {
            assertTrue(epsilon(little.get(r)) > epsilon(little.get(r - 1)), "round " + (r + 1) + " spends more than round " + r);
            assertTrue(epsilon(much.get(r)) > epsilon(much.get(r - 1)));
            assertTrue(epsilon(much.get(r)) < epsilon(little.get(r)), "more noise, smaller epsilon");
        }
        // every participant every round (q = 1), z = 3: the plain Gaussian's RDP 4 alpha / 18 converted at delta 1e-5
        assertEquals(PrivacyAccountant.of(small("privacy={noise_multiplier: 3}").privacy(), 1.0).epsilonAfter(4), epsilon(much.get(3)));
        // a run without the section has no such column
        assertFalse(ScenarioRunner.run(small("rounds=1")).get(0).extra().containsKey(PrivacyAccountant.COLUMN));
    }

    @Test
    void samplingFewerParticipantsSpendsLess() {
        RunConfig half = small("scenario.sample_fraction=0.5", "privacy={mode: central, noise_multiplier: 1}");
        RunConfig all = small("privacy={mode: central, noise_multiplier: 1}");
        assertEquals(0.5, half.scenario().participationRate(half));
        assertTrue(PrivacyAccountant.of(half.privacy(), 0.5).epsilonAfter(4) < PrivacyAccountant.of(all.privacy(), 1.0).epsilonAfter(4));
    }

    @Test
    void localNoiseIsTheSameOnOneOrTwoThreadsAndAfterAResume(@TempDir Path dir) throws Exception {
        RunConfig config = small("scenario.sample_fraction=0.5", "privacy={mode: local, clip_norm: 2, noise_multiplier: 0.01}");
        byte[] oneThread = runInto(dir.resolve("one"), config, "runtime.threads=1");
        byte[] twoThreads = runInto(dir.resolve("two"), config, "runtime.threads=2");
        assertArrayEquals(oneThread, twoThreads);
        String metrics = new String(oneThread);
        assertTrue(metrics.lines().findFirst().orElseThrow().endsWith("," + PrivacyAccountant.COLUMN + ",virtual_time_s"), metrics);

        RunFolder resumed = new RunFolder(dir.resolve("resumed"));
        Simulation.prepare(config, resumed, false);
        AtomicInteger checkpoints = new AtomicInteger();
        assertThrows(RunInterrupted.class, () -> new Simulation(null, () -> checkpoints.incrementAndGet() == 2, "test").run(config, resumed, RunHooks.NONE));
        Simulation.local("test").resume(config, resumed, Simulation.checkpointToResume(config, resumed), RunHooks.NONE);
        assertEquals(metrics, Files.readString(resumed.metrics()));
        assertEquals(Files.readString(dir.resolve("one").resolve(RunFolder.PARTICIPANTS)), Files.readString(resumed.dir().resolve(RunFolder.PARTICIPANTS)));
    }

    @Test
    void centralNoiseIsTheSameOnOneOrTwoThreads(@TempDir Path dir) throws Exception {
        RunConfig config = small("rounds=2", "scenario.sample_fraction=0.5", "privacy={mode: central}");
        assertArrayEquals(runInto(dir.resolve("one"), config, "runtime.threads=1"), runInto(dir.resolve("two"), config, "runtime.threads=2"));
    }

    @Test
    void protocolsWithoutUpdatesAndModesWithoutMeaningAreRefusedNamingTheKey() {
        ConfigException sum = assertThrows(ConfigException.class, () -> ScenarioRunner.load("sum-deposit.yaml", "privacy={mode: local}"));
        assertTrue(sum.getMessage().contains("privacy: this scenario.type has no participant updates"), sum.getMessage());
        ConfigException seccl = assertThrows(ConfigException.class, () -> ScenarioRunner.load("seccl-collusion.yaml", "privacy={mode: central}"));
        assertTrue(seccl.getMessage().contains("privacy.mode): central is not available for this scenario.type"), seccl.getMessage());
        ConfigException median = assertThrows(ConfigException.class, () -> small("scenario.aggregator={type: median}", "privacy={mode: central}"));
        assertTrue(median.getMessage().contains("set privacy.mode: local"), median.getMessage());
        // local DP goes with any rule
        assertEquals(PrivacyMode.LOCAL, small("scenario.aggregator={type: median}", "privacy={mode: local}").privacy().mode());
    }

    @Test
    void deepchainEncryptsTheNoisedChange() {
        String[] deepchain = {"rounds=1", "scenario.key_bits=256", "baseline.centralized=false"};
        RunConfig plain = ScenarioRunner.load("regression/deepchain-forfeits.yaml", deepchain);
        List<String> noisy = new ArrayList<>(List.of(deepchain));
        noisy.add("privacy={mode: local, noise_multiplier: 2}");
        List<RoundMetrics> withNoise = ScenarioRunner.run(ScenarioRunner.load("regression/deepchain-forfeits.yaml", noisy.toArray(String[]::new)));
        List<RoundMetrics> without = ScenarioRunner.run(plain);
        assertTrue(ScenarioRunner.finalAccuracy(withNoise) < ScenarioRunner.finalAccuracy(without) - 0.2,
                "noise multiplier 2: " + ScenarioRunner.finalAccuracy(withNoise) + ", none: " + ScenarioRunner.finalAccuracy(without));
        assertTrue(epsilon(withNoise.get(0)) > 0);
    }

    private static byte[] runInto(Path dir, RunConfig base, String threads) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("in.yaml");
        Files.writeString(file, Simulation.configLoader().toYaml(base));
        RunConfig config = Simulation.configLoader().load(file, List.of(threads));
        RunFolder folder = new RunFolder(dir);
        Simulation.prepare(config, folder, true);
        Simulation.local("test").run(config, folder, RunHooks.NONE);
        return Files.readAllBytes(folder.metrics());
    }
}
