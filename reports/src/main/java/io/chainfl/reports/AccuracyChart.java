package io.chainfl.reports;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
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

/** Test accuracy of the global model against the round, one line per series, baselines dashed. */
public final class AccuracyChart {
    static final int MAX_POINTS_WITH_MARKERS = 40;

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
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("Test accuracy (fraction correct)");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Map<String, Color> colours = SeriesStyle.colours(seriesNames);
        for (int i = 0; i < seriesNames.size(); i++) {
            String name = seriesNames.get(i);
            renderer.setSeriesPaint(i, colours.get(name));
            renderer.setSeriesStroke(i, SeriesStyle.stroke(name));
            // markers tell lines apart in grey print; past a few dozen points they only clutter
            renderer.setSeriesShapesVisible(i, !SeriesStyle.isBaseline(name) && result.series(name).size() <= MAX_POINTS_WITH_MARKERS);
        }
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        return Charts.styled(plot, title, result.seed());
    }

    /** Loads what drawing charts needs by drawing one in memory; for a background thread at a run's start. */
    public static void warmUp() {
        Charts.warmUp();
    }

    /** Writes the chart as PNG and as SVG beside it, each atomically (a reader never sees half an image); returns the PNG. */
    public static Path writePng(RunResult result, String title, Path file) {
        return Charts.writePng(build(result, title), file);
    }
}
