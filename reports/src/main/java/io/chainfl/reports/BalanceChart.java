package io.chainfl.reports;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Like the SUM reference plot: each account's balance as a percentage of its start (the
 * {@code balance_pct_<name>} metric columns) against the round (a virtual day), and the model's test accuracy
 * in percent on a second axis.
 */
public final class BalanceChart {
    public static final String PREFIX = "balance_pct_";

    private BalanceChart() {}

    /** Whether the run reported balances (only then is this chart drawn). */
    public static boolean applies(RunResult result) {
        return !accounts(result).isEmpty();
    }

    static List<String> accounts(RunResult result) {
        return result.rounds().stream().flatMap(m -> m.extra().keySet().stream())
                .filter(k -> k.startsWith(PREFIX)).distinct().sorted().toList();
    }

    public static JFreeChart build(RunResult result, String title) {
        String series = result.series().get(0);
        List<RoundMetrics> rounds = result.series(series);
        XYSeriesCollection balances = new XYSeriesCollection();
        for (String column : accounts(result)) {
            XYSeries line = new XYSeries(column.substring(PREFIX.length()) + " balance", false, false);
            rounds.stream().filter(m -> m.extra().containsKey(column)).forEach(m -> line.add(m.round(), m.extra().get(column)));
            balances.addSeries(line);
        }
        XYSeriesCollection accuracy = new XYSeriesCollection();
        XYSeries acc = new XYSeries("test accuracy (right axis)", false, false);
        rounds.forEach(m -> acc.add(m.round(), 100 * m.accuracy()));
        accuracy.addSeries(acc);

        NumberAxis x = new NumberAxis("Time (days)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis balanceAxis = new NumberAxis("Balance (% of start)");
        NumberAxis accuracyAxis = new NumberAxis("Test accuracy (%)");
        accuracyAxis.setRange(0, 100);
        XYLineAndShapeRenderer balanceRenderer = new XYLineAndShapeRenderer(true, false);
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < balances.getSeriesCount(); i++) {
            names.add(balances.getSeriesKey(i).toString());
        }
        Map<String, Color> colours = SeriesStyle.colours(names);
        for (int i = 0; i < names.size(); i++) {
            balanceRenderer.setSeriesPaint(i, colours.get(names.get(i)));
            balanceRenderer.setSeriesStroke(i, SeriesStyle.stroke(names.get(i)));
        }
        // dark grey rather than black: black dashed lines are reserved for baselines
        XYLineAndShapeRenderer accuracyRenderer = new XYLineAndShapeRenderer(true, false);
        accuracyRenderer.setSeriesPaint(0, new Color(0x555555));
        accuracyRenderer.setSeriesStroke(0, new BasicStroke(1.5f));

        XYPlot plot = new XYPlot(balances, x, balanceAxis, balanceRenderer);
        plot.setRangeAxis(1, accuracyAxis);
        plot.setDataset(1, accuracy);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, accuracyRenderer);
        return Charts.styled(plot, title, result.seed());
    }

    /** Writes the chart as PNG and as SVG beside it, each atomically; returns the PNG. */
    public static Path writePng(RunResult result, String title, Path file) {
        return Charts.writePng(build(result, title), file);
    }
}
