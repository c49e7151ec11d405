package io.chainfl.reports;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;

/** The house style every chart shares (white background, light grid, title with the seed) and atomic PNG output. */
final class Charts {
    private Charts() {}

    static JFreeChart styled(XYPlot plot, String title, long seed) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle("seed " + seed, new Font("SansSerif", Font.PLAIN, 11)));
        return chart;
    }

    /** Writes the chart as PNG under a temporary name, then moves it: a reader never sees half an image. */
    static Path writePng(JFreeChart chart, Path file) {
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
