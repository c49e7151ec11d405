package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** `chainfl bench --only evaluation` (a few seconds), `--only paillier` (some seconds more) and the refusal of an unknown --only. */
class BenchCommandTest {

    @Test
    void evaluationBenchmarkPrintsBothRatesAndTheirRatio() {
        CliHarness.Result r = CliHarness.run("bench", "--only", "evaluation");
        assertEquals(0, r.exitCode(), r.err());
        Matcher line = Pattern.compile("chainfl ([\\d,]+)/s, Tribuo LabelEvaluator ([\\d,]+)/s, chainfl/Tribuo ([\\d.]+)").matcher(r.out());
        assertTrue(line.find(), r.out());
        double ours = Double.parseDouble(line.group(1).replace(",", ""));
        double tribuo = Double.parseDouble(line.group(2).replace(",", ""));
        assertTrue(ours > 0 && tribuo > 0, r.out());
        assertEquals(ours / tribuo, Double.parseDouble(line.group(3)), 0.05 + ours / tribuo * 0.01, r.out());
        assertFalse(r.out().contains("samples/s"), "only the evaluation benchmark ran");
    }

    @Test
    void paillierBenchmarkPrintsBeforeNowAndTheirRatioPerOperation() {
        CliHarness.Result r = CliHarness.run("bench", "--only", "paillier");
        assertEquals(0, r.exitCode(), r.err());
        for (String operation : new String[] {"encryption \\(per ciphertext\\)", "combination of t = 4 shares", "10 \\(4\\)"}) {
            Matcher row = Pattern.compile(operation + "\\s+([\\d.]+)\\s+([\\d.]+)\\s+([\\d.]+)").matcher(r.out());
            assertTrue(row.find(), operation + " in\n" + r.out());
            assertTrue(Double.parseDouble(row.group(1)) > 0 && Double.parseDouble(row.group(2)) > 0, r.out());
            assertTrue(Double.parseDouble(row.group(3)) > 0, r.out());
        }
        assertTrue(r.out().contains("GMP"), "the GMP column is printed or its absence said: " + r.out());
        assertFalse(r.out().contains("samples/s"), "only the Paillier benchmark ran");
    }

    @Test
    void fetchTorchOutsideAProjectFolderIsBadInput(@org.junit.jupiter.api.io.TempDir java.nio.file.Path empty) {
        String before = System.getProperty(io.chainfl.cli.bench.TorchPython.ROOT_PROPERTY);
        System.setProperty(io.chainfl.cli.bench.TorchPython.ROOT_PROPERTY, empty.toString());
        try {
            CliHarness.Result r = CliHarness.run("bench", "--fetch-torch", "--only", "evaluation");
            assertEquals(2, r.exitCode(), r.err());
            assertEquals(1, r.err().strip().split("\n").length, r.err());
            assertTrue(r.err().contains("--fetch-torch: " + empty.resolve("scripts/fetch-torch.sh") + " is missing"), r.err());
            assertFalse(r.out().contains("Tribuo"), "nothing was benchmarked");
        } finally {
            if (before == null) {
                System.clearProperty(io.chainfl.cli.bench.TorchPython.ROOT_PROPERTY);
            } else {
                System.setProperty(io.chainfl.cli.bench.TorchPython.ROOT_PROPERTY, before);
            }
        }
    }

    @Test
    void unknownOnlyIsBadInput() {
        CliHarness.Result r = CliHarness.run("bench", "--only", "modles");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, r.err());
        assertTrue(r.err().contains("--only: expected models, threads, evaluation, loading, ledger, paillier or wholejob, got 'modles'"), r.err());
    }
}
