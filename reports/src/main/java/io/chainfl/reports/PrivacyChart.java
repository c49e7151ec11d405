package io.chainfl.reports;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.privacy.PrivacyAccountant;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The privacy-utility trade-off of a variants run (docs/privacy.md): each variant with a {@code dp_epsilon} column is
 * a point at (its epsilon after the last round, log scale; its final test accuracy), labelled with its name; each
 * variant without one (no DP) is a dashed horizontal line at its final accuracy.
 */
public final class PrivacyChart {
    private PrivacyChart() {}

    /** Whether at least two variants report an epsilon: one point is no trade-off. */
    public static boolean applies(Map<String, RoundMetrics> finalRows) {
        return finalRows.values().stream().filter(PrivacyChart::hasEpsilon).count() >= 2;
    }

    private static boolean hasEpsilon(RoundMetrics row) {
        Double epsilon = row.extra().get(PrivacyAccountant.COLUMN);
        return epsilon != null && epsilon > 0 && Double.isFinite(epsilon);
    }

    /** @param finalRows each variant's last row of metrics, in the order the variants were given */
    public static JFreeChart build(Map<String, RoundMetrics> finalRows, String title, long seed) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        List<String> names = new ArrayList<>(finalRows.keySet());
        Map<String, Color> colours = SeriesStyle.colours(names);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        List<XYTextAnnotation> labels = new ArrayList<>();
        List<ValueMarker> references = new ArrayList<>();
        for (String name : names) {
            RoundMetrics row = finalRows.get(name);
            if (hasEpsilon(row)) {
                XYSeries point = new XYSeries(name, false, false);
                point.add(row.extra().get(PrivacyAccountant.COLUMN).doubleValue(), row.accuracy());
                renderer.setSeriesPaint(dataset.getSeriesCount(), colours.get(name));
                dataset.addSeries(point);
                XYTextAnnotation label = new XYTextAnnotation("  " + name, row.extra().get(PrivacyAccountant.COLUMN), row.accuracy());
                label.setTextAnchor(TextAnchor.CENTER_LEFT);
                label.setFont(new Font("SansSerif", Font.PLAIN, 11));
                labels.add(label);
            } else {
                ValueMarker reference = new ValueMarker(row.accuracy(), colours.get(name), new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
                reference.setLabel(name);
                reference.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
                reference.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
                reference.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
                references.add(reference);
            }
        }
        LogAxis x = new LogAxis("Epsilon after the last round (delta as configured, log scale)");
        x.setNumberFormatOverride(new DecimalFormat("0.###"));
        // room on the right for the last point's label
        x.setUpperMargin(0.3);
        x.setLowerMargin(0.1);
        NumberAxis y = new NumberAxis("Final test accuracy (fraction correct)");
        // the no-DP lines are markers, which an automatic range ignores: the range covers them too
        double low = finalRows.values().stream().mapToDouble(RoundMetrics::accuracy).min().orElse(0);
        double high = finalRows.values().stream().mapToDouble(RoundMetrics::accuracy).max().orElse(1);
        double pad = Math.max(0.02, (high - low) * 0.08);
        y.setRange(Math.max(0, low - pad), Math.min(1, high + pad));
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        labels.forEach(plot::addAnnotation);
        references.forEach(plot::addRangeMarker);
        return Charts.styled(plot, title, seed);
    }

    /** Writes the chart as PNG and as SVG beside it, each atomically; returns the PNG. */
    public static Path writePng(Map<String, RoundMetrics> finalRows, String title, long seed, Path file) {
        return Charts.writePng(build(finalRows, title, seed), file);
    }
}
