package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.privacy.PrivacyAccountant;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.scenarios.run.RunHooks;
import io.chainfl.scenarios.run.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * LearningChain on the gate's task (configs/regression/learningchain.yaml: 20 data holders, one gradient step each per
 * round, four proof-of-work nodes 4:3:2:1), shortened: l-nearest gradients hold against Byzantine holders where plain
 * averaging fails, a tighter privacy budget raises test error, the winners follow the hash power, and a run is the same
 * bits on one or two threads.
 */
class LearningChainScenarioTest {
    private static final String GATE = "regression/learningchain.yaml";

    private static RunConfig tiny(String... more) {
        List<String> overrides = new ArrayList<>(List.of("rounds=8"));
        overrides.addAll(List.of(more));
        return ScenarioRunner.load(GATE, overrides.toArray(String[]::new));
    }

    private static double testError(List<RoundMetrics> rounds) {
        return rounds.get(rounds.size() - 1).extra().get("test_error");
    }

    @Test
    void lNearestHoldsAgainstByzantineHoldersWherePlainAveragingFails() {
        String attack = "adversaries=[{type: sign_flip, fraction: 0.3, scale: 4}]";
        double clean = ScenarioRunner.finalAccuracy(ScenarioRunner.run(tiny()));
        double averaged = ScenarioRunner.finalAccuracy(ScenarioRunner.run(tiny(attack, "scenario.aggregator={type: fedavg}")));
        double lNearest = ScenarioRunner.finalAccuracy(ScenarioRunner.run(tiny(attack)));
        assertTrue(clean > 0.6, "clean: " + clean + ", averaged: " + averaged + ", l-nearest: " + lNearest);
        assertTrue(averaged < 0.3, "plain averaging under 30% sign_flip: " + averaged);
        assertTrue(lNearest > clean - 0.05, "l-nearest under 30% sign_flip: " + lNearest + ", clean: " + clean);
    }

    @Test
    void aTighterPrivacyBudgetRaisesTestError() {
        List<RoundMetrics> none = ScenarioRunner.run(tiny());
        List<RoundMetrics> loose = ScenarioRunner.run(tiny("privacy={mode: local, noise_multiplier: 0.1}"));
        List<RoundMetrics> tight = ScenarioRunner.run(tiny("privacy={mode: local, noise_multiplier: 1}"));
        assertTrue(testError(none) < testError(loose) && testError(loose) < testError(tight),
                "test error: no DP " + testError(none) + ", z 0.1 " + testError(loose) + ", z 1 " + testError(tight));
        double looseEpsilon = loose.get(7).extra().get(PrivacyAccountant.COLUMN);
        double tightEpsilon = tight.get(7).extra().get(PrivacyAccountant.COLUMN);
        assertTrue(tightEpsilon < looseEpsilon, "epsilon: z 0.1 " + looseEpsilon + ", z 1 " + tightEpsilon);
        // test_error is 1 - accuracy of the same model
        assertEquals(1 - ScenarioRunner.finalAccuracy(tight), testError(tight), 1e-12);
    }

    @Test
    void everyRoundIsMinedByANodeAndPostedInItsBlock() {
        List<RoundMetrics> rounds = new ArrayList<>();
        List<RunEvent> events = new ArrayList<>();
        ScenarioRunner.run(tiny("rounds=4"), collect(rounds, events));
        assertEquals(List.of("block_mined", "block_mined", "block_mined", "block_mined"), events.stream().map(RunEvent::kind).toList());
        double previous = 0;
        for (RoundMetrics r : rounds) {
            double winner = r.extra().get("winner");
            assertTrue(winner >= 0 && winner < 4, "winner " + winner);
            assertEquals(new double[] {0.4, 0.3, 0.2, 0.1}[(int) winner], r.extra().get("winner_hash_share"), 1e-12);
            assertEquals("node-" + (int) winner, events.get(r.round() - 1).subject());
            // 20 gradients and the model update: two proof-of-work blocks a round, so the clock moves on
            assertEquals(21.0, r.extra().get("ledger_txs"));
            assertTrue(r.extra().get("virtual_time_s") > previous, "round " + r.round());
            previous = r.extra().get("virtual_time_s");
        }
    }

    @Test
    void aRunIsTheSameBitsOnOneOrTwoThreads(@TempDir Path dir) throws Exception {
        RunConfig config = tiny("rounds=3", "privacy={mode: local, noise_multiplier: 0.1}", "adversaries=[{type: gaussian, fraction: 0.2}]");
        RunFolder one = runInto(dir.resolve("one"), config, "runtime.threads=1");
        RunFolder two = runInto(dir.resolve("two"), config, "runtime.threads=2");
        assertArrayEquals(Files.readAllBytes(one.metrics()), Files.readAllBytes(two.metrics()));
        for (String file : List.of(RunFolder.PARTICIPANTS, RunFolder.EVENTS)) {
            assertArrayEquals(Files.readAllBytes(one.dir().resolve(file)), Files.readAllBytes(two.dir().resolve(file)), file);
        }
    }

    @Test
    void aChainWithoutProofOfWorkAndTooFewHoldersAreRefusedNamingTheKey() {
        ConfigException poa = assertThrows(ConfigException.class, () -> tiny("ledger.simulated.consensus.type=poa"));
        assertTrue(poa.getMessage().contains("ledger: learningchain's computing nodes race in proof of work"), poa.getMessage());
        ConfigException few = assertThrows(ConfigException.class, () -> tiny("participants=9"));
        assertTrue(few.getMessage().contains("l_nearest needs 10 gradients per round (n > l with l = 9), got 9"), few.getMessage());
        ConfigException nobody = assertThrows(ConfigException.class, () -> tiny("scenario.hash_power=[]"));
        assertTrue(nobody.getMessage().contains("scenario.hash_power: at least one computing node must mine"), nobody.getMessage());
        ConfigException central = assertThrows(ConfigException.class, () -> tiny("privacy={mode: central}"));
        assertTrue(central.getMessage().contains("privacy.mode"), central.getMessage());
    }

    private static RunFolder runInto(Path dir, RunConfig base, String threads) throws Exception {
        Files.createDirectories(dir);
        Path file = dir.resolve("in.yaml");
        Files.writeString(file, Simulation.configLoader().toYaml(base));
        RunConfig config = Simulation.configLoader().load(file, List.of(threads));
        RunFolder folder = new RunFolder(dir);
        Simulation.prepare(config, folder, true);
        Simulation.local("test").run(config, folder, RunHooks.NONE);
        return folder;
    }

    private static RunListener collect(List<RoundMetrics> rows, List<RunEvent> events) {
        return new RunListener() {
            @Override
            public void onRound(RoundMetrics metrics) {
                rows.add(metrics);
            }

            @Override
            public void onEvent(RunEvent event) {
                events.add(event);
            }
        };
    }
}
