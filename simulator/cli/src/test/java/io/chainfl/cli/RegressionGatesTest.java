package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The project's own security gates: {@code chainfl check} passes on every file in configs/regression/, measures what
 * the generated gates table in docs/sweeps-and-gates.md says (so that table cannot go stale without failing CI, at no extra runs), and a
 * gate given an impossible expectation fails with exit code 1 and a JUnit failure.
 */
class RegressionGatesTest {

    static Stream<Path> gates() throws IOException {
        try (Stream<Path> files = Files.list(CliHarness.configs().resolve("regression"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(yaml.isEmpty(), "configs/regression holds gates");
            return yaml.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gates")
    void everyGateHolds(Path gate, @TempDir Path dir) throws Exception {
        CliHarness.Result r = CliHarness.run("check", gate.toString(), "--out", dir.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode checks = new ObjectMapper().readTree(dir.resolve("checks.json").toFile());
        assertTrue(checks.get("passed").asBoolean());
        assertEquals(gate.toString(), checks.get("config").asText());
        Element suite = testsuite(parse(dir.resolve("junit.xml")));
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals(checks.get("assertions").size(), suite.getElementsByTagName("testcase").getLength());
        assertTrue(r.out().contains(checks.get("assertions").size() + " of " + checks.get("assertions").size() + " assertions hold"), r.out());
        assertEquals(readmeRows(gate), measuredRows(gate, checks),
                "the regression-gates table (docs/sweeps-and-gates.md) shows what this build measures; regenerate it with chainfl tables --only regression-gates");
    }

    /** The generated rows of this gate in docs/sweeps-and-gates.md (docs/tables.yaml, table regression-gates): assertion, measured, evidence. */
    private static List<String> readmeRows(Path gate) throws IOException {
        Path readme = Path.of(System.getProperty("chainfl.project.dir", "../..")).resolve("docs/sweeps-and-gates.md");
        String prefix = "| `" + gate.getFileName() + "` | ";
        String region = io.chainfl.cli.tables.MarkdownRegions.read(Files.readString(readme), "regression-gates").orElseThrow();
        return region.lines().filter(l -> l.startsWith(prefix)).map(l -> {
            String[] cells = l.substring(prefix.length(), l.length() - 2).split(" \\| ");
            return cells[0] + " | " + cells[2] + " | " + cells[3];
        }).toList();
    }

    /** The same three cells from this run's checks.json, as chainfl tables renders them. */
    private static List<String> measuredRows(Path gate, JsonNode checks) {
        List<String> rows = new java.util.ArrayList<>();
        checks.get("assertions").forEach(a -> rows.add(a.get("name").asText() + " | " + a.get("actual_text").asText() + " | "
                + (a.get("detail").asText().isEmpty() ? "-" : a.get("detail").asText())));
        return rows;
    }

    @Test
    void anImpossibleExpectationFailsTheGate(@TempDir Path dir) throws Exception {
        Path junit = dir.resolve("reports/gate.xml");
        CliHarness.Result r = CliHarness.run("check", CliHarness.configs().resolve("regression/deepchain-forfeits.yaml").toString(),
                "--out", dir.resolve("run").toString(), "--junit", junit.toString(),
                "--set", "expect.assertions.7.expected='>= 0.99'");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("training goes on") && l.endsWith("FAIL")), r.out());
        Element suite = testsuite(parse(junit));
        assertEquals("1", suite.getAttribute("failures"));
        NodeList failures = suite.getElementsByTagName("failure");
        assertEquals(1, failures.getLength());
        Element testcase = (Element) failures.item(0).getParentNode();
        assertEquals("training goes on", testcase.getAttribute("name"));
        String message = ((Element) failures.item(0)).getAttribute("message");
        assertTrue(message.startsWith("final accuracy of deepchain, seed 42: expected >= 0.99, got 0.8"), message);
        JsonNode checks = new ObjectMapper().readTree(dir.resolve("run/checks.json").toFile());
        assertFalse(checks.get("passed").asBoolean());
        assertFalse(checks.get("assertions").get(7).get("passed").asBoolean());
        assertTrue(checks.get("assertions").get(0).get("passed").asBoolean(), "the other assertions still hold");
        String report = Files.readString(dir.resolve("run/report.html"));
        assertTrue(report.contains("checks FAIL") && report.contains("training goes on"), "report.html shows the checks");
    }

    static Document parse(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    static Element testsuite(Document doc) {
        assertEquals("testsuites", doc.getDocumentElement().getTagName());
        NodeList suites = doc.getElementsByTagName("testsuite");
        assertEquals(1, suites.getLength(), "one testsuite per file");
        return (Element) suites.item(0);
    }
}
