package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run names the matrix kernels it ran on in invocation.json and in its report's Reproduce section, and nowhere in
 * its results: the same tiny run on the vector path (this JVM) and on the forced scalar path (a child JVM) names
 * both paths and writes the same metrics.csv and summary.json.
 */
class KernelProvenanceTest {

    @Test
    void theVectorAndTheScalarRunNameTheirKernelsAndAgreeOnTheResults(@TempDir Path dir) throws Exception {
        Path vector = dir.resolve("vector");
        CliHarness.Result r = CliHarness.run(ReportInBrowserTest.tinyRun(vector));
        assertEquals(0, r.exitCode(), r.err());

        Path scalar = dir.resolve("scalar");
        Path log = dir.resolve("scalar.log");
        Process child = ChildJvm.start(List.of("-Dchainfl.kernels=scalar"), List.of(ReportInBrowserTest.tinyRun(scalar)), log);
        try {
            assertTrue(child.waitFor(3, TimeUnit.MINUTES), "the scalar run finishes");
            assertEquals(0, child.exitValue(), Files.readString(log));
        } finally {
            ChildJvm.kill(child);
        }

        String vectorKernels = kernels(vector);
        // the surefire JVM has the Vector API module (pom argLine): the species' width is named
        assertTrue(vectorKernels.matches("vector \\(Vector API FloatVector, \\d+-bit, \\d+ float lanes\\)"), vectorKernels);
        assertEquals("scalar (forced by -Dchainfl.kernels=scalar)", kernels(scalar));
        assertTrue(Files.readString(vector.resolve("report.html")).contains("<tr><td>math kernels</td><td>" + vectorKernels + "</td></tr>"));
        assertTrue(Files.readString(scalar.resolve("report.html")).contains("<tr><td>math kernels</td><td>scalar (forced by -Dchainfl.kernels=scalar)</td></tr>"));

        for (String file : List.of("metrics.csv", "participants.csv", "events.csv", "summary.json")) {
            assertEquals(Files.readString(vector.resolve(file)), Files.readString(scalar.resolve(file)), file + " is the same on both paths");
        }
        assertFalse(Files.readString(vector.resolve("summary.json")).contains("vector"), "the kernels are not a result");
    }

    private static String kernels(Path run) throws Exception {
        JsonNode invocation = new ObjectMapper().readTree(run.resolve("invocation.json").toFile());
        assertTrue(invocation.hasNonNull("math_kernels"), invocation.toString());
        return invocation.get("math_kernels").asText();
    }
}
