package io.chainfl.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A grid of final values for variants named "row/column" (e.g. "sign_flip/median" in the attack matrix): one
 * cell per variant, coloured on the viridis scale from 0 to 1 (with a colour bar) and labelled with its value. Rows and columns keep the
 * order in which the variants first name them.
 */
public final class HeatmapChart {
    private HeatmapChart() {}

    /** Whether every name reads "row/column", with exactly one slash. */
    public static boolean applies(Collection<String> names) {
        return !names.isEmpty() && names.stream().allMatch(n -> n.indexOf('/') > 0 && n.indexOf('/') == n.lastIndexOf('/') && !n.endsWith("/"));
    }

    public static JFreeChart build(Map<String, Double> values, String title, String rowLabel, String columnLabel) {
        return build(values, title, rowLabel, columnLabel, "Final test accuracy (fraction correct)");
    }

    public static JFreeChart build(Map<String, Double> values, String title, String rowLabel, String columnLabel, String valueLabel) {
        List<String> rows = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        values.keySet().forEach(name -> {
            String row = name.substring(0, name.indexOf('/'));
            String column = name.substring(name.indexOf('/') + 1);
            if (!rows.contains(row)) {
                rows.add(row);
            }
            if (!columns.contains(column)) {
                columns.add(column);
            }
        });
        double[][] xyz = new double[3][values.size()];
        int i = 0;
        List<XYTextAnnotation> labels = new ArrayList<>();
        for (Map.Entry<String, Double> cell : values.entrySet()) {
            String name = cell.getKey();
            double x = columns.indexOf(name.substring(name.indexOf('/') + 1));
            // the first row at the top, as in a table
            double y = rows.size() - 1 - rows.indexOf(name.substring(0, name.indexOf('/')));
            xyz[0][i] = x;
            xyz[1][i] = y;
            xyz[2][i] = cell.getValue();
            XYTextAnnotation label = new XYTextAnnotation(String.format(java.util.Locale.ROOT, "%.2f", cell.getValue()), x, y);
            label.setFont(new Font("SansSerif", Font.PLAIN, 11));
            label.setPaint(Viridis.labelColour(cell.getValue()));
            labels.add(label);
            i++;
        }
        DefaultXYZDataset dataset = new DefaultXYZDataset();
        dataset.addSeries("value", xyz);
        List<String> rowsBottomUp = new ArrayList<>(rows);
        java.util.Collections.reverse(rowsBottomUp);
        SymbolAxis x = new SymbolAxis(columnLabel, columns.toArray(String[]::new));
        SymbolAxis y = new SymbolAxis(rowLabel, rowsBottomUp.toArray(String[]::new));
        x.setGridBandsVisible(false);
        y.setGridBandsVisible(false);
        XYBlockRenderer renderer = new XYBlockRenderer();
        PaintScale scale = new Viridis();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        labels.forEach(plot::addAnnotation);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        NumberAxis scaleAxis = new NumberAxis(valueLabel);
        scaleAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(14);
        chart.addSubtitle(legend);
        return chart;
    }

    /** Writes the chart as PNG and as SVG beside it, each atomically; returns the PNG. */
    public static Path writePng(Map<String, Double> values, String title, String rowLabel, String columnLabel, Path file) {
        long rows = values.keySet().stream().map(n -> n.substring(0, n.indexOf('/'))).distinct().count();
        return Charts.write(build(values, title, rowLabel, columnLabel), file, 1000, 120 + 40 * (int) Math.max(4, rows)).get(0);
    }

    /**
     * Viridis (perceptually uniform, readable in grey and under colour-vision deficiencies) from dark purple at 0
     * to yellow at 1, by linear interpolation between five of its stops; NaN light grey.
     */
    static final class Viridis implements PaintScale {
        private static final int[] STOPS = {0x440154, 0x3B528B, 0x21918C, 0x5EC962, 0xFDE725};

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return Color.LIGHT_GRAY;
            }
            double v = Math.min(1, Math.max(0, value)) * (STOPS.length - 1);
            int i = Math.min(STOPS.length - 2, (int) Math.floor(v));
            double t = v - i;
            return new Color(mix(STOPS[i] >> 16, STOPS[i + 1] >> 16, t), mix(STOPS[i] >> 8, STOPS[i + 1] >> 8, t), mix(STOPS[i], STOPS[i + 1], t));
        }

        private static int mix(int a, int b, double t) {
            return (int) Math.round((a & 0xFF) * (1 - t) + (b & 0xFF) * t);
        }

        /** White text on the dark end, black on the light end. */
        static Color labelColour(double value) {
            return Double.isNaN(value) || value > 0.55 ? Color.BLACK : Color.WHITE;
        }
    }
}
