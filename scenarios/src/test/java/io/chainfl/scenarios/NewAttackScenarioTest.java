package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.metrics.RoundMetrics;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * fang, mimic, min_sum and dba on the small task of configs/attack-small.yaml (softmax, 4,000 digits, 20 participants,
 * 6 rounds): each hurts the rule it was designed against where the paper says it should, and every run repeats
 * exactly. Thresholds sit about halfway between the clean run and what the attack measured (see docs/attacks.md).
 */
class NewAttackScenarioTest {
    private static double cleanMedian;

    private static List<RoundMetrics> run(String aggregator, String adversaries, String... more) {
        String[] overrides = new String[2 + more.length];
        overrides[0] = "scenario.aggregator={type: " + aggregator + "}";
        overrides[1] = "adversaries=" + adversaries;
        System.arraycopy(more, 0, overrides, 2, more.length);
        return ScenarioRunner.run(ScenarioRunner.load("attack-small.yaml", overrides));
    }

    private static double accuracy(String aggregator, String adversaries, String... more) {
        return ScenarioRunner.finalAccuracy(run(aggregator, adversaries, more));
    }

    @BeforeAll
    static void cleanRun() {
        cleanMedian = accuracy("median", "[]");
        assertTrue(cleanMedian > 0.8, "the small task learns under the median without attackers: " + cleanMedian);
    }

    @Test
    void fangsDirectedDeviationCostsTheMedianAndOnlyItsSideOfTheRangeMatters() {
        // measured: 8 of 20 colluders take the median from 0.848 to 0.792
        double attacked = accuracy("median", "[{type: fang, fraction: 0.4, target: trimmed_mean}]");
        assertTrue(attacked < cleanMedian - 0.03, "fang costs the median: " + attacked + " vs clean " + cleanMedian);
        // every colluder sits below the benign minimum (or above the maximum) whatever b: the median sees the same ranks
        assertEquals(attacked, accuracy("median", "[{type: fang, fraction: 0.4, target: trimmed_mean, b: 4}]"));
    }

    @Test
    void minSumCostsTheMedian() {
        // measured: 8 of 20 colluders, 0.811 against 0.848
        double attacked = accuracy("median", "[{type: min_sum, fraction: 0.4}]");
        assertTrue(attacked < cleanMedian - 0.015, "min_sum costs the median: " + attacked + " vs clean " + cleanMedian);
    }

    @Test
    void mimicBiasesTheMedianOnHeterogeneousData() {
        // measured on a Dirichlet(0.3) split: 0.743 clean, 0.527 with 8 of 20 colluders copying one participant
        String split = "data.partition={type: dirichlet, alpha: 0.3}";
        double clean = accuracy("median", "[]", split);
        double attacked = accuracy("median", "[{type: mimic, fraction: 0.4}]", split);
        assertTrue(attacked < clean - 0.1, "copying one participant of a skewed split drags the median to its data: " + attacked + " vs clean " + clean);
    }

    @Test
    void dbasGlobalTriggerSucceedsOnAveragingAndTheMedianStopsIt() {
        // measured: success 1.000 on fedavg, 0.011 under the median (4 of 20 attackers, one part each, boosted x5)
        String dba = "[{type: dba, fraction: 0.2}, {type: scaling, fraction: 0.2, factor: 5}]";
        RoundMetrics averaged = last(run("fedavg", dba));
        assertTrue(averaged.extra().get("attack_success_rate") > 0.9, "the global trigger wins, though no attacker trained on it: " + averaged.extra());
        RoundMetrics median = last(run("median", dba));
        assertTrue(median.extra().get("attack_success_rate") < 0.05, "the median drops the boosted parts: " + median.extra());
    }

    @Test
    void theNewAttacksAreDeterministicPerSeed() {
        String all = "[{type: fang, ids: [0, 1], b: 3}, {type: mimic, ids: [2, 3]}, {type: min_sum, ids: [4]}, {type: dba, ids: [5, 6]}]";
        List<RoundMetrics> first = run("trimmed_mean", all);
        List<RoundMetrics> second = run("trimmed_mean", all);
        assertEquals(first.stream().map(RoundMetrics::accuracy).toList(), second.stream().map(RoundMetrics::accuracy).toList());
        assertEquals(first.stream().map(RoundMetrics::loss).toList(), second.stream().map(RoundMetrics::loss).toList());
        assertEquals(first.stream().map(m -> m.extra().get("attack_success_rate")).toList(),
                second.stream().map(m -> m.extra().get("attack_success_rate")).toList());
    }

    private static RoundMetrics last(List<RoundMetrics> rounds) {
        return rounds.get(rounds.size() - 1);
    }
}
