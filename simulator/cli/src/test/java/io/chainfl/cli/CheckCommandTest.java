package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.cli.expect.AssertionResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Exit codes, the checks.json/JUnit/table formats, and chainfl threshold's answers and errors. */
class CheckCommandTest {
    private static final String MEDIAN = CliHarness.configs().resolve("regression/median-breaking-point.yaml").toString();
    private static final String ATTACKS = CliHarness.configs().resolve("regression/attack-defense.yaml").toString();

    @Test
    void unknownSeriesIsBadInputReportedBeforeAnythingRuns(@TempDir Path dir) {
        Path out = dir.resolve("never");
        CliHarness.Result r = CliHarness.run("check", ATTACKS, "--out", out.toString(),
                "--set", "expect.assertions.1.series=sign_flip/fedavgg");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().lines().count(), "one line: " + r.err());
        assertTrue(r.err().startsWith("chainfl: " + ATTACKS + ": expect.assertions[1].series: unknown series 'sign_flip/fedavgg'; did you mean 'sign_flip/fedavg'?"), r.err());
        assertFalse(Files.exists(out), "nothing ran");
    }

    @Test
    void unknownColumnAndMissingExpectBlockAreBadInput(@TempDir Path dir) {
        CliHarness.Result column = CliHarness.run("check", ATTACKS, "--out", dir.resolve("a").toString(),
                "--set", "expect.assertions.0.metric=elected_adversaries");
        assertEquals(2, column.exitCode());
        assertTrue(column.err().contains("series 'clean' has no column 'elected_adversaries'"), column.err());
        CliHarness.Result none = CliHarness.run("check", CliHarness.configs().resolve("attack-small.yaml").toString(), "--out", dir.resolve("b").toString());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("expect: no assertions"), none.err());
        CliHarness.Result threshold = CliHarness.run("check", MEDIAN, "--out", dir.resolve("c").toString(),
                "--set", "expect.assertions.0.threshold.param=adversaries.1.fraction");
        assertEquals(2, threshold.exitCode());
        assertTrue(threshold.err().contains("expect.assertions[0].threshold.param: cannot set adversaries.1.fraction"), threshold.err());
        assertFalse(Files.exists(dir.resolve("c")), "nothing ran");
    }

    @Test
    void aSweepThatRepeatsSeedsGivesCheckItsSeedsAndASweepGridIsRefused() {
        Path file = Path.of(MEDIAN);
        io.chainfl.engine.config.RunConfig repeats = Configs.load(file, List.of("sweep.repeats=3"));
        assertEquals(SweepPlan.repeatSeeds(repeats.seed(), 3), CheckCommand.seedsToCheck(file, repeats));
        io.chainfl.engine.config.RunConfig listed = Configs.load(file, List.of("sweep.seeds=[7,8]"));
        assertEquals(List.of(7L, 8L), CheckCommand.seedsToCheck(file, listed));
        io.chainfl.engine.config.RunConfig explicit = Configs.load(file, List.of("sweep.seeds=[7,8]", "expect.seeds=[5]"));
        assertEquals(List.of(5L), CheckCommand.seedsToCheck(file, explicit), "expect.seeds wins");
        io.chainfl.engine.config.RunConfig grid = Configs.load(file, List.of("sweep.grid={rounds: [1, 2]}"));
        io.chainfl.engine.UserError refused = org.junit.jupiter.api.Assertions.assertThrows(io.chainfl.engine.UserError.class,
                () -> CheckCommand.seedsToCheck(file, grid));
        assertTrue(refused.getMessage().contains("sweep.grid: chainfl check evaluates seeds and variants"), refused.getMessage());
    }

    @Test
    void junitXmlStaysWellFormedWhateverTheNamesHold() throws Exception {
        List<AssertionResult> results = List.of(
                new AssertionResult("accuracy >= 0.9 & \"quoted\" <b>", "final accuracy of a<b, seed 1", 0.95, "0.95", ">= 0.9", true, ""),
                new AssertionResult("ε ≤ 0.2 ]]> breaks", "final drop in accuracy of x below y", 0.5, "0.5", "<= 0.03", false, "per seed: 1=0.5 2=0.4"));
        String xml = CheckReports.junitXml("configs/regression/a&b.yaml", "gate", results, 1.5);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element suite = RegressionGatesTest.testsuite(doc);
        assertEquals("configs/regression/a&b.yaml", suite.getAttribute("name"));
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        Element first = (Element) suite.getElementsByTagName("testcase").item(0);
        assertEquals("accuracy >= 0.9 & \"quoted\" <b>", first.getAttribute("name"));
        assertEquals(0, first.getElementsByTagName("failure").getLength());
        Element failure = (Element) suite.getElementsByTagName("failure").item(0);
        assertEquals("ε ≤ 0.2 ]]> breaks", ((Element) failure.getParentNode()).getAttribute("name"));
        assertEquals("final drop in accuracy of x below y: expected <= 0.03, got 0.5 (per seed: 1=0.5 2=0.4)", failure.getAttribute("message"));
    }

    @Test
    void tableIsAligned() {
        String table = CheckReports.table(List.of(
                new AssertionResult("short", "d", 1, "1", "== 1", true, ""),
                new AssertionResult("a much longer name", "final x of s", 0.5, "0.5", ">= 0.9", false, "")));
        List<String> lines = table.lines().toList();
        assertEquals("assertion           expected  actual  result", lines.get(0));
        assertEquals("short               == 1      1       PASS", lines.get(1));
        assertEquals("a much longer name  >= 0.9    0.5     FAIL", lines.get(2));
        assertEquals("FAIL a much longer name: final x of s: expected >= 0.9, got 0.5", lines.get(3));
        assertEquals("1 of 2 assertions hold", lines.get(4));
    }

    @Test
    void thresholdFindsTheBracketAndCachesRuns(@TempDir Path dir) {
        CliHarness.Result r = CliHarness.run("threshold", MEDIAN, "--param", "adversaries.0.fraction", "--hi", "0.6", "--tolerance", "0.3",
                "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("threshold adversaries.0.fraction = 0.6  bracket [0.3 holds, 0.6 breaks]"), r.out());
        assertTrue(r.out().contains("3 values x 1 seeds = 3 runs"), "lo, hi and one midpoint: " + r.out());
        assertTrue(Files.exists(dir.resolve("adversaries.0.fraction=0.3-seed42/summary.json")));
    }

    @Test
    void thresholdThatNeverBreaksIsAClearError(@TempDir Path dir) {
        CliHarness.Result r = CliHarness.run("threshold", MEDIAN, "--param", "adversaries.0.fraction", "--hi", "0.2", "--out", dir.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("final_accuracy does not fall by more than 0.05 anywhere up to --hi 0.2"), r.err());
        assertTrue(r.err().contains("raise --hi or lower --drop"), r.err());
        CliHarness.Result bad = CliHarness.run("threshold", MEDIAN, "--param", "adversaries.0.fraction", "--lo", "0.5", "--hi", "0.2");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("hi: must be above lo"), bad.err());
    }
}
