package io.chainfl.cli;

import io.chainfl.scenarios.run.Simulation;
import io.chainfl.engine.config.ConfigException;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.SweepChartConfig;
import io.chainfl.engine.metrics.MeanInterval;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.SweepBands;
import io.chainfl.scenarios.ScenarioRegistry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a sweep's results into what its chart draws ({@code sweep.chart}): for every panel (facet value) and
 * line (series value, plus any other swept key that is neither x nor facet, so settings are never averaged
 * together), the mean over seeds and its 95% confidence band at every x. The centralized baseline is one
 * dashed line per panel, averaged over the panel's runs.
 */
final class SweepCharting {
    static final String ROUND = "round";
    private static final Set<String> BASE_METRICS = Set.of("accuracy", "loss", "macro_f1", "train_loss");
    private static final Set<String> RUN_METRICS = Set.of("final_accuracy", "best_accuracy");

    private SweepCharting() {}

    /** The chart settings with the default series filled in; validated against the grid and the scenarios' columns. */
    record Spec(String x, String y, String series, String facet) {
        boolean byRound() {
            return x.equals(ROUND);
        }
    }

    static Spec spec(RunConfig config) {
        SweepChartConfig chart = config.sweep().chart();
        String facet = chart.facet().equals("none") ? null : chart.facet();
        String series = chart.series().isEmpty()
                ? config.sweep().grid().keySet().stream().filter(k -> !k.equals(chart.x()) && !k.equals(facet)).findFirst().orElse(null)
                : chart.series();
        return new Spec(chart.x(), chart.y(), series, facet);
    }

    static void validate(RunConfig config, List<SweepPlan.Point> points, SweepPlan.Locator where) {
        SweepChartConfig chart = config.sweep().chart();
        Set<String> keys = config.sweep().grid().keySet();
        String swept = keys.isEmpty() ? "none (the grid is empty)" : String.join(", ", keys);
        if (!chart.x().equals(ROUND) && !keys.contains(chart.x())) {
            throw new ConfigException(where.at("/sweep/chart/x") + "sweep.chart.x: expected round or a swept key (" + swept + "), got '" + chart.x() + "'");
        }
        if (!chart.facet().equals("none") && (!keys.contains(chart.facet()) || chart.facet().equals(chart.x()))) {
            throw new ConfigException(where.at("/sweep/chart/facet") + "sweep.chart.facet: expected none or a swept key other than x (" + swept + "), got '" + chart.facet() + "'");
        }
        if (!chart.series().isEmpty() && (!keys.contains(chart.series()) || chart.series().equals(chart.x()) || chart.series().equals(chart.facet()))) {
            throw new ConfigException(where.at("/sweep/chart/series") + "sweep.chart.series: expected a swept key other than x and facet (" + swept + "), got '" + chart.series() + "'");
        }
        Set<String> columns = new java.util.TreeSet<>(BASE_METRICS);
        columns.addAll(RUN_METRICS);
        for (SweepPlan.Point point : points) {
            for (RunConfig run : point.config().variants().isEmpty() ? List.of(point.config()) : VariantRunner.resolve(point.config()).values()) {
                columns.addAll(ScenarioRegistry.forParams(run.scenario()).metricColumns(run));
            }
        }
        if (!columns.contains(chart.y())) {
            throw new ConfigException(where.at("/sweep/chart/y") + "sweep.chart.y: expected one of " + String.join(", ", columns) + ", got '" + chart.y() + "'");
        }
        if (RUN_METRICS.contains(chart.y()) && chart.x().equals(ROUND)) {
            throw new ConfigException(where.at("/sweep/chart/y") + "sweep.chart.y: " + chart.y() + " is one value per run; set sweep.chart.x to a swept key, or use y: accuracy by round");
        }
    }

    static SweepBands bands(RunConfig config, List<SweepRunner.PointResult> results) {
        Spec spec = spec(config);
        Map<String, List<String>> gridTexts = new LinkedHashMap<>();
        config.sweep().grid().forEach((key, values) -> gridTexts.put(key, values.stream().map(SweepPlan::text).toList()));
        Map<String, String> shortNames = SweepPlan.shortNames(new ArrayList<>(gridTexts.keySet()));
        boolean severalRunSeries = results.stream().flatMap(r -> r.result().series().stream())
                .filter(s -> !s.equals(Simulation.BASELINE_SERIES)).distinct().count() > 1;
        List<String> xCategories = List.of();
        if (!spec.byRound() && !gridTexts.get(spec.x()).stream().allMatch(SweepCharting::isNumber)) {
            xCategories = gridTexts.get(spec.x());
        }

        // panel -> line -> x -> values over seeds, in plan order
        Map<String, Map<String, TreeMap<Double, List<Double>>>> cells = new LinkedHashMap<>();
        Map<String, Integer> lineOrder = new LinkedHashMap<>();
        for (SweepRunner.PointResult r : results) {
            Map<String, String> values = r.point().values();
            String panel = spec.facet() == null ? "" : shortNames.get(spec.facet()) + "=" + values.get(spec.facet());
            for (String runSeries : r.result().series()) {
                boolean baseline = runSeries.equals(Simulation.BASELINE_SERIES);
                String line = baseline ? runSeries : lineLabel(spec, values, shortNames, runSeries, severalRunSeries);
                int seriesIndex = baseline ? Integer.MAX_VALUE : spec.series() == null ? 0 : gridTexts.get(spec.series()).indexOf(values.get(spec.series()));
                lineOrder.putIfAbsent(line, seriesIndex);
                TreeMap<Double, List<Double>> byX = cells.computeIfAbsent(panel, p -> new LinkedHashMap<>()).computeIfAbsent(line, l -> new TreeMap<>());
                List<RoundMetrics> rounds = r.result().series(runSeries);
                if (spec.byRound()) {
                    for (RoundMetrics m : rounds) {
                        add(byX, m.round(), m.value(spec.y()));
                    }
                } else {
                    String xText = values.get(spec.x());
                    double x = xCategories.isEmpty() ? Double.parseDouble(xText) : xCategories.indexOf(xText);
                    add(byX, x, runValue(rounds, spec.y()));
                }
            }
        }
        List<SweepBands.Panel> panels = new ArrayList<>();
        cells.forEach((panel, lines) -> {
            List<SweepBands.Line> drawn = new ArrayList<>();
            lines.forEach((line, byX) -> {
                List<SweepBands.Point> points = new ArrayList<>();
                byX.forEach((x, ys) -> points.add(new SweepBands.Point(x, MeanInterval.of95(ys.stream().mapToDouble(Double::doubleValue).toArray()))));
                if (!points.isEmpty()) {
                    drawn.add(new SweepBands.Line(line, line.equals(Simulation.BASELINE_SERIES), points));
                }
            });
            drawn.sort(Comparator.comparingInt(l -> lineOrder.get(l.label())));
            panels.add(new SweepBands.Panel(panel, drawn));
        });
        int seeds = (int) results.stream().map(r -> r.point().seed()).distinct().count();
        String xLabel = spec.byRound() ? "Round" : spec.x();
        String title = config.name() + ": " + yLabel(spec.y()).toLowerCase(java.util.Locale.ROOT) + (spec.byRound() ? " by round" : " by " + shortNames.get(spec.x()));
        String subtitle = "mean over " + seeds + (seeds == 1 ? " seed" : " seeds") + ", 95% confidence band (Student t, n - 1 degrees of freedom)";
        return new SweepBands(title, subtitle, xLabel, yLabel(spec.y()), xCategories, panels);
    }

    private static String lineLabel(Spec spec, Map<String, String> values, Map<String, String> shortNames, String runSeries, boolean severalRunSeries) {
        List<String> parts = new ArrayList<>();
        if (severalRunSeries) {
            parts.add(runSeries);
        }
        Set<String> keys = new LinkedHashSet<>();
        if (spec.series() != null) {
            keys.add(spec.series());
        }
        keys.addAll(values.keySet());
        for (String key : keys) {
            if (!key.equals(spec.x()) && !key.equals(spec.facet())) {
                parts.add(shortNames.get(key) + "=" + values.get(key));
            }
        }
        return parts.isEmpty() ? runSeries : String.join(", ", parts);
    }

    private static void add(TreeMap<Double, List<Double>> byX, double x, double y) {
        if (!Double.isNaN(y)) {
            byX.computeIfAbsent(x, k -> new ArrayList<>()).add(y);
        }
    }


    /** One value per run: the last round's, or the best accuracy of all rounds. */
    static double runValue(List<RoundMetrics> rounds, String y) {
        if (rounds.isEmpty()) {
            return Double.NaN;
        }
        return switch (y) {
            case "best_accuracy" -> rounds.stream().mapToDouble(RoundMetrics::accuracy).max().orElse(Double.NaN);
            case "final_accuracy" -> rounds.get(rounds.size() - 1).accuracy();
            default -> rounds.get(rounds.size() - 1).value(y);
        };
    }

    private static String yLabel(String y) {
        return switch (y) {
            case "accuracy" -> "Test accuracy (fraction correct)";
            case "final_accuracy" -> "Final test accuracy (fraction correct)";
            case "best_accuracy" -> "Best test accuracy (fraction correct)";
            case "macro_f1" -> "Test macro-F1";
            case "loss" -> "Test loss";
            case "train_loss" -> "Mean training loss";
            default -> y;
        };
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
