package io.chainfl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chainfl.cli.expect.AssertionResult;
import java.io.StringWriter;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What {@code chainfl check} writes and prints: checks.json, JUnit XML and the terminal table. */
final class CheckReports {
    private CheckReports() {}

    static boolean allPassed(List<AssertionResult> results) {
        return results.stream().allMatch(AssertionResult::passed);
    }

    /** checks.json, the contract with report.html: fields in a fixed order, actual null when nothing was measured. */
    static String checksJson(String config, List<AssertionResult> results) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("config", config);
        root.put("passed", allPassed(results));
        ArrayNode assertions = root.putArray("assertions");
        for (AssertionResult r : results) {
            ObjectNode a = assertions.addObject();
            a.put("name", r.name());
            a.put("description", r.description());
            if (Double.isFinite(r.actual())) {
                a.put("actual", r.actual());
            } else {
                a.putNull("actual");
            }
            a.put("actual_text", r.actualText());
            a.put("expected", r.expected());
            a.put("passed", r.passed());
            a.put("detail", r.detail());
        }
        try {
            return json.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * JUnit XML as Jenkins, GitLab and GitHub read it: one testsuite per config file, one testcase per assertion,
     * a failure element carrying the message for each assertion that does not hold.
     */
    static String junitXml(String config, String suiteName, List<AssertionResult> results, double seconds) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            long failures = results.stream().filter(r -> !r.passed()).count();
            Element suites = doc.createElement("testsuites");
            suites.setAttribute("name", "chainfl check");
            suites.setAttribute("tests", String.valueOf(results.size()));
            suites.setAttribute("failures", String.valueOf(failures));
            suites.setAttribute("errors", "0");
            suites.setAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
            doc.appendChild(suites);
            Element suite = doc.createElement("testsuite");
            suite.setAttribute("name", config);
            suite.setAttribute("tests", String.valueOf(results.size()));
            suite.setAttribute("failures", String.valueOf(failures));
            suite.setAttribute("errors", "0");
            suite.setAttribute("skipped", "0");
            suite.setAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
            suites.appendChild(suite);
            for (AssertionResult r : results) {
                Element testcase = doc.createElement("testcase");
                testcase.setAttribute("classname", "chainfl.check." + suiteName);
                testcase.setAttribute("name", r.name());
                testcase.setAttribute("time", "0");
                if (!r.passed()) {
                    Element failure = doc.createElement("failure");
                    failure.setAttribute("message", r.message());
                    failure.setAttribute("type", "AssertionFailed");
                    failure.setTextContent(r.description() + "\nexpected: " + r.expected() + "\nactual:   " + r.actualText()
                            + (r.detail().isEmpty() ? "" : "\n" + r.detail()));
                    testcase.appendChild(failure);
                }
                Element out = doc.createElement("system-out");
                out.setTextContent(r.description() + ": " + r.actualText() + " (expected " + r.expected() + ")"
                        + (r.detail().isEmpty() ? "" : "; " + r.detail()));
                testcase.appendChild(out);
                suite.appendChild(testcase);
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter text = new StringWriter();
            transformer.transform(new DOMSource(doc), new StreamResult(text));
            return text.toString().replace("?><testsuites", "?>\n<testsuites") + (text.toString().endsWith("\n") ? "" : "\n");
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
    }

    /** The aligned table: assertion, expected, actual, PASS/FAIL; then one line of evidence per failure. */
    static String table(List<AssertionResult> results) {
        int nameWidth = Math.max("assertion".length(), results.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        int expectedWidth = Math.max("expected".length(), results.stream().mapToInt(r -> r.expected().length()).max().orElse(0));
        int actualWidth = Math.max("actual".length(), results.stream().mapToInt(r -> r.actualText().length()).max().orElse(0));
        String format = "%-" + nameWidth + "s  %-" + expectedWidth + "s  %-" + actualWidth + "s  %s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "assertion", "expected", "actual", "result"));
        for (AssertionResult r : results) {
            out.append(String.format(Locale.ROOT, format, r.name(), r.expected(), r.actualText(), r.passed() ? "PASS" : "FAIL"));
        }
        for (AssertionResult r : results) {
            if (!r.passed()) {
                out.append("FAIL ").append(r.name()).append(": ").append(r.message()).append('\n');
            }
        }
        long passed = results.stream().filter(AssertionResult::passed).count();
        out.append(passed).append(" of ").append(results.size()).append(" assertions hold\n");
        return out.toString();
    }
}
