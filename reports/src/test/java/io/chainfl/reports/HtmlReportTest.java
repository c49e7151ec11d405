package io.chainfl.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html from hand-made folders: a sweep folder with checks.json, a folder of charts, and bad input. */
class HtmlReportTest {
    static final String CHECKS = """
            {
              "config": "configs/regression/seccl-collusion.yaml",
              "passed": false,
              "assertions": [
                {"name": "fedavg holds accuracy", "description": "final accuracy of series fedavg, min over seeds [1,2,3]", "actual": 0.912, "expected": ">= 0.9", "passed": true, "detail": "per seed: 1=0.915 2=0.912 3=0.930"},
                {"name": "no colluder elected", "description": "elected_adversaries after round 5, max over seeds", "actual": 2, "expected": "== 0", "passed": false, "detail": "seed 2 round 7"}
              ]
            }
            """;

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    @Test
    void aSweepFolderShowsItsPointsSeedsAndTheAssertionsWithPassAndFail(@TempDir Path dir) throws Exception {
        write(dir.resolve("config.yaml"), "name: sweepy\nseed: 1\nsweep: {grid: {training.lr: [0.1, 0.2]}, seeds: [1, 2, 3]}\n");
        write(dir.resolve("sweep.csv"), "training.lr,seed,series,round,accuracy\n0.1,1,fedavg,1,0.5\n0.1,1,fedavg,2,0.61\n0.2,2,fedavg,1,0.55\n0.2,2,fedavg,2,0.72\n0.2,3,fedavg,2,0.7\n");
        write(dir.resolve("sweep-summary.csv"), "run,training.lr,runs,final_accuracy_mean,final_accuracy_ci95\nlr-a1,0.1,3,0.6100,0.0100\nlr-b2,0.2,3,0.7100,0.0200\n");
        write(dir.resolve("lr-a1").resolve("metrics.csv"), "series,round,accuracy,loss,macro_f1,train_loss\nfedavg,1,0.5,1,0.5,1\n");
        write(dir.resolve("lr-a1").resolve("timing.csv"), "series,round,phase,wall_ms\nfedavg,1,train,1500.0\nfedavg,2,train,500.0\n");
        write(dir.resolve("checks.json"), CHECKS);

        Path report = HtmlReport.writeFor(dir);
        String html = Files.readString(report, StandardCharsets.UTF_8);
        assertEquals(dir.resolve("report.html"), report);
        assertTrue(html.contains("sweep-summary.csv"), "the per-point table");
        assertTrue(html.contains("<td>0.7100</td>"), "sweep-summary values");
        assertTrue(html.contains("<a href=\"lr-a1/report.html\">lr-a1</a>"), "a run that has its folder links to its report");
        assertTrue(html.contains("<td>lr-b2</td>"), "a run without a folder is plain text");
        assertTrue(html.contains("<td>train</td><td>2.00</td>"), "timings summed over the runs' folders");
        assertTrue(html.contains("sweep.csv: 5 rows"), html);
        assertTrue(html.contains("<td>1, 2, 3</td>"), "the seeds from the sweep");
        assertTrue(html.contains("fedavg holds accuracy") && html.contains("no colluder elected"));
        assertTrue(html.contains("<span class=\"pass\">PASS</span>") && html.contains("<span class=\"fail\">FAIL</span>"));
        assertTrue(html.contains("checks FAIL"), "the overall verdict is a badge at the top");
        assertTrue(html.contains("config.yaml SHA-256"));
        assertFalse(html.contains("did not finish"), "a sweep folder has no summary.json of its own");
        assertTrue(html.contains("&lt;= ") || html.contains("&gt;= 0.9"), "expected values are escaped");
        assertFalse(Files.exists(dir.resolve("report.html.partial")));
    }

    @Test
    void theReproduceSectionNamesTheKernelsFromInvocationJson(@TempDir Path dir) throws Exception {
        write(dir.resolve("metrics.csv"), "series,round,accuracy,loss,macro_f1,train_loss\nfedavg,1,0.5,1,0.5,1\n");
        write(dir.resolve("invocation.json"), "{\"command\": \"chainfl run q.yaml\", \"math_kernels\": \"vector (Vector API FloatVector, 256-bit, 8 float lanes)\"}");
        String html = HtmlReport.render(dir);
        String reproduce = html.substring(html.indexOf("id=\"reproduce\""));
        assertTrue(reproduce.contains("<tr><td>math kernels</td><td>vector (Vector API FloatVector, 256-bit, 8 float lanes)</td></tr>"), reproduce);

        write(dir.resolve("invocation.json"), "{\"command\": \"chainfl run q.yaml\"}");
        assertFalse(HtmlReport.render(dir).contains("math kernels"), "a run from before the field shows no kernel line rather than a guess");
    }

    @Test
    void aSweepWithoutSummaryShowsTheFinalRoundOfEveryRun(@TempDir Path dir) throws Exception {
        write(dir.resolve("sweep.csv"), "training.lr,seed,round,accuracy\n0.1,1,1,0.5\n0.1,1,2,0.61\n0.2,2,1,0.55\n0.2,2,2,0.72\n");
        String html = HtmlReport.render(dir);
        assertTrue(html.contains("Final round (2) of every run"), html);
        assertTrue(html.contains("<td>0.7200</td>") && !html.contains("<td>0.5500</td>"), "only final rows");
    }

    @Test
    void inlinedChartsKeepTheirClipPathsApart(@TempDir Path dir) throws Exception {
        write(dir.resolve("metrics.csv"), "series,round,accuracy,loss,macro_f1,train_loss\nfedavg,1,0.5,1,0.5,1\nfedavg,2,0.8,0.5,0.79,0.6\n");
        AccuracyChart.writePng(ChartSvgTest.twoSeries(), "a", dir.resolve("accuracy.png"));
        BalanceChart.writePng(ChartSvgTest.twoSeries(), "b", dir.resolve("balances.png"));
        String html = HtmlReport.render(dir);
        assertEquals(2, Pattern.compile("<svg ").matcher(html).results().count(), "both charts inline");
        assertTrue(html.contains("id=\"chart0-clip0\"") && html.contains("id=\"chart1-clip0\""));
        assertFalse(html.contains("id=\"clip0\""), "no id left unprefixed");
        assertFalse(html.contains("<img"), "a chart with an SVG is not embedded twice");
        assertTrue(html.indexOf("accuracy.svg") < html.indexOf("balances.svg"), "accuracy first");
        assertTrue(html.contains("<td>0.8000</td>"), "final accuracy from metrics.csv");
    }

    @Test
    void aPngWithoutSvgIsEmbeddedAsData(@TempDir Path dir) throws Exception {
        write(dir.resolve("metrics.csv"), "series,round,accuracy,loss,macro_f1,train_loss\nfedavg,1,0.5,1,0.5,1\n");
        AccuracyChart.writePng(ChartSvgTest.twoSeries(), "a", dir.resolve("accuracy.png"));
        Files.delete(dir.resolve("accuracy.svg"));
        assertTrue(HtmlReport.render(dir).contains("<img alt=\"accuracy\" src=\"data:image/png;base64,"));
    }

    @Test
    void aFolderWithNothingToReportOrABrokenFileIsBadInputNamingIt(@TempDir Path dir) throws Exception {
        UserError empty = assertThrows(UserError.class, () -> HtmlReport.writeFor(dir));
        assertTrue(empty.getMessage().startsWith(dir + ": nothing to report"), empty.getMessage());
        UserError missing = assertThrows(UserError.class, () -> HtmlReport.writeFor(dir.resolve("nope")));
        assertTrue(missing.getMessage().contains("no such folder"), missing.getMessage());
        write(dir.resolve("checks.json"), "{\"passed\": tru");
        UserError broken = assertThrows(UserError.class, () -> HtmlReport.writeFor(dir));
        assertTrue(broken.getMessage().startsWith(dir.resolve("checks.json") + ": not valid JSON"), broken.getMessage());
    }
}
