package io.chainfl.reports;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
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

/** Test accuracy of the global model against the round, one line per series, baselines dashed. */
public final class AccuracyChart {
    private AccuracyChart() {}

    public static JFreeChart build(RunResult result, String title) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<String> seriesNames = result.series();
        for (String name : seriesNames) {
            XYSeries series = new XYSeries(name, false, false);
            for (RoundMetrics m : result.series(name)) {
                series.add(m.round(), m.accuracy());
            }
            dataset.addSeries(series);
        }
        NumberAxis x = new NumberAxis("Round");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis("Test accuracy (fraction correct)");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < seriesNames.size(); i++) {
            String name = seriesNames.get(i);
            renderer.setSeriesPaint(i, SeriesStyle.colour(i, name));
            renderer.setSeriesStroke(i, SeriesStyle.stroke(name));
            renderer.setSeriesShapesVisible(i, !SeriesStyle.isBaseline(name));
        }
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle("seed " + result.seed(), new Font("SansSerif", Font.PLAIN, 11)));
        return chart;
    }

    /** Writes the chart as PNG, atomically (a reader never sees half an image). */
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
