package io.chainfl.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunResult;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every chart comes out as a PNG and as a well-formed SVG holding the same chart: lines, labels, legend, dashed baseline. */
class ChartSvgTest {

    static RunResult twoSeries() {
        List<RoundMetrics> rounds = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            TreeMap<String, Double> extra = new TreeMap<>(Map.of("balance_pct_good", 100.0 + 10 * r, "balance_pct_bad", 100.0 - 20 * r));
            rounds.add(new RoundMetrics("fedavg", r, 0.5 + 0.1 * r, 1.0 / r, 0.5 + 0.1 * r, 0.9 / r, extra));
        }
        for (int r = 1; r <= 3; r++) {
            rounds.add(new RoundMetrics("centralized", r, 0.6 + 0.1 * r, 0.8 / r, 0.6 + 0.1 * r, 0.7 / r));
        }
        return new RunResult("demo", 42, rounds, List.of());
    }

    static Document parse(Path svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(Files.readAllBytes(svg)));
    }

    static Set<String> texts(Document svg) {
        Set<String> texts = new HashSet<>();
        NodeList nodes = svg.getElementsByTagName("text");
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void accuracyChartIsWrittenAsPngAndAsSvgWithTitleAxisLabelsLegendAndADashedBlackBaseline(@TempDir Path dir) throws Exception {
        Path png = AccuracyChart.writePng(twoSeries(), "demo: test accuracy by round", dir.resolve("accuracy.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(Charts.WIDTH, image.getWidth());
        Path svgFile = dir.resolve("accuracy.svg");
        Document svg = parse(svgFile);
        assertEquals("svg", svg.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", svg.getDocumentElement().getNamespaceURI());
        Set<String> texts = texts(svg);
        for (String expected : List.of("demo: test accuracy by round", "seed 42", "Round", "Test accuracy (fraction correct)", "fedavg", "centralized")) {
            assertTrue(texts.contains(expected), "the SVG has the text '" + expected + "', has " + texts);
        }
        NodeList paths = svg.getElementsByTagName("path");
        boolean dashedBlack = false;
        boolean fedavgLine = false;
        String fedavgColour = SeriesStyle.css(SeriesStyle.colours(List.of("fedavg", "centralized")).get("fedavg"));
        for (int i = 0; i < paths.getLength(); i++) {
            Element p = (Element) paths.item(i);
            dashedBlack |= p.getAttribute("stroke").equals("#000000") && !p.getAttribute("stroke-dasharray").isEmpty();
            fedavgLine |= p.getAttribute("stroke").equals(fedavgColour) && p.getAttribute("stroke-dasharray").isEmpty();
        }
        assertTrue(dashedBlack, "the centralized baseline is a dashed black line");
        assertTrue(fedavgLine, "fedavg is a solid line in its own colour " + fedavgColour);
        assertFalse(Files.list(dir).anyMatch(p -> p.toString().endsWith(".partial")), "no partial file left");
    }

    @Test
    void everyClipPathTheSvgUsesIsDefinedInIt(@TempDir Path dir) throws Exception {
        AccuracyChart.writePng(twoSeries(), "t", dir.resolve("accuracy.png"));
        String svg = Files.readString(dir.resolve("accuracy.svg"), StandardCharsets.UTF_8);
        java.util.regex.Matcher uses = java.util.regex.Pattern.compile("url\\(#([^)]+)\\)").matcher(svg);
        int count = 0;
        while (uses.find()) {
            assertTrue(svg.contains("id=\"" + uses.group(1) + "\""), "clip " + uses.group(1) + " is defined");
            count++;
        }
        assertTrue(count > 0, "the plot area is clipped");
        assertFalse(java.util.regex.Pattern.compile("<text[^>]*transform=[^>]*clip-path").matcher(svg).find(),
                "a rotated label is clipped through a group: on the element itself the clip would rotate with it");
        assertTrue(svg.contains("Test accuracy (fraction correct)</text>"), "the vertical label stays text");
    }

    @Test
    void theSameChartGivesTheSameSvgBytes() {
        String first = Charts.toSvg(AccuracyChart.build(twoSeries(), "t"), 900, 560);
        String second = Charts.toSvg(AccuracyChart.build(twoSeries(), "t"), 900, 560);
        assertEquals(first, second);
    }

    @Test
    void balanceAndHeatmapChartsAlsoGetAnSvg(@TempDir Path dir) throws Exception {
        BalanceChart.writePng(twoSeries(), "demo: balances", dir.resolve("balances.png"));
        Set<String> balanceTexts = texts(parse(dir.resolve("balances.svg")));
        assertTrue(balanceTexts.containsAll(List.of("Time (days)", "Balance (% of start)", "Test accuracy (%)", "good balance", "bad balance")), balanceTexts.toString());

        Map<String, Double> cells = new LinkedHashMap<>();
        cells.put("none/fedavg", 0.9);
        cells.put("sign_flip/fedavg", 0.1);
        cells.put("sign_flip/median", 0.85);
        HeatmapChart.writePng(cells, "matrix", "attack", "defence", dir.resolve("heatmap.png"));
        assertTrue(ImageIO.read(dir.resolve("heatmap.png").toFile()).getWidth() > 0);
        Set<String> heatmapTexts = texts(parse(dir.resolve("heatmap.svg")));
        assertTrue(heatmapTexts.containsAll(List.of("matrix", "attack", "defence", "0.90", "0.10", "0.85", "sign_flip", "median",
                "Final test accuracy (fraction correct)")), heatmapTexts.toString());
    }

    private static void assertFalse(boolean condition, String message) {
        org.junit.jupiter.api.Assertions.assertFalse(condition, message);
    }
}
