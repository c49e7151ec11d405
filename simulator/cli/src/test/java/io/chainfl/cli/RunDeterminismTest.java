package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same config and seed give byte-identical results whatever the number of training threads. */
class RunDeterminismTest {

    private static Path run(Path dir, String name, int threads, long seed) {
        Path out = dir.resolve(name);
        CliHarness.Result r = CliHarness.run("run", CliHarness.configs().resolve("quickstart.yaml").toString(), "--out", out.toString(),
                "--threads", String.valueOf(threads), "--seed", String.valueOf(seed), "--set", "rounds=4");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    @Test
    void oneAndTwoThreadsGiveIdenticalFiles(@TempDir Path dir) throws Exception {
        Path one = run(dir, "one", 1, 42);
        Path two = run(dir, "two", 2, 42);
        for (String file : new String[] {"metrics.csv", "participants.csv", "events.csv", "config.yaml", "summary.json"}) {
            byte[] a = Files.readAllBytes(one.resolve(file));
            byte[] b = Files.readAllBytes(two.resolve(file));
            if (file.equals("config.yaml")) {
                // the only difference allowed: the runtime.threads setting itself
                assertEquals(new String(a).replace("threads: 1", "threads: 2"), new String(b));
            } else {
                assertArrayEquals(a, b, file + " differs between 1 and 2 threads");
            }
        }
        Path other = run(dir, "other-seed", 2, 7);
        assertFalse(Arrays.equals(Files.readAllBytes(one.resolve("metrics.csv")), Files.readAllBytes(other.resolve("metrics.csv"))),
                "a different seed gives different results");
    }

    @Test
    void runFolderHoldsEveryResultAndIsMarkedFinished(@TempDir Path dir) throws Exception {
        Path out = run(dir, "run", 2, 42);
        for (String file : new String[] {"config.yaml", "metrics.csv", "participants.csv", "events.csv", "timing.csv", "accuracy.png", "summary.json"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".partial")), "no partial files left");
        }
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.at("/ledger/chain_valid").asBoolean());
        assertEquals(40, summary.at("/ledger/transactions").asInt());
        assertTrue(summary.at("/final/fedavg/accuracy").asDouble() > 0.8);
        assertTrue(summary.at("/final/centralized/accuracy").asDouble() > 0.8);
        // metrics: header + 4 fedavg rounds + 4 centralized rounds
        assertEquals(9, Files.readAllLines(out.resolve("metrics.csv")).size());
        CliHarness.Result again = CliHarness.run("run", CliHarness.configs().resolve("quickstart.yaml").toString(), "--out", out.toString(), "--set", "rounds=4");
        assertEquals(2, again.exitCode(), "a finished run is not overwritten without --force");
        assertTrue(again.err().contains("--force"));
    }

    @Test
    void secclWithAdversariesIsIdenticalOnOneAndTwoThreads(@TempDir Path dir) throws Exception {
        String[] seccl = {"--set", "participants=6", "--set", "rounds=3", "--set", "model.type=softmax", "--set", "data.limit=2000",
            "--set", "scenario={type: seccl, lambda: 0.5}", "--set", "baseline.centralized=false",
            "--set", "adversaries=[{type: label_flip, fraction: 0.34, start_round: 2}, {type: dishonest_vote, fraction: 0.34, start_round: 2},"
                + " {type: malicious_server, mode: equivocate, victims: 2, start_round: 2}]"};
        byte[][] metrics = new byte[2][];
        for (int threads = 1; threads <= 2; threads++) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", CliHarness.configs().resolve("quickstart.yaml").toString(),
                    "--out", dir.resolve("t" + threads).toString(), "--threads", String.valueOf(threads)));
            args.addAll(java.util.List.of(seccl));
            CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
            metrics[threads - 1] = Files.readAllBytes(dir.resolve("t" + threads).resolve("metrics.csv"));
            assertArrayEquals(Files.readAllBytes(dir.resolve("t1").resolve("events.csv")), Files.readAllBytes(dir.resolve("t" + threads).resolve("events.csv")));
        }
        assertArrayEquals(metrics[0], metrics[1], "SecCL metrics.csv differs between 1 and 2 threads");
    }
}
