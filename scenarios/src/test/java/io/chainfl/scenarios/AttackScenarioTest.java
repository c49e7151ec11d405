package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.metrics.RoundMetrics;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every model-poisoning attack against plain averaging and against a defence designed for it, on the small task
 * of configs/attack-small.yaml (softmax, 4,000 digits, 20 IID participants, 6 rounds; clean accuracy about 0.85).
 * Each attack must cost averaging clearly more than the defence lets it cost.
 */
class AttackScenarioTest {
    private static double clean;

    private static List<RoundMetrics> run(String aggregator, String adversaries) {
        return ScenarioRunner.run(ScenarioRunner.load("attack-small.yaml", "scenario.aggregator={type: " + aggregator + "}",
                "adversaries=" + adversaries));
    }

    private static double accuracy(String aggregator, String adversaries) {
        return ScenarioRunner.finalAccuracy(run(aggregator, adversaries));
    }

    @BeforeAll
    static void cleanRun() {
        clean = accuracy("fedavg", "[]");
        assertTrue(clean > 0.8, "the small task learns without attackers: " + clean);
    }

    private static void hurtsAveragingButNot(String defence, String adversaries, double averagingLoss) {
        double averaged = accuracy("fedavg", adversaries);
        double defended = accuracy(defence, adversaries);
        assertTrue(averaged < clean - averagingLoss, adversaries + " costs fedavg more than " + averagingLoss + ": " + averaged + " vs clean " + clean);
        assertTrue(defended > clean - 0.03, defence + " keeps " + adversaries + " within 3 points of clean: " + defended + " vs " + clean);
    }

    @Test
    void signFlipIsStoppedByTheMedian() {
        hurtsAveragingButNot("median", "[{type: sign_flip, fraction: 0.2, scale: 4}]", 0.3);
    }

    @Test
    void gaussianNoiseIsStoppedByTheMedian() {
        hurtsAveragingButNot("median", "[{type: gaussian, fraction: 0.2, std: 1.0}]", 0.1);
    }

    @Test
    void scalingIsStoppedByNormClipping() {
        hurtsAveragingButNot("norm_clipping", "[{type: scaling, fraction: 0.2, factor: 20}]", 0.3);
    }

    @Test
    void innerProductManipulationIsStoppedByTheMedian() {
        hurtsAveragingButNot("median", "[{type: ipm, fraction: 0.2, epsilon: 5}]", 0.5);
    }

    @Test
    void alieWithALargeShiftIsStoppedByTheMedian() {
        hurtsAveragingButNot("median", "[{type: alie, fraction: 0.3, z: 10}]", 0.05);
    }

    @Test
    void sybilsCopyingABoostedFlippedUpdateAreStoppedByTheMedian() {
        hurtsAveragingButNot("median", "[{type: sybil, count: 4, boost: 5}]", 0.3);
    }

    @Test
    void minMaxHurtsTheMedianItWasDesignedToEvade() {
        String minMax = "[{type: min_max, fraction: 0.4}]";
        double averaged = accuracy("fedavg", minMax);
        double median = accuracy("median", minMax);
        assertTrue(averaged < clean - 0.015, "min_max costs fedavg: " + averaged + " vs " + clean);
        assertTrue(median < clean - 0.03, "min_max stays inside the benign spread, so the median keeps it: " + median + " vs " + clean);
    }

    @Test
    void boostedBackdoorSucceedsOnAveragingAndNormClippingLimitsIt() {
        String backdoor = "[{type: backdoor, fraction: 0.2}, {type: scaling, fraction: 0.2, factor: 5}]";
        List<RoundMetrics> averaged = run("fedavg", backdoor);
        RoundMetrics last = averaged.get(averaged.size() - 1);
        assertTrue(last.extra().get("attack_success_rate") > 0.9, "the trigger wins on averaging: " + last.extra());
        assertTrue(last.accuracy() > clean - 0.03, "while clean accuracy barely moves: " + last.accuracy() + " vs " + clean);
        RoundMetrics clipped = run("norm_clipping", backdoor).get(averaged.size() - 1);
        assertTrue(clipped.extra().get("attack_success_rate") < 0.5, "clipping the boost limits the backdoor: " + clipped.extra());
    }

    @Test
    void attacksAreDeterministicPerSeed() {
        String coalitionAndNoise = "[{type: alie, fraction: 0.2, z: 3}, {type: gaussian, ids: [0], std: 0.5}, {type: backdoor, ids: [1]}]";
        List<RoundMetrics> first = run("fedavg", coalitionAndNoise);
        List<RoundMetrics> second = run("fedavg", coalitionAndNoise);
        assertEquals(first.stream().map(RoundMetrics::accuracy).toList(), second.stream().map(RoundMetrics::accuracy).toList());
        assertEquals(first.stream().map(m -> m.extra().get("attack_success_rate")).toList(),
                second.stream().map(m -> m.extra().get("attack_success_rate")).toList());
        assertTrue(first.get(0).extra().containsKey("attack_success_rate"), "a backdoor adds its success rate to every round");
    }
}
