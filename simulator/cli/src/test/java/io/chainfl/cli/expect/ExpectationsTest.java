package io.chainfl.cli.expect;

import io.chainfl.engine.config.Comparison;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.AssertionConfig;
import io.chainfl.engine.config.RoundSelector;
import io.chainfl.engine.config.SeedAggregation;
import io.chainfl.engine.config.ThresholdConfig;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each assertion kind and each way of combining seeds, against hand-built results whose answers are known. */
class ExpectationsTest {
    private static final List<Long> SEEDS = List.of(1L, 2L, 3L);

    private static RoundMetrics round(String series, int round, double accuracy, double elected) {
        TreeMap<String, Double> extra = new TreeMap<>(Map.of("elected_adversaries", elected));
        return new RoundMetrics(series, round, accuracy, 0.5, accuracy, 0.4, extra);
    }

    /** A single-run file (series seccl and centralized): seccl ends at 0.90 / 0.85 / 0.95 for seeds 1 / 2 / 3. */
    private static List<RunOutcome> singleRuns() {
        List<RunOutcome> outcomes = new ArrayList<>();
        double[] finals = {0.90, 0.85, 0.95};
        for (int i = 0; i < 3; i++) {
            long seed = SEEDS.get(i);
            List<RoundMetrics> rounds = List.of(
                    round("seccl", 1, 0.5, 1), round("seccl", 2, 0.7, seed == 2 ? 1 : 0), round("seccl", 3, finals[i], 0),
                    round("centralized", 1, 0.8, 0), round("centralized", 2, 0.9, 0), round("centralized", 3, 0.96, 0));
            List<RunEvent> events = seed == 3 ? List.of(new RunEvent(2, "forfeit", "party-1", "garbage"))
                    : List.of(new RunEvent(1, "forfeit", "party-1", "garbage"), new RunEvent(2, "forfeit", "party-2", "silent"));
            outcomes.add(new RunOutcome("", seed, new RunResult("gate", seed, rounds, events)));
        }
        return outcomes;
    }

    /** A file with variants clean and attacked, one seed: attacked ends 0.04 below clean. */
    private static List<RunOutcome> variantRuns() {
        return List.of(
                new RunOutcome("clean", 42, new RunResult("gate", 42, List.of(round("fedavg", 1, 0.80, 0), round("fedavg", 2, 0.90, 0)), List.of())),
                new RunOutcome("attacked", 42, new RunResult("gate", 42, List.of(round("fedavg", 1, 0.70, 0), round("fedavg", 2, 0.86, 0)), List.of())));
    }

    private static AssertionConfig metric(String series, String metric, RoundSelector at, Integer from, String dropVs, String expected, SeedAggregation over) {
        return new AssertionConfig(null, series, metric, at, from, dropVs, null, null, null, expected, over);
    }

    private static AssertionResult eval(AssertionConfig a, List<Long> seeds, List<RunOutcome> outcomes) {
        return Expectations.evaluate(a, seeds, outcomes, ThresholdSearcher.NONE);
    }

    @Test
    void finalAccuracyCombinedOverSeedsInEachMode() {
        List<RunOutcome> runs = singleRuns();
        AssertionResult all = eval(metric(null, null, null, null, null, ">= 0.88", null), SEEDS, runs);
        assertFalse(all.passed(), "seed 2 ends at 0.85");
        assertEquals(0.85, all.actual(), 1e-12, "all reports the worst seed");
        assertEquals("final accuracy of seccl, every seed of [1, 2, 3]", all.description(), "the default series is the scenario's own");
        assertEquals("per seed: 1=0.9 2=0.85 3=0.95", all.detail());
        AssertionResult mean = eval(metric(null, null, null, null, null, ">= 0.88", SeedAggregation.MEAN), SEEDS, runs);
        assertTrue(mean.passed());
        assertEquals(0.9, mean.actual(), 1e-12);
        assertEquals(0.85, eval(metric(null, null, null, null, null, ">= 0.88", SeedAggregation.MIN), SEEDS, runs).actual(), 1e-12);
        AssertionResult max = eval(metric(null, null, null, null, null, ">= 0.88", SeedAggregation.MAX), SEEDS, runs);
        assertEquals(0.95, max.actual(), 1e-12);
        assertTrue(max.passed());
        assertTrue(eval(metric("centralized", null, null, null, null, "> 0.95", null), SEEDS, runs).passed());
    }

    @Test
    void dropVersusAReferenceSeriesOrVariant() {
        AssertionResult dropVsBaseline = eval(metric("seccl", "accuracy", null, null, "centralized", "<= 0.1", SeedAggregation.MAX), SEEDS, singleRuns());
        assertEquals(0.11, dropVsBaseline.actual(), 1e-12, "seed 2: 0.96 - 0.85");
        assertFalse(dropVsBaseline.passed());
        assertEquals("final drop in accuracy of seccl below centralized, max over seeds [1, 2, 3]", dropVsBaseline.description());

        AssertionResult variant = eval(metric("attacked", null, null, null, "clean", "<= 0.05", null), List.of(42L), variantRuns());
        assertEquals(0.04, variant.actual(), 1e-12);
        assertTrue(variant.passed());
        assertEquals("final drop in accuracy of attacked below clean, seed 42", variant.description());
        assertEquals(0.10, eval(metric("attacked", null, RoundSelector.EVERY, null, "clean", "<= 0.05", null), List.of(42L), variantRuns()).actual(), 1e-12,
                "every round: the worst drop is round 1's");
        assertEquals("clean", Expectations.defaultSeries(variantRuns()), "without series: the first variant");
    }

    @Test
    void columnAtEveryRoundFromARound() {
        AssertionConfig neverElectedFrom3 = metric(null, "elected_adversaries", RoundSelector.EVERY, 3, null, "== 0", SeedAggregation.ALL);
        AssertionResult from3 = eval(neverElectedFrom3, SEEDS, singleRuns());
        assertTrue(from3.passed(), from3.message());
        assertEquals("elected_adversaries of seccl at every round from round 3, every seed of [1, 2, 3]", from3.description());
        AssertionResult from2 = eval(metric(null, "elected_adversaries", RoundSelector.EVERY, 2, null, "== 0", SeedAggregation.ALL), SEEDS, singleRuns());
        assertFalse(from2.passed(), "seed 2 elects one adversary in round 2");
        assertEquals(1.0, from2.actual());
        assertEquals("per seed: 1=0 2=1 3=0", from2.detail());
        assertEquals(1.0 / 3, eval(metric(null, "elected_adversaries", RoundSelector.EVERY, 2, null, "== 0", SeedAggregation.MEAN), SEEDS, singleRuns()).actual(), 1e-12);
    }

    @Test
    void roundReductions() {
        List<Long> seed1 = List.of(1L);
        assertEquals(1.0, eval(metric(null, "elected_adversaries", RoundSelector.SUM, null, null, "<= 1", null), seed1, singleRuns()).actual());
        assertEquals(0.5, eval(metric(null, null, RoundSelector.MIN, null, null, ">= 0.5", null), seed1, singleRuns()).actual());
        assertEquals(0.9, eval(metric(null, null, RoundSelector.MAX, null, null, ">= 0.5", null), seed1, singleRuns()).actual());
        assertEquals(0.8, eval(metric(null, null, RoundSelector.MEAN, 2, null, ">= 0.5", null), seed1, singleRuns()).actual(), 1e-12,
                "mean of rounds 2 and 3 (0.7 and 0.9)");
    }

    @Test
    void balanceBelowAValueAtTheEnd() {
        TreeMap<String, Double> start = new TreeMap<>(Map.of("balance_pct_bad", 100.0));
        TreeMap<String, Double> end = new TreeMap<>(Map.of("balance_pct_bad", 3.0));
        List<RunOutcome> sum = List.of(new RunOutcome("", 42, new RunResult("sum", 42,
                List.of(new RoundMetrics("sum", 0, 0.86, 0.3, 0.86, 0, start), new RoundMetrics("sum", 160, 0.86, 0.3, 0.86, 0, end)), List.of())));
        AssertionResult bankrupt = eval(metric(null, "balance_pct_bad", null, null, null, "< 10", null), List.of(42L), sum);
        assertTrue(bankrupt.passed());
        assertEquals("3", bankrupt.actualText());
        assertFalse(eval(metric(null, "balance_pct_bad", RoundSelector.EVERY, null, null, "< 10", null), List.of(42L), sum).passed(), "day 0 is at 100%");
    }

    @Test
    void eventCountsBySubjectAndRound() {
        AssertionConfig party1 = new AssertionConfig("party 1 forfeits", null, null, null, null, null, "forfeit", "party-1", null, ">= 1", null);
        AssertionResult r = eval(party1, SEEDS, singleRuns());
        assertTrue(r.passed());
        assertEquals("party 1 forfeits", r.name());
        assertEquals("number of 'forfeit' events about party-1 in seccl, every seed of [1, 2, 3]", r.description());
        AssertionConfig party2 = new AssertionConfig(null, null, null, null, null, null, "forfeit", "party-2", null, ">= 1", SeedAggregation.ALL);
        assertFalse(eval(party2, SEEDS, singleRuns()).passed(), "seed 3 has no forfeit of party-2");
        assertEquals(2.0 / 3, eval(new AssertionConfig(null, null, null, null, null, null, "forfeit", "party-2", null, ">= 1", SeedAggregation.MEAN),
                SEEDS, singleRuns()).actual(), 1e-12);
        AssertionConfig anyFromRound2 = new AssertionConfig(null, null, null, null, 2, null, "forfeit", null, null, "== 1", null);
        assertTrue(eval(anyFromRound2, SEEDS, singleRuns()).passed(), "one forfeit from round 2 on in every seed");
    }

    @Test
    void aSeriesThatDidNotRunFailsWithNoValue() {
        AssertionResult r = eval(metric("fedavg", null, null, null, null, ">= 0", null), SEEDS, singleRuns());
        assertFalse(r.passed());
        assertEquals("n/a", r.actualText());
    }

    @Test
    void thresholdAssertionsCompareTheFirstBreakingValue() {
        ThresholdConfig t = new ThresholdConfig("adversaries.0.fraction", null, null, 0.05, 0.0, 0.5, null, 0.05);
        AssertionConfig a = new AssertionConfig("breaking epsilon", null, null, null, null, null, null, null, t, ">= 0.2", null);
        List<List<Long>> seedsSeen = new ArrayList<>();
        ThresholdSearcher knee = (threshold, seeds) -> {
            seedsSeen.add(seeds);
            return Bisection.search(x -> x <= 0.25 ? 0.9 : 0.5, threshold.lo(), threshold.hi(), threshold.reference(), threshold.drop(), threshold.tolerance());
        };
        AssertionResult r = Expectations.evaluate(a, SEEDS, List.of(), knee);
        assertTrue(r.passed(), r.message());
        assertTrue(r.actual() > 0.25 && r.actual() <= 0.3, r.toString());
        assertTrue(r.detail().startsWith("bracket [0.25, 0.2813]"), r.detail());
        assertEquals(List.of(SEEDS), seedsSeen, "the search gets every seed");
        ThresholdSearcher neverBreaks = (threshold, seeds) -> Bisection.search(x -> 0.9, 0.0, 0.5, 0.0, 0.05, 0.05);
        AssertionResult above = Expectations.evaluate(a, SEEDS, List.of(), neverBreaks);
        assertTrue(above.passed(), "no break up to hi is above any lower bound");
        assertEquals("> 0.5", above.actualText());
    }

    @Test
    void comparisonsParseAndPickTheWorstValue() {
        assertTrue(Comparison.parse("== 0.3").holds(0.1 + 0.2));
        assertFalse(Comparison.parse("> 1").holds(1.0));
        assertTrue(Comparison.parse("!=0").holds(1e-3));
        assertFalse(Comparison.parse(">= 0").holds(Double.NaN));
        assertEquals(0.2, Comparison.parse(">= 0.5").worst(List.of(0.9, 0.2, 0.7)));
        assertEquals(0.9, Comparison.parse("< 0.5").worst(List.of(0.9, 0.2, 0.7)));
        assertEquals(-3.0, Comparison.parse("== 0").worst(List.of(1.0, -3.0, 0.0)));
    }
}
