package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chainfl.cli.lab.LabServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's Sweep page in headless chromium: a 2 x 2 sweep (attack fraction x aggregator) of a tiny composed config,
 * launched from the page; the heatmap shows its first cell while others are still to come, then all four, each
 * coloured on the screen; a cell opens its run's report.html. Bad values show the CLI's line and block the launch.
 * {@code -Dchainfl.lab.sweep.screenshot=PATH} also writes the screenshot there (docs/lab-sweep.png comes from it).
 */
class LabSweepInBrowserTest {
    /** Softmax on a seeded Gaussian mixture, 4 participants, 3 rounds: a second or two per cell. */
    private static final String TINY = """
            name: tiny
            seed: 7
            rounds: 3
            participants: 4
            scenario: {type: fedavg, aggregator: {type: fedavg}}
            adversaries: [{type: sign_flip, fraction: 0.0, scale: 4}]
            data: {source: synthetic, synthetic: {samples: 600, features: 8, classes: 3}}
            model: {type: softmax}
            training: {lr: 0.1, batch_size: 16, local_epochs: 1}
            baseline: {centralized: false}
            ledger: {type: simulated}
            """;

    @Test
    void aTwoByTwoSweepFillsTheHeatmapCellByCell(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        try (LabServer lab = LabServer.start(new LabServer.Settings("127.0.0.1", 0, runs, null, 1));
             DevToolsBrowser browser = DevToolsBrowser.start(1400, 1200)) {
            String url = "http://127.0.0.1:" + lab.port() + "/";
            browser.navigate(url);
            browser.waitFor("document.body.dataset.ready === 'true'", 60, "the lab page loaded its catalogue");
            browser.type("#yaml", TINY);
            browser.waitFor("document.querySelector('#validity').textContent === 'valid' && document.querySelector('#f-rounds').value === '3'", 30,
                    "the composed config is valid");

            // the Sweep page: the composed YAML as the base, attack fraction by aggregator
            browser.click("button.tab[data-tab=sweep]");
            browser.choose("#sweep-base", "compose");
            browser.choose(".axis[data-axis='0'] .axis-key", "adversaries.0.fraction");
            browser.type(".axis[data-axis='0'] .axis-values", "0.0, 1.5");
            browser.waitFor("!document.querySelector('#sweep-error').hidden && document.querySelector('#sweep-error').textContent.includes('value 1.5') "
                    + "&& document.querySelector('#sweep-launch').disabled", 30,
                    "a fraction of 1.5 is refused before launching");
            assertTrue(browser.eval("document.querySelector('#sweep-error').textContent").asText()
                    .matches("compose\\.yaml:\\d+:\\d+: sweep\\.grid\\.adversaries\\.0\\.fraction: value 1\\.5: .*"),
                    "the CLI's line: " + browser.eval("document.querySelector('#sweep-error').textContent").asText());
            browser.type(".axis[data-axis='0'] .axis-values", "0.0, 0.5");
            browser.choose(".axis[data-axis='1'] .axis-key", "scenario.aggregator.type");
            browser.type(".axis[data-axis='1'] .axis-values", "fedavg, median");
            browser.waitFor("document.querySelector('#sweep-size').textContent === 'grid 2 x 2 = 4 runs' && !document.querySelector('#sweep-launch').disabled",
                    30, "the grid's size before launching");
            assertTrue(browser.eval("document.querySelector('#sweep-yaml').textContent").asText().contains("scenario.aggregator.type:"),
                    "the config the lab writes is shown");

            browser.click("#sweep-launch");
            browser.waitFor("document.querySelector('#sweep-id').textContent === 'lab/tiny-sweep-1' "
                    + "&& document.querySelectorAll('#sweep-heatmap rect.cell').length === 4", 60, "the empty grid");
            browser.waitFor("document.querySelectorAll('#sweep-heatmap rect.cell.finished').length >= 1", 120, "the first cell");
            browser.waitFor("document.querySelector('#sweep-state').textContent === 'finished' "
                    + "&& document.querySelectorAll('#sweep-heatmap rect.cell.finished').length === 4", 180, "all four cells");
            String history = browser.eval("document.querySelector('#sweep-heatmap').dataset.history").asText();
            int[] seen = Arrays.stream(history.split(",")).mapToInt(Integer::parseInt).toArray();
            assertTrue(seen.length >= 3 && seen[seen.length - 1] == 4 && Arrays.stream(seen).anyMatch(n -> n == 1),
                    "the heatmap showed one finished cell before the last arrived (finished counts as drawn: " + history + ")");
            JsonNode texts = browser.eval("[...document.querySelectorAll('#sweep-heatmap text.cell-value')].map(t => t.textContent)");
            assertEquals(4, texts.size());
            texts.forEach(t -> assertTrue(t.asText().matches("0\\.\\d{3}|1\\.000"), "an accuracy in every cell: " + texts));

            // the cells' colours are on the screen
            browser.eval("document.querySelector('#sweep-heatmap').scrollIntoView({block: 'start'})");
            byte[] shot = browser.screenshot();
            Files.write(dir.resolve("sweep.png"), shot);
            String copy = System.getProperty("chainfl.lab.sweep.screenshot");
            if (copy != null && !copy.isBlank()) {
                Files.write(Path.of(copy), shot);
            }
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(shot));
            Set<String> fills = new LinkedHashSet<>();
            browser.eval("[...document.querySelectorAll('#sweep-heatmap rect.cell')].map(r => r.getAttribute('fill'))").forEach(f -> fills.add(f.asText()));
            assertTrue(fills.size() >= 2, "the scale tells the cells apart: " + fills);
            for (String fill : fills) {
                int pixels = pixelsOf(image, Color.decode(fill));
                assertTrue(pixels > 2000, "cell colour " + fill + " drawn on the screen: " + pixels + " pixels");
            }

            // a cell opens its run's report
            String report = browser.eval("document.querySelector('#sweep-heatmap a.cell-link').getAttribute('href')").asText();
            assertTrue(report.startsWith("/files/lab/tiny-sweep-1/") && report.endsWith("/report.html"), report);
            browser.navigate("http://127.0.0.1:" + lab.port() + report);
            browser.waitFor("document.querySelector('table.summary') && document.querySelectorAll('svg').length >= 1", 30, "the cell's report.html opened");
            assertTrue(Files.exists(runs.resolve("lab/tiny-sweep-1/sweep.csv")), "the sweep's tables");
        }
    }

    private static int pixelsOf(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) < 6 && Math.abs(c.getGreen() - colour.getGreen()) < 6
                        && Math.abs(c.getBlue() - colour.getBlue()) < 6) {
                    count++;
                }
            }
        }
        return count;
    }
}
