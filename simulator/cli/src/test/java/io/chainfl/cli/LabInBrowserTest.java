package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.cli.lab.LabServer;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab in headless chromium, clicked through as a student would: compose a config with an attack, get the CLI's
 * error at the field and the YAML line for a bad value, launch, see live points arrive, stop (checkpoint), resume
 * to the end, compare two runs, open a report, and run a lesson; the screenshot shows the chart's line.
 * {@code -Dchainfl.lab.screenshot=PATH} also writes the screenshot there (docs/lab.png comes from it).
 */
class LabInBrowserTest {
    /** Enough work per round (about 0.25 s on an idle 2-core machine) that the stop lands part-way even when nothing else runs. */
    private static final String TINY = """
            name: tiny
            seed: 7
            rounds: 40
            participants: 4
            scenario: {type: fedavg}
            model: {type: softmax}
            data: {source: synthetic, synthetic: {samples: 20000, features: 400, classes: 4}}
            training: {local_epochs: 5}
            baseline: {centralized: false}
            ledger: {type: simulated}
            """;
    /** Paul Tol's muted red, the first series' colour in the lab's charts (chart.js). */
    private static final Color FIRST_SERIES = Color.decode("#CC6677");

    @Test
    void composeRunStopResumeCompareReportAndALesson(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        try (LabServer lab = LabServer.start(new LabServer.Settings("127.0.0.1", 0, runs, null, 1));
             DevToolsBrowser browser = DevToolsBrowser.start(1400, 1000)) {
            String url = "http://127.0.0.1:" + lab.port() + "/";
            browser.navigate(url);
            browser.waitFor("document.body.dataset.ready === 'true'", 60, "the lab page loaded its catalogue");

            // compose: the YAML drives the form, then the form adds an attack
            browser.type("#yaml", TINY);
            browser.waitFor("document.querySelector('#f-rounds').value === '40' && document.querySelector('#validity').textContent === 'valid'", 30,
                    "the form follows the YAML");
            browser.choose("#add-attack", "sign_flip");
            browser.waitFor("document.querySelector('#yaml').value.includes('type: sign_flip') && document.querySelectorAll('.attack').length === 1", 30,
                    "the attack is in the YAML");
            assertTrue(browser.eval("document.querySelector('.attack').textContent").asText().contains("reversed"),
                    "the attack's description from the registry: " + browser.eval("document.querySelector('.attack').textContent").asText());

            // a bad value: the CLI's message at the field and at the YAML line
            String fraction = ".field[data-key=\"adversaries[0].fraction\"] input";
            browser.type(fraction, "1.5");
            browser.waitFor("document.querySelector('.field.invalid[data-key=\"adversaries[0].fraction\"] .field-error')", 30, "the error at the field");
            String composed = browser.eval("document.querySelector('#yaml').value").asText();
            String cli = cliMessage(dir, composed);
            int line = Integer.parseInt(cli.split(":")[1]);
            assertEquals(cli, browser.eval("document.querySelector('.field-error').textContent").asText(), "the CLI's wording at the field");
            assertEquals("YAML line " + line + ": " + cli, browser.eval("document.querySelector('#yaml-error').textContent").asText());
            assertEquals(String.valueOf(line), browser.eval("document.querySelector('#yaml-lines .bad').textContent").asText(), "the line is marked");
            assertTrue(browser.eval("document.querySelector('#launch').disabled").asBoolean(), "no launch while invalid");
            browser.type(fraction, "0.25");
            browser.waitFor("document.querySelector('#validity').textContent === 'valid'", 30, "valid again");

            // launch and watch
            browser.click("#launch");
            browser.waitFor("document.querySelectorAll('#watch-chart circle.point').length >= 3", 120, "three live points");
            browser.click("#stop");
            browser.waitFor("document.querySelector('#watch-state').textContent === 'stopped'", 120, "stopped after a checkpoint");
            int before = browser.eval("document.querySelectorAll('#watch-chart circle.point').length").asInt();
            assertTrue(before >= 3 && before < 40, "stopped part-way: " + before + " rounds");
            assertTrue(Files.exists(runs.resolve("lab/tiny-1/checkpoint/manifest.json")), "a checkpoint to resume from");
            browser.click("#resume");
            browser.waitFor("document.querySelector('#watch-state').textContent === 'finished'", 180, "the resumed run finished");
            browser.waitFor("document.querySelectorAll('#watch-chart circle.point').length === 40", 30, "every round on the chart");
            byte[] shot = browser.screenshot();
            Files.write(dir.resolve("lab.png"), shot);
            String copy = System.getProperty("chainfl.lab.screenshot");
            if (copy != null && !copy.isBlank()) {
                Files.write(Path.of(copy), shot);
            }
            assertTrue(pixelsOf(ImageIO.read(new ByteArrayInputStream(shot)), FIRST_SERIES) > 200, "the accuracy line is drawn on the screen");
            // the lab's run is the command line's run: same config, same bytes
            Path cliRun = dir.resolve("cli-run");
            assertEquals(0, CliHarness.run("run", runs.resolve("lab/tiny-1/config.yaml").toString(), "--out", cliRun.toString(),
                    "--set", "output.charts=false").exitCode());
            for (String table : new String[] {"metrics.csv", "participants.csv", "events.csv"}) {
                assertEquals(Files.readString(cliRun.resolve(table)), Files.readString(runs.resolve("lab/tiny-1").resolve(table)),
                        table + " of the stopped and resumed lab run equals chainfl run's");
            }

            // a second run through the form, then compare the two
            browser.click("button.tab[data-tab=compose]");
            browser.type("#f-seed", "8");
            browser.type("#f-rounds", "10");
            browser.waitFor("document.querySelector('#yaml').value.includes('seed: 8') && document.querySelector('#validity').textContent === 'valid'", 30,
                    "the form's change is in the YAML");
            browser.click("#launch");
            browser.waitFor("document.querySelector('#watch-id').textContent === 'lab/tiny-2' && document.querySelector('#watch-state').textContent === 'finished'",
                    120, "the second run finished");
            browser.click("button.tab[data-tab=runs]");
            browser.waitFor("document.querySelector('tr[data-id=\"lab/tiny-2\"] input.pick')", 30, "both runs listed");
            browser.click("tr[data-id=\"lab/tiny-1\"] input.pick");
            browser.click("tr[data-id=\"lab/tiny-2\"] input.pick");
            browser.click("#compare-selected");
            browser.waitFor("document.querySelectorAll('#compare-chart path.series-line').length === 2", 30, "two curves on one chart");
            assertEquals(3, browser.eval("document.querySelectorAll('#compare-table tr:first-child th').length").asInt(), "two summaries side by side");

            // open a report
            String report = browser.eval("document.querySelector('#compare-table a.report').href").asText();
            browser.navigate(report);
            browser.waitFor("document.querySelector('table.summary') && document.querySelectorAll('svg').length >= 1", 30, "report.html opened");

            // a lesson, run to its end
            browser.navigate(url);
            browser.waitFor("document.body.dataset.ready === 'true'", 60, "the lab again");
            browser.click("button.tab[data-tab=lessons]");
            browser.click("button.lesson[data-lesson=label-flip-vs-median]");
            browser.waitFor("document.querySelector('#lesson h2') && document.querySelector('.lesson-run')", 30, "the lesson's page");
            browser.click(".lesson-run");
            browser.waitFor("document.querySelector('#watch-id').textContent.startsWith('lab/lesson-label-flip-median') "
                    + "&& document.querySelector('#watch-state').textContent === 'finished'", 240, "the lesson's run finished");
            assertTrue(browser.eval("document.querySelectorAll('#watch-chart circle.point').length").asInt() >= 8, "the lesson's rounds are drawn");
        }
    }

    /** What chainfl validate says about the text saved as compose.yaml, without "chainfl: " and the folder. */
    private static String cliMessage(Path dir, String yaml) throws Exception {
        Path file = Files.createDirectories(dir.resolve("cli")).resolve("compose.yaml");
        Files.writeString(file, yaml);
        CliHarness.Result r = CliHarness.run("validate", "--quiet", file.toString());
        assertEquals(2, r.exitCode(), r.err());
        return r.err().strip().replace("chainfl: " + file.getParent() + java.io.File.separator, "");
    }

    private static int pixelsOf(BufferedImage image, Color colour) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - colour.getRed()) < 24 && Math.abs(c.getGreen() - colour.getGreen()) < 24
                        && Math.abs(c.getBlue() - colour.getBlue()) < 24) {
                    count++;
                }
            }
        }
        return count;
    }
}
