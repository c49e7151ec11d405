package io.chainfl.reports;

import io.chainfl.engine.run.RunFolder;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;

/**
 * The house style every chart shares (white background, light grid, title with the seed) and the output: every
 * chart is written as PNG and as SVG beside it, each atomically.
 */
final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;

    static {
        // JFreeChart draws rotated text (the vertical axis label) as glyph outlines by default, a workaround for
        // JDK 1.4 bugs; plain drawString under a rotation keeps it as text in the SVG and renders the same in PNG.
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

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

    /**
     * Draws a small throw-away chart as PNG and as SVG in memory: the first chart of a JVM pays for loading Java2D,
     * the fonts, the PNG encoder and JFreeChart's classes (about half a second), which a run can pay on an idle core
     * while it loads its data instead of at its end. Changes nothing a later chart draws.
     */
    static void warmUp() {
        org.jfree.data.xy.XYSeries series = new org.jfree.data.xy.XYSeries("warm-up", false, false);
        series.add(1, 0.5);
        series.add(2, 0.75);
        XYPlot plot = new XYPlot(new org.jfree.data.xy.XYSeriesCollection(series), new org.jfree.chart.axis.NumberAxis("x"),
                new org.jfree.chart.axis.NumberAxis("y"), new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true));
        JFreeChart chart = styled(plot, "warm-up", 0);
        try {
            ChartUtils.writeChartAsPNG(java.io.OutputStream.nullOutputStream(), chart, 160, 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        toSvg(chart, 160, 100);
    }

    /** Writes the chart as PNG to {@code pngFile} and as SVG beside it ({@code .svg} instead of {@code .png}). */
    static List<Path> write(JFreeChart chart, Path pngFile, int width, int height) {
        Path svgFile = svgBeside(pngFile);
        try {
            Path partialPng = partial(pngFile);
            ChartUtils.saveChartAsPNG(partialPng.toFile(), chart, width, height);
            Files.move(partialPng, pngFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Path partialSvg = partial(svgFile);
            Files.writeString(partialSvg, toSvg(chart, width, height), StandardCharsets.UTF_8);
            Files.move(partialSvg, svgFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + pngFile, e);
        }
        return List.of(pngFile, svgFile);
    }

    /** PNG and SVG at the default size; returns the PNG's path. */
    static Path writePng(JFreeChart chart, Path file) {
        return write(chart, file, WIDTH, HEIGHT).get(0);
    }

    static String toSvg(JFreeChart chart, int width, int height) {
        SvgGraphics2D g = new SvgGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.toSvg();
    }

    static Path svgBeside(Path pngFile) {
        return pngFile.resolveSibling(RunFolder.svgOf(pngFile.getFileName().toString()));
    }

    private static Path partial(Path file) {
        return RunFolder.partial(file);
    }
}
