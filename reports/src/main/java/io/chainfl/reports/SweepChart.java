package io.chainfl.reports;

import io.chainfl.engine.metrics.SweepBands;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * A sweep's mean over seeds with its 95% confidence band, one line per series value, one panel per facet
 * value side by side on a shared y axis; the centralized baseline dashed. A line keeps its colour in every panel.
 */
public final class SweepChart {
    private static final int BAND_ALPHA = 50;
    private static final int BASELINE_BAND_ALPHA = 22;

    private SweepChart() {}

    public static JFreeChart build(SweepBands bands, long seed) {
        Map<String, Integer> colourIndex = new LinkedHashMap<>();
        for (SweepBands.Panel panel : bands.panels()) {
            for (SweepBands.Line line : panel.lines()) {
                colourIndex.putIfAbsent(line.label(), colourIndex.size());
            }
        }
        NumberAxis y = new NumberAxis(bands.yLabel());
        y.setAutoRangeIncludesZero(false);
        CombinedRangeXYPlot combined = new CombinedRangeXYPlot(y);
        combined.setGap(12);
        for (SweepBands.Panel panel : bands.panels()) {
            combined.add(panelPlot(bands, panel, colourIndex), 1);
        }
        LegendItemCollection legend = new LegendItemCollection();
        colourIndex.forEach((label, index) -> {
            LegendItem item = new LegendItem(label, SeriesStyle.colour(index, label));
            item.setLine(new java.awt.geom.Line2D.Double(-7, 0, 7, 0));
            item.setLinePaint(SeriesStyle.colour(index, label));
            item.setLineStroke(SeriesStyle.stroke(label));
            item.setLineVisible(true);
            item.setShapeVisible(false);
            legend.add(item);
        });
        combined.setFixedLegendItems(legend);
        JFreeChart chart = Charts.styled(combined, bands.title(), seed);
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof TextTitle text) {
                text.setText(bands.subtitle());
            }
        }
        return chart;
    }

    private static XYPlot panelPlot(SweepBands bands, SweepBands.Panel panel, Map<String, Integer> colourIndex) {
        YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
        DeviationRenderer renderer = new DeviationRenderer(true, false);
        List<SweepBands.Line> lines = new ArrayList<>(panel.lines());
        for (int i = 0; i < lines.size(); i++) {
            SweepBands.Line line = lines.get(i);
            YIntervalSeries series = new YIntervalSeries(line.label(), false, true);
            for (SweepBands.Point p : line.points()) {
                series.add(p.x(), p.y().mean(), p.y().lower(), p.y().upper());
            }
            dataset.addSeries(series);
            Color colour = SeriesStyle.colour(colourIndex.get(line.label()), line.label());
            renderer.setSeriesPaint(i, colour);
            renderer.setSeriesFillPaint(i, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), line.baseline() ? BASELINE_BAND_ALPHA : BAND_ALPHA));
            renderer.setSeriesStroke(i, line.baseline() ? SeriesStyle.stroke(line.label())
                    : new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        renderer.setAlpha(1f);
        ValueAxis x;
        if (bands.xCategories().isEmpty()) {
            NumberAxis numeric = new NumberAxis(axisLabel(bands.xLabel(), panel.title()));
            numeric.setAutoRangeIncludesZero(false);
            if (bands.xLabel().equals("Round")) {
                numeric.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
            }
            x = numeric;
        } else {
            SymbolAxis categories = new SymbolAxis(axisLabel(bands.xLabel(), panel.title()), bands.xCategories().toArray(String[]::new));
            categories.setGridBandsVisible(false);
            x = categories;
        }
        x.setLabelFont(new Font("SansSerif", Font.PLAIN, 12));
        XYPlot plot = new XYPlot(dataset, x, null, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        return plot;
    }

    private static String axisLabel(String xLabel, String panelTitle) {
        return panelTitle.isEmpty() ? xLabel : xLabel + "  [" + panelTitle + "]";
    }

    /** Writes the chart as PNG, atomically. */
    public static Path writePng(SweepBands bands, long seed, Path file) {
        return Charts.writePng(build(bands, seed), file);
    }
}
