package io.chainfl.cli.expect;

import io.chainfl.engine.config.Comparison;
import io.chainfl.engine.config.AssertionConfig;
import io.chainfl.engine.config.ExpectConfig;
import io.chainfl.engine.config.RoundSelector;
import io.chainfl.engine.config.SeedAggregation;
import io.chainfl.engine.metrics.RoundMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Evaluates the assertions of an {@code expect:} block over finished runs. Pure: the same outcomes give the same
 * results, in the order the assertions are written.
 */
public final class Expectations {
    private Expectations() {}

    public static List<AssertionResult> evaluate(ExpectConfig expect, List<Long> seeds, List<RunOutcome> outcomes, ThresholdSearcher thresholds) {
        List<AssertionResult> results = new ArrayList<>();
        for (AssertionConfig assertion : expect.assertions()) {
            results.add(evaluate(assertion, seeds, outcomes, thresholds));
        }
        return results;
    }

    public static AssertionResult evaluate(AssertionConfig assertion, List<Long> seeds, List<RunOutcome> outcomes, ThresholdSearcher thresholds) {
        Comparison comparison = assertion.comparison();
        if (assertion.searchesThreshold()) {
            return threshold(assertion, comparison, seeds, thresholds);
        }
        String series = assertion.series() != null ? assertion.series() : defaultSeries(outcomes);
        Map<Long, Double> perSeed = new TreeMap<>();
        for (long seed : seeds) {
            List<RunOutcome> sameSeed = outcomes.stream().filter(o -> o.seed() == seed).toList();
            Map<String, SeriesData> labelled = SeriesData.bySeriesLabel(sameSeed);
            perSeed.put(seed, assertion.countsEvents() ? eventCount(assertion, labelled.get(series)) : metric(assertion, comparison, labelled, series));
        }
        double actual = combine(assertion.overSeeds(), comparison, perSeed.values());
        String description = describe(assertion, series) + seedsPhrase(assertion.overSeeds(), seeds);
        String detail = seeds.size() > 1
                ? "per seed: " + perSeed.entrySet().stream().map(e -> e.getKey() + "=" + Comparison.format(e.getValue())).collect(Collectors.joining(" "))
                : "";
        return new AssertionResult(nameOr(assertion, description), description, actual, Comparison.format(actual), assertion.expected(),
                comparison.holds(actual), detail);
    }

    /** The series an assertion without {@code series:} reads: the scenario's own (first) series, or the first variant. */
    static String defaultSeries(List<RunOutcome> outcomes) {
        if (outcomes.isEmpty()) {
            return "";
        }
        RunOutcome first = outcomes.get(0);
        return first.variant().isEmpty() ? first.result().series().stream().findFirst().orElse("") : first.variant();
    }

    private static double metric(AssertionConfig a, Comparison comparison, Map<String, SeriesData> labelled, String series) {
        SeriesData data = labelled.get(series);
        if (data == null) {
            return Double.NaN;
        }
        Map<Integer, Double> values = perRound(data.rounds(), a.metric(), a.fromRound());
        if (a.dropVs() != null) {
            SeriesData reference = labelled.get(a.dropVs());
            if (reference == null) {
                return Double.NaN;
            }
            Map<Integer, Double> referenceValues = perRound(reference.rounds(), a.metric(), a.fromRound());
            Map<Integer, Double> drops = new TreeMap<>();
            values.forEach((round, v) -> {
                if (referenceValues.containsKey(round)) {
                    drops.put(round, referenceValues.get(round) - v);
                }
            });
            values = drops;
        }
        return reduce(a.at(), comparison, new ArrayList<>(values.values()));
    }

    private static Map<Integer, Double> perRound(List<RoundMetrics> rounds, String column, int fromRound) {
        Map<Integer, Double> values = new TreeMap<>();
        rounds.stream().filter(m -> m.round() >= fromRound).forEach(m -> values.put(m.round(), m.value(column)));
        return values;
    }

    private static double reduce(RoundSelector at, Comparison comparison, List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        return switch (at) {
            case FINAL -> values.get(values.size() - 1);
            case EVERY -> comparison.worst(values);
            case MIN -> values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            case MEAN -> values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            case SUM -> values.stream().mapToDouble(Double::doubleValue).sum();
        };
    }

    private static double eventCount(AssertionConfig a, SeriesData data) {
        if (data == null) {
            return Double.NaN;
        }
        return data.events().stream()
                .filter(e -> e.kind().equals(a.events()) && e.round() >= a.fromRound() && (a.subject() == null || e.subject().equals(a.subject())))
                .count();
    }

    static double combine(SeedAggregation over, Comparison comparison, java.util.Collection<Double> perSeed) {
        if (perSeed.isEmpty()) {
            return Double.NaN;
        }
        return switch (over) {
            case ALL -> comparison.worst(perSeed);
            case MEAN -> perSeed.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            case MIN -> perSeed.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            case MAX -> perSeed.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
        };
    }

    private static AssertionResult threshold(AssertionConfig a, Comparison comparison, List<Long> seeds, ThresholdSearcher thresholds) {
        var t = a.threshold();
        Bisection.Result found = thresholds.search(t, seeds);
        String description = "smallest " + t.param() + " in [" + Comparison.format(t.lo()) + ", " + Comparison.format(t.hi()) + "] at which "
                + t.metric() + (t.series() != null ? " of " + t.series() : "") + " falls more than " + Comparison.format(t.drop())
                + " below its value at " + Comparison.format(t.reference()) + ", mean over seeds " + seeds;
        String actualText = switch (found.status()) {
            case FOUND -> Comparison.format(found.threshold());
            case HOLDS_AT_HI -> "> " + Comparison.format(t.hi());
            case BREAKS_AT_LO -> "<= " + Comparison.format(t.lo());
        };
        Map<String, String> tried = new LinkedHashMap<>();
        found.evaluated().forEach((x, v) -> tried.put(Comparison.format(x), Comparison.format(v)));
        String detail = (found.status() == Bisection.Status.FOUND
                ? "bracket [" + Comparison.format(found.lastHolding()) + ", " + Comparison.format(found.firstBreaking()) + "], " : "")
                + "reference " + Comparison.format(found.referenceValue()) + ", breaks below " + Comparison.format(found.limit())
                + "; " + found.evaluated().size() + " values x " + seeds.size() + (seeds.size() == 1 ? " seed" : " seeds") + ": "
                + tried.entrySet().stream().map(e -> e.getKey() + "->" + e.getValue()).collect(Collectors.joining(" "));
        return new AssertionResult(nameOr(a, description), description, found.threshold(), actualText, a.expected(),
                comparison.holds(found.threshold()), detail);
    }

    private static String describe(AssertionConfig a, String series) {
        String from = a.fromRound() > 0 ? " from round " + a.fromRound() : "";
        if (a.countsEvents()) {
            return "number of '" + a.events() + "' events" + (a.subject() != null ? " about " + a.subject() : "") + " in " + series + from;
        }
        String measured = a.dropVs() != null ? "drop in " + a.metric() + " of " + series + " below " + a.dropVs() : a.metric() + " of " + series;
        return switch (a.at()) {
            case FINAL -> "final " + measured + from;
            case EVERY -> measured + " at every round" + from;
            case MIN, MAX, MEAN, SUM -> a.at().name().toLowerCase() + " over rounds" + from + " of " + measured;
        };
    }

    private static String seedsPhrase(SeedAggregation over, List<Long> seeds) {
        if (seeds.size() == 1) {
            return ", seed " + seeds.get(0);
        }
        return over == SeedAggregation.ALL ? ", every seed of " + seeds : ", " + over.name().toLowerCase() + " over seeds " + seeds;
    }

    private static String nameOr(AssertionConfig a, String description) {
        return a.name() != null && !a.name().isBlank() ? a.name() : description;
    }
}
