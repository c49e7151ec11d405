package io.chainfl.reports;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Contribution rewards (fedavg's {@code scenario.rewards}, docs/rewards.md) by round: each valuation method's Spearman
 * agreement with exact Shapley ({@code spearman_*} columns, with {@code compare: true}), and the watched participants'
 * share of what was paid ({@code watched_share}); one line per series (or variant) and column.
 */
public final class RewardsChart {
    public static final String AGREEMENT_CHART = "valuation-agreement.png";
    public static final String SHARE_CHART = "watched-share.png";
    private static final Predicate<String> AGREEMENT = c -> c.startsWith("spearman_");
    private static final Predicate<String> SHARE = c -> c.equals("watched_share");

    private RewardsChart() {}

    /** Writes the charts whose columns the run has (PNG and SVG each); returns the file names written. */
    public static List<String> writeAll(RunResult result, String name, Path dir) {
        List<String> written = new ArrayList<>();
        if (!columns(result, AGREEMENT).isEmpty()) {
            Charts.writePng(build(result, AGREEMENT, name + ": rank agreement with exact Shapley", "Spearman's rho (values summed so far)"),
                    dir.resolve(AGREEMENT_CHART));
            written.add(AGREEMENT_CHART);
        }
        if (!columns(result, SHARE).isEmpty()) {
            Charts.writePng(build(result, SHARE, name + ": watched participants' share of the rewards", "share of everything paid so far"),
                    dir.resolve(SHARE_CHART));
            written.add(SHARE_CHART);
        }
        return written;
    }

    static List<String> columns(RunResult result, Predicate<String> which) {
        return result.rounds().stream().flatMap(m -> m.extra().keySet().stream()).filter(which).distinct().sorted().toList();
    }

    static JFreeChart build(RunResult result, Predicate<String> which, String title, String yLabel) {
        XYSeriesCollection lines = new XYSeriesCollection();
        List<String> series = result.series();
        for (String s : series) {
            for (String column : columns(result, which)) {
                String label = series.size() > 1 ? s + (which == SHARE ? "" : ", " + column.replace("spearman_", "")) : column.replace("spearman_", "");
                XYSeries line = new XYSeries(label, false, false);
                for (RoundMetrics m : result.series(s)) {
                    Double v = m.extra().get(column);
                    if (v != null && Double.isFinite(v)) {
                        line.add(m.round(), v);
                    }
                }
                if (line.getItemCount() > 0) {
                    lines.addSeries(line);
                }
            }
        }
        NumberAxis x = new NumberAxis("Round");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < lines.getSeriesCount(); i++) {
            names.add(lines.getSeriesKey(i).toString());
        }
        Map<String, java.awt.Color> colours = SeriesStyle.colours(names);
        for (int i = 0; i < names.size(); i++) {
            renderer.setSeriesPaint(i, colours.get(names.get(i)));
            renderer.setSeriesStroke(i, SeriesStyle.stroke(names.get(i)));
        }
        return Charts.styled(new XYPlot(lines, x, y, renderer), title, result.seed());
    }
}
