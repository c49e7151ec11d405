package io.chainfl.reports;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
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
        XYSeries acc = new XYSeries("accuracy", false, false);
        rounds.forEach(m -> acc.add(m.round(), 100 * m.accuracy()));
        accuracy.addSeries(acc);

        NumberAxis x = new NumberAxis("Time (days)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis balanceAxis = new NumberAxis("Balance (% of start)");
        NumberAxis accuracyAxis = new NumberAxis("Test accuracy (%)");
        accuracyAxis.setRange(0, 100);
        XYLineAndShapeRenderer balanceRenderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < balances.getSeriesCount(); i++) {
            balanceRenderer.setSeriesPaint(i, SeriesStyle.colour(i, balances.getSeriesKey(i).toString()));
            balanceRenderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        XYLineAndShapeRenderer accuracyRenderer = new XYLineAndShapeRenderer(true, false);
        accuracyRenderer.setSeriesPaint(0, Color.BLACK);
        accuracyRenderer.setSeriesStroke(0, new BasicStroke(2f));

        XYPlot plot = new XYPlot(balances, x, balanceAxis, balanceRenderer);
        plot.setRangeAxis(1, accuracyAxis);
        plot.setDataset(1, accuracy);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, accuracyRenderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle("seed " + result.seed(), new Font("SansSerif", Font.PLAIN, 11)));
        return chart;
    }

    /** Writes the chart as PNG, atomically. */
    public static Path writePng(RunResult result, String title, Path file) {
        JFreeChart chart = build(result, title);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            ChartUtils.saveChartAsPNG(partial.toFile(), chart, 900, 560);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
        return file;
    }
}
