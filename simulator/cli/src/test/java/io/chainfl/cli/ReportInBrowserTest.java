package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html of a tiny real run and of a variants run, opened in headless chromium: it renders its tables and
 * inline SVG charts, loads nothing from anywhere, and the series' colours reach the screen.
 */
class ReportInBrowserTest {
    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);
    private static final Pattern EXTERNAL = Pattern.compile("(?i)(src|href)\\s*=\\s*[\"']?\\s*(https?:|//)|url\\(\\s*[\"']?\\s*(https?:|//)|@import");
    private static final Pattern SWATCH = Pattern.compile("<span class=\"swatch\" style=\"background:(#[0-9a-f]{6})\"></span>([^<]+)</td>");

    static String[] tinyRun(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("run", CliHarness.configs().resolve("quickstart.yaml").toString(), "--out", out.toString(),
                "--set", "rounds=2", "--set", "participants=3", "--set", "model.type=softmax",
                "--set", "data={source: synthetic, synthetic: {samples: 600, features: 10, classes: 3}}"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void aRunsReportRendersItsSummaryAndChartsAndIsSelfContained(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("tiny");
        CliHarness.Result r = CliHarness.run(tinyRun(out));
        assertEquals(0, r.exitCode(), r.err());
        Path report = out.resolve("report.html");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertSelfContained(html);

        assertRenderedWithoutLoads(report, 1);
        String dom = HeadlessChromium.dumpDom(report).stdout();
        assertTrue(dom.contains("<table class=\"summary\">"), "the summary table rendered");
        assertTrue(dom.contains("</span>fedavg</td>") && dom.contains("</span>centralized</td>"), "a row per series");
        assertTrue(dom.contains("chain valid"), "ledger totals");
        assertChartsRendered(dom, 1, "Round", "Test accuracy (fraction correct)");
        assertTrue(dom.contains("stroke-dasharray"), "the baseline is dashed");
        assertTrue(dom.contains("<details>") && dom.contains("config.yaml (resolved"), "the config, collapsible");
        assertTrue(dom.contains("id=\"timing\"") && dom.contains("<td>train</td>"), "timings per phase");
        assertTrue(dom.contains("chainfl run") && dom.contains("--set rounds=2"), "the command line that made it");
        assertTrue(dom.contains("config.yaml SHA-256") && dom.contains("Java version"));

        // the fedavg line's colour, as the summary table's swatch names it, is on the screen: the SVG was drawn
        Matcher swatch = SWATCH.matcher(html);
        Color fedavg = null;
        while (swatch.find()) {
            if (swatch.group(2).equals("fedavg")) {
                fedavg = Color.decode(swatch.group(1));
            }
        }
        assertTrue(fedavg != null, "fedavg has a swatch");
        BufferedImage shot = ImageIO.read(HeadlessChromium.screenshot(report, out.resolve("screenshot.png"), 1200, 2000).toFile());
        assertTrue(pixelsOfColour(shot, fedavg) > 50, "the fedavg line (" + fedavg + ") is drawn in the screenshot");

        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        List<String> files = new java.util.ArrayList<>();
        summary.get("files").forEach(f -> files.add(f.asText()));
        assertTrue(files.containsAll(List.of("report.html", "accuracy.svg", "invocation.json")), files.toString());
        for (String file : files) {
            assertTrue(Files.isRegularFile(out.resolve(file)), "summary.json lists " + file + " and it exists");
        }
    }

    @Test
    void aVariantsReportHasARowAndALinkPerVariantAndEverySubRunHasItsOwnReport(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("variants");
        CliHarness.Result r = CliHarness.run(tinyRun(out, "--set", "variants=[{name: lr=0.1, set: {training.lr: 0.1}}, {name: lr=0.5, set: {training.lr: 0.5}}]"));
        assertEquals(0, r.exitCode(), r.err());
        for (String sub : List.of("lr=0.1", "lr=0.5", "centralized")) {
            assertTrue(Files.isRegularFile(out.resolve(sub).resolve("report.html")), sub + " has its report");
        }
        Path report = out.resolve("report.html");
        assertSelfContained(Files.readString(report, StandardCharsets.UTF_8));
        assertRenderedWithoutLoads(report, 1);
        String dom = HeadlessChromium.dumpDom(report).stdout();
        assertTrue(dom.contains("variants report"), "recognised as a variants folder");
        for (String variant : List.of("lr=0.1", "lr=0.5", "centralized")) {
            assertTrue(dom.contains("</span>" + variant + "</td>"), "a row for " + variant);
            assertTrue(dom.contains("<a href=\"" + variant + "/report.html\">"), "a link to " + variant + "'s report");
        }
        assertChartsRendered(dom, 1, "Round", "lr=0.1");
        assertTrue(dom.contains("training.lr"), "the config with its variants");
    }

    @Test
    void aSweepsReportShowsItsRunsWithLinksAndItsBandChart(@TempDir Path dir) throws Exception {
        Path config = SweepFixtures.write(dir, "sweep: {grid: {training.lr: [0.05, 0.2]}, seeds: [1, 2]}\n");
        Path out = dir.resolve("sweep");
        CliHarness.Result r = CliHarness.run("sweep", config.toString(), "--out", out.toString(), "--jobs", "1");
        assertEquals(0, r.exitCode(), r.err());
        Path report = out.resolve("report.html");
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertSelfContained(html);
        assertRenderedWithoutLoads(report, 1);
        String dom = HeadlessChromium.dumpDom(report).stdout();
        assertTrue(dom.contains("sweep report") && dom.contains("sweep-summary.csv"), "recognised as a sweep");
        assertEquals(4, Pattern.compile("<a href=\"[^\"]+/report.html\">").matcher(dom).results().count(), "a linked row per run");
        assertTrue(dom.contains("<td>1, 2</td>"), "the seeds");
        assertTrue(dom.contains("chainfl sweep"), "the command line");
        assertChartsRendered(dom, 1, "centralized");
    }

    @Test
    void reportCommandRendersAnExistingFolderAgainAndRejectsAFolderWithoutResults(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("again");
        assertEquals(0, CliHarness.run(tinyRun(out)).exitCode());
        Files.delete(out.resolve("report.html"));
        CliHarness.Result again = CliHarness.run("report", out.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.out().contains("report: " + out.resolve("report.html").toAbsolutePath()), again.out());
        assertTrue(Files.readString(out.resolve("report.html")).contains("<table class=\"summary\">"));

        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliHarness.Result bad = CliHarness.run("report", empty.toString());
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.err().strip().split("\n").length, bad.err());
        assertTrue(bad.err().startsWith("chainfl: " + empty + ": nothing to report"), bad.err());
    }

    @Test
    void aReportThatCannotBeWrittenIsAWarningAndTheRunStillSucceeds(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("blocked");
        // a non-empty directory where the report goes: the final rename fails
        Files.createDirectories(out.resolve("report.html").resolve("occupied"));
        CliHarness.Result r = CliHarness.run(tinyRun(out));
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("chainfl: warning: could not write " + out.resolve("report.html")), r.err());
        assertTrue(r.err().contains("chainfl report " + out), "says how to retry");
        assertTrue(Files.isRegularFile(out.resolve("summary.json")), "the run is complete");
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void theProbeSeesAnImageThatFailedToLoadAndAChartThatIsNotDrawn(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><img src=\"missing.png\"><svg width=\"0\" height=\"0\"><text>x</text></svg></body></html>");
        HeadlessChromium.Probe probe = HeadlessChromium.probe(page);
        assertEquals(List.of("image missing.png"), probe.failed());
        assertEquals(1, probe.svgs());
        assertEquals(0, probe.svgsDrawn());
    }

    private static void assertSelfContained(String html) {
        Matcher external = EXTERNAL.matcher(html);
        assertFalse(external.find(), () -> "the report references something outside itself: " + html.substring(
                Math.max(0, external.start() - 80), Math.min(html.length(), external.end() + 80)));
        assertFalse(html.contains("<script"), "no scripts");
        assertFalse(html.contains("<link"), "no linked stylesheets");
    }

    /** In the browser: nothing failed to load, nothing was fetched, and every chart and its labels were laid out. */
    private static void assertRenderedWithoutLoads(Path report, int minCharts) throws Exception {
        HeadlessChromium.Probe probe = HeadlessChromium.probe(report);
        assertEquals(List.of(), probe.failed(), "loads that failed");
        assertEquals(List.of(), probe.resources(), "a self-contained page fetches nothing");
        assertTrue(probe.svgs() >= minCharts, "inline charts: " + probe);
        assertEquals(probe.svgs(), probe.svgsDrawn(), "every chart has a size on the page: " + probe);
        assertTrue(probe.textsDrawn() > 10 * probe.svgs(), "the charts' titles, ticks and labels are laid out: " + probe);
    }

    /** At least {@code charts} inline SVGs, each with drawn paths and text, and the given texts among them. */
    private static void assertChartsRendered(String dom, int charts, String... texts) {
        List<String> svgs = SVG.matcher(dom).results().map(java.util.regex.MatchResult::group).toList();
        assertTrue(svgs.size() >= charts, "inline SVG charts: " + svgs.size());
        for (String svg : svgs) {
            assertTrue(Pattern.compile("<path\\b").matcher(svg).results().count() > 10, "the chart has its lines and axes");
            assertTrue(Pattern.compile("<text\\b").matcher(svg).results().count() > 5, "the chart has its labels");
        }
        String all = String.join("\n", svgs);
        for (String text : texts) {
            assertTrue(all.contains(">" + text + "</text>"), "a chart shows '" + text + "'");
        }
    }

    private static int pixelsOfColour(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) <= 6 && Math.abs(c.getGreen() - colour.getGreen()) <= 6 && Math.abs(c.getBlue() - colour.getBlue()) <= 6) {
                    count++;
                }
            }
        }
        return count;
    }
}
