package io.chainfl.reports;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * A grid of final values for variants named "row/column" (e.g. "sign_flip/median" in the attack matrix): one
 * cell per variant, coloured from red (0) to green (1) and labelled with its value. Rows and columns keep the
 * order in which the variants first name them.
 */
public final class HeatmapChart {
    private HeatmapChart() {}

    /** Whether every name reads "row/column", with exactly one slash. */
    public static boolean applies(Collection<String> names) {
        return !names.isEmpty() && names.stream().allMatch(n -> n.indexOf('/') > 0 && n.indexOf('/') == n.lastIndexOf('/') && !n.endsWith("/"));
    }

    public static JFreeChart build(Map<String, Double> values, String title, String rowLabel, String columnLabel) {
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
            XYTextAnnotation label = new XYTextAnnotation(String.format("%.2f", cell.getValue()), x, y);
            label.setFont(new Font("SansSerif", Font.PLAIN, 11));
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
        renderer.setPaintScale(new RedToGreen());
        XYPlot plot = new XYPlot(dataset, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        labels.forEach(plot::addAnnotation);
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Writes the chart as PNG, atomically (a reader never sees half an image). */
    public static Path writePng(Map<String, Double> values, String title, String rowLabel, String columnLabel, Path file) {
        JFreeChart chart = build(values, title, rowLabel, columnLabel);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            ChartUtils.saveChartAsPNG(partial.toFile(), chart, 1000, 120 + 40 * (int) Math.max(4, values.keySet().stream()
                    .map(n -> n.substring(0, n.indexOf('/'))).distinct().count()));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + file, e);
        }
        return file;
    }

    /** Linear from red at 0 through yellow at 0.5 to green at 1; NaN grey. */
    private static final class RedToGreen implements PaintScale {
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
            double v = Math.min(1, Math.max(0, value));
            int red = v < 0.5 ? 230 : (int) (230 * (1 - v) * 2);
            int green = v < 0.5 ? (int) (200 * v * 2) : 200;
            return new Color(Math.max(red, 40), Math.max(green, 40), 80);
        }
    }
}
