package io.chainfl.cli.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainfl.cli.Main;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep launched through the lab's API is {@code chainfl sweep} of the config the lab writes: stopped after its
 * first cell (the finished cells stay), resumed, its sweep.csv and sweep-summary.csv equal the command's byte for
 * byte. Bad axes are refused with the CLI's one line.
 */
class LabSweepApiTest {
    /** Softmax on a seeded Gaussian mixture, 4 participants, 3 rounds: a second or two per cell. */
    static final String TINY = """
            name: tiny
            seed: 7
            rounds: 3
            participants: 4
            scenario: {type: fedavg, aggregator: {type: fedavg}}
            adversaries: [{type: label_flip, fraction: 0.0}]
            data: {source: synthetic, synthetic: {samples: 600, features: 8, classes: 3}}
            model: {type: softmax}
            training: {lr: 0.1, batch_size: 16, local_epochs: 1}
            baseline: {centralized: false}
            ledger: {type: simulated}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    static String request(String base, List<String> keys, List<List<String>> values) throws Exception {
        List<Map<String, Object>> axes = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            axes.add(Map.of("key", keys.get(i), "values", values.get(i)));
        }
        return JSON.writeValueAsString(Map.of("yaml", base, "axes", axes));
    }

    private static JsonNode runInfo(int port, String id) throws Exception {
        RawHttp.Answer answer = RawHttp.request(port, "GET", "/api/run?id=" + id, null, null);
        assertEquals(200, answer.status(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static void waitUntil(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + seconds + " s for: " + what);
            }
            Thread.sleep(50);
        }
    }

    private static long finishedCells(Path sweep) {
        try (Stream<Path> cells = Files.list(sweep)) {
            return cells.filter(p -> Files.exists(p.resolve("summary.json"))).count();
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static String state(int port, String id) {
        try {
            return runInfo(port, id).get("state").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aLabSweepStopsResumesAndEqualsChainflSweepByteForByte(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        try (LabServer lab = LabServer.start(new LabServer.Settings("127.0.0.1", 0, runs, null, 1))) {
            int port = lab.port();
            String body = request(TINY, List.of("adversaries.0.fraction", "scenario.aggregator.type"), List.of(List.of("0.0", "0.5"), List.of("fedavg", "median")));
            RawHttp.Answer plan = RawHttp.request(port, "POST", "/api/sweep/plan", "application/json", body);
            assertEquals(200, plan.status(), plan.body());
            JsonNode planned = JSON.readTree(plan.body());
            assertEquals(4, planned.get("runs").asInt());
            assertEquals("2 x 2", planned.get("shape").asText());
            assertTrue(planned.get("yaml").asText().contains("sweep:\n  grid:\n    adversaries.0.fraction:\n"), planned.get("yaml").asText());

            RawHttp.Answer launched = RawHttp.request(port, "POST", "/api/sweeps", "application/json", body);
            assertEquals(202, launched.status(), launched.body());
            String id = JSON.readTree(launched.body()).get("id").asText();
            assertEquals("lab/tiny-sweep-1", id);
            Path sweep = runs.resolve(id);
            assertTrue(Files.exists(sweep.resolve("config.yaml")), "the sweep names its plan at once");

            // stop once the first cell finished: it stays, the one running stops at its checkpoint, none starts after
            waitUntil(() -> finishedCells(sweep) >= 1, 120, "the first cell finished");
            RawHttp.Answer stop = RawHttp.request(port, "POST", "/api/stop", "application/json", "{\"id\": \"" + id + "\"}");
            assertEquals(202, stop.status(), stop.body());
            waitUntil(() -> state(port, id).equals("STOPPED"), 120, "the sweep stopped");
            long kept = finishedCells(sweep);
            assertTrue(kept >= 1 && kept < 4, "stopped part-way with the finished cells kept: " + kept);
            assertFalse(Files.exists(sweep.resolve("sweep.csv")), "no tables for a stopped sweep");
            assertTrue(runInfo(port, id).get("message").asText().contains(kept + " of 4 cells finished"), runInfo(port, id).toString());
            assertTrue(runInfo(port, id).get("sweep").asBoolean());

            RawHttp.Answer resume = RawHttp.request(port, "POST", "/api/resume", "application/json", "{\"id\": \"" + id + "\"}");
            assertEquals(202, resume.status(), resume.body());
            waitUntil(() -> state(port, id).equals("FINISHED"), 180, "the resumed sweep finished");
            assertEquals(4, finishedCells(sweep));

            // the same config through chainfl sweep: the same tables, byte for byte
            Path cli = dir.resolve("cli-sweep");
            assertEquals(0, Main.execute("sweep", sweep.resolve("config.yaml").toString(), "--out", cli.toString(), "--jobs", "2"));
            for (String table : new String[] {"sweep.csv", "sweep-summary.csv"}) {
                assertArrayEquals(Files.readAllBytes(cli.resolve(table)), Files.readAllBytes(sweep.resolve(table)),
                        table + " of the stopped and resumed lab sweep equals chainfl sweep's");
            }
            assertTrue(Files.exists(sweep.resolve("report.html")) && Files.exists(sweep.resolve("invocation.json")));
            assertTrue(Files.readString(sweep.resolve("invocation.json")).contains("\"command\" : \"chainfl lab\""), Files.readString(sweep.resolve("invocation.json")));
            RawHttp.Answer again = RawHttp.request(port, "POST", "/api/resume", "application/json", "{\"id\": \"" + id + "\"}");
            assertEquals(409, again.status(), again.body());
        }
    }

    @Test
    void badAxesGetTheClisLine(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        try (LabServer lab = LabServer.start(new LabServer.Settings("127.0.0.1", 0, runs, null, 1))) {
            int port = lab.port();
            LabSweeps sweeps = new LabSweeps(new LabCatalogue());
            String[][] bad = {
                {"scenario.aggregatr.type", "median"},
                {"adversaries.0.fraction", ""},
                {"adversaries.0.fraction", "1.5"},
                {"adversaries.3.fraction", "0.1"}};
            for (String[] axis : bad) {
                List<String> values = axis[1].isEmpty() ? List.of() : List.of(axis[1]);
                String body = request(TINY, List.of(axis[0]), List.of(values));
                RawHttp.Answer answer = RawHttp.request(port, "POST", "/api/sweep/plan", "application/json", body);
                assertEquals(400, answer.status(), axis[0] + ": " + answer.body());
                String composed = sweeps.compose(JSON.readTree(body));
                assertEquals(cliValidate(dir, composed), JSON.readTree(answer.body()).get("error").asText(),
                        axis[0] + " = [" + axis[1] + "]: the CLI's line for the config the lab writes");
                RawHttp.Answer launch = RawHttp.request(port, "POST", "/api/sweeps", "application/json", body);
                assertEquals(400, launch.status(), launch.body());
            }
            List<String> nine = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9");
            RawHttp.Answer tooMany = RawHttp.request(port, "POST", "/api/sweep/plan", "application/json",
                    request(TINY, List.of("participants", "rounds"), List.of(nine, nine)));
            assertEquals(400, tooMany.status(), tooMany.body());
            assertEquals("compose.yaml: sweep.grid: 81 runs (9 x 9); the lab runs at most 64 per sweep: give fewer values, or run the file with chainfl sweep",
                    JSON.readTree(tooMany.body()).get("error").asText());
            try (Stream<Path> left = Files.walk(runs)) {
                assertEquals(1, left.count(), "nothing launched");
            }
        }
    }

    /** What {@code chainfl validate compose.yaml} prints for the text, without "chainfl: " and the folder. */
    private static String cliValidate(Path dir, String yaml) throws Exception {
        Path file = Files.createDirectories(dir.resolve("cli")).resolve("compose.yaml");
        Files.writeString(file, yaml);
        java.io.PrintStream originalErr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
            code = Main.execute("validate", "--quiet", file.toString());
        } finally {
            System.setErr(originalErr);
        }
        assertEquals(2, code, "bad input for the CLI too: " + yaml);
        return err.toString(java.nio.charset.StandardCharsets.UTF_8).strip().replace("chainfl: " + file.getParent() + java.io.File.separator, "");
    }
}
