package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.metrics.RoundMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SecCL's studied behaviour on small configs (real digits, MLP, 10 participants): it matches FedAvg without
 * adversaries, holds accuracy against colluders that FedAvg-style averaging lets through, and every cheating
 * relay of a malicious server is detected.
 */
class SecclScenarioTest {
    private static final String[] SMALL = {
        "participants=10", "rounds=12", "model.type=mlp", "training.lr=0.1", "data.limit=6000", "scenario={type: seccl, lambda: 0.3, share_fraction: 0.1}"
    };

    private static String[] with(String... more) {
        String[] all = java.util.Arrays.copyOf(SMALL, SMALL.length + more.length);
        System.arraycopy(more, 0, all, SMALL.length, more.length);
        return all;
    }

    private static double lastAccuracy(List<RoundMetrics> rounds) {
        return ScenarioRunner.finalAccuracy(rounds);
    }

    private static double total(List<RoundMetrics> rounds, String column) {
        return rounds.stream().mapToDouble(m -> m.extra().getOrDefault(column, 0.0)).sum();
    }

    @Test
    void withoutAdversariesMatchesFedAvgWithinTwoPoints() {
        List<RoundMetrics> seccl = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", with()));
        List<RoundMetrics> fedavg = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", with("scenario={type: fedavg}")));
        assertEquals("seccl", seccl.get(0).series());
        assertEquals(3.0, seccl.get(0).extra().get("elected"), "M = round(0.3 * 10)");
        assertTrue(lastAccuracy(seccl) >= lastAccuracy(fedavg) - 0.02, "SecCL " + lastAccuracy(seccl) + " vs FedAvg " + lastAccuracy(fedavg));
        assertEquals(0.0, total(seccl, "detections"), "no false alarms on an honest run");
    }

    @Test
    void electionThrottlesColludersThatAveragingLetsThrough() {
        String colluders = "adversaries=[{type: label_flip, fraction: 0.2, start_round: 3}, {type: dishonest_vote, fraction: 0.2, start_round: 3}]";
        double clean = lastAccuracy(ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", with())));
        List<RoundMetrics> attacked = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", with(colluders)));
        List<RoundMetrics> averaged = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", with(colluders, "scenario.aggregator=fedavg")));
        double secclDrop = clean - lastAccuracy(attacked);
        double averagedDrop = clean - lastAccuracy(averaged);
        assertTrue(secclDrop <= 0.03, "SecCL loses " + secclDrop + " to 20% colluders");
        assertTrue(averagedDrop > secclDrop + 0.02, "averaging every upload loses " + averagedDrop + ", SecCL " + secclDrop);
        assertTrue(total(attacked.subList(2, attacked.size()), "elected_adversaries") < total(attacked.subList(2, attacked.size()), "elected") / 2,
                "colluders win few seats");
    }

    @Test
    void everyCheatingRelayIsDetected() {
        for (String mode : new String[] {"tamper", "swap", "drop", "equivocate"}) {
            List<RoundMetrics> rounds = ScenarioRunner.run(ScenarioRunner.load("quickstart.yaml", with("rounds=3",
                    "adversaries=[{type: malicious_server, mode: " + mode + ", victims: 2, start_round: 2}]")));
            double cheated = total(rounds, "relays_cheated");
            assertTrue(cheated > 0, mode + ": the server cheated");
            assertEquals(cheated, total(rounds, "detections"), mode + ": every cheated relay is detected, nothing else");
            assertEquals(0.0, rounds.get(0).extra().get("detections"), mode + ": honest first round, no false alarm");
        }
    }
}
