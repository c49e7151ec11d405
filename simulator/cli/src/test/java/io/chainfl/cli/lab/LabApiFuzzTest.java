package io.chainfl.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests a browser would never send (malformed JSON, huge bodies, traversal paths, unknown run ids, wrong
 * methods and content types, seeded random garbage): every answer is a 4xx with a one-line JSON error and no
 * stack trace, and the server still answers a good request afterwards.
 */
class LabApiFuzzTest {
    @TempDir
    static Path dir;
    private static LabServer server;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Files.createDirectories(runs.resolve("done"));
        Files.writeString(runs.resolve("done/config.yaml"), "name: done\n");
        Files.writeString(dir.resolve("secret.txt"), "outside the runs folder");
        server = LabServer.start(new LabServer.Settings("127.0.0.1", 0, runs, null, 1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertRefused(RawHttp.Answer answer, String what) throws Exception {
        assertTrue(answer.status() >= 400 && answer.status() < 500, what + ": expected a 4xx, got " + answer.status() + " " + answer.body());
        assertFalse(answer.body().contains("\tat ") || answer.body().contains("Exception"), what + ": no stack trace: " + answer.body());
        if (!answer.body().isEmpty() && answer.body().startsWith("{")) {
            JsonNode error = JSON.readTree(answer.body()).get("error");
            assertTrue(error != null && !error.asText().contains("\n"), what + ": one line under 'error': " + answer.body());
        }
    }

    /** What {@code chainfl validate compose.yaml} prints for the same text, without "chainfl: " and the folder. */
    static String cliValidate(String yaml) throws Exception {
        Path file = Files.createDirectories(dir.resolve("cli")).resolve("compose.yaml");
        Files.writeString(file, yaml);
        java.io.PrintStream originalErr = System.err;
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new java.io.PrintStream(err, true, StandardCharsets.UTF_8));
            code = io.chainfl.cli.Main.execute("validate", "--quiet", file.toString());
        } finally {
            System.setErr(originalErr);
        }
        assertEquals(2, code, "bad input for the CLI too");
        String line = err.toString(StandardCharsets.UTF_8).strip();
        return line.replace("chainfl: " + file.getParent() + java.io.File.separator, "");
    }

    private static void assertStillServing() throws Exception {
        RawHttp.Answer ok = RawHttp.request(server.port(), "GET", "/api/runs", null, null);
        assertEquals(200, ok.status(), ok.body());
    }

    @Test
    void malformedBodiesWrongMethodsAndUnknownIdsAre4xx() throws Exception {
        int port = server.port();
        String json = "application/json";
        List<String[]> cases = List.of(
                new String[] {"POST", "/api/validate", json, "{not json"},
                new String[] {"POST", "/api/validate", json, "[1, 2]"},
                new String[] {"POST", "/api/validate", json, "{\"yaml\": 3}"},
                new String[] {"POST", "/api/validate", json, ""},
                new String[] {"POST", "/api/validate", "text/plain", "{\"yaml\": \"name: x\"}"},
                new String[] {"POST", "/api/validate", null, "{\"yaml\": \"name: x\"}"},
                new String[] {"POST", "/api/validate", json, "[".repeat(5000) + "]".repeat(5000)},
                new String[] {"POST", "/api/runs", json, "{\"yaml\": \"rounds: -1\"}"},
                new String[] {"POST", "/api/runs", json, "{\"yaml\": \"name: [unclosed\"}"},
                new String[] {"POST", "/api/runs", json, "{\"config\": \"../../etc/passwd\"}"},
                new String[] {"POST", "/api/runs", json, "{\"config\": \"/etc/passwd\"}"},
                new String[] {"POST", "/api/stop", json, "{\"id\": \"no-such-run\"}"},
                new String[] {"POST", "/api/stop", json, "{\"id\": \"../secret.txt\"}"},
                new String[] {"POST", "/api/resume", json, "{\"id\": \"no-such-run\"}"},
                new String[] {"POST", "/api/resume", json, "{\"id\": \"done\"}"},
                new String[] {"POST", "/api/stop", json, "{\"id\": \"done\"}"},
                new String[] {"GET", "/api/run?id=no-such-run", null, null},
                new String[] {"GET", "/api/run?id=..%2Fsecret.txt", null, null},
                new String[] {"GET", "/api/run", null, null},
                new String[] {"GET", "/api/stream?id=nope", null, null},
                new String[] {"GET", "/api/config?name=../pom.xml", null, null},
                new String[] {"GET", "/api/config", null, null},
                new String[] {"GET", "/files/../secret.txt", null, null},
                new String[] {"GET", "/files/..%2Fsecret.txt", null, null},
                new String[] {"GET", "/files/%2e%2e/secret.txt", null, null},
                new String[] {"GET", "/files/done/../../secret.txt", null, null},
                new String[] {"GET", "/files//etc/passwd", null, null},
                new String[] {"GET", "/files/done/missing.csv", null, null},
                new String[] {"GET", "/files/done", null, null},
                new String[] {"GET", "/assets/../LabApi.class", null, null},
                new String[] {"GET", "/assets/%2e%2e%2fLabApi.class", null, null},
                new String[] {"GET", "/assets/app.class", null, null},
                new String[] {"DELETE", "/api/runs", null, null},
                new String[] {"PUT", "/api/validate", json, "{}"},
                new String[] {"GET", "/api/validate", null, null},
                new String[] {"GET", "/api/nothing", null, null},
                // the sweeps' endpoints
                new String[] {"POST", "/api/sweep/plan", json, "{not json"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\"}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": []}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": {\"key\": \"rounds\"}}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": \"rounds\", \"values\": [\"1\"]}, "
                        + "{\"key\": \"seed\", \"values\": [\"1\"]}, {\"key\": \"participants\", \"values\": [\"4\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": 3, \"axes\": [{\"key\": \"rounds\", \"values\": [\"1\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"config\": \"../../etc/passwd\", \"axes\": [{\"key\": \"rounds\", \"values\": [\"1\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": \"\", \"values\": [\"1\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": 5, \"values\": [\"1\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": \"rounds\", \"values\": \"1\"}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": \"rounds\", \"values\": []}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": \"rounds\", \"values\": [\"1\"]}, "
                        + "{\"key\": \"rounds\", \"values\": [\"2\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": \"no.such.key\", \"values\": [\"1\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": \"sweep.seeds\", \"values\": [\"1\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"[1, 2]\", \"axes\": [{\"key\": \"rounds\", \"values\": [\"1\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", json, "{\"yaml\": \"name: [unclosed\", \"axes\": [{\"key\": \"rounds\", \"values\": [\"1\"]}]}"},
                new String[] {"POST", "/api/sweep/plan", "text/plain", "{}"},
                new String[] {"GET", "/api/sweep/plan", null, null},
                new String[] {"POST", "/api/sweeps", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": \"rounds\", \"values\": [\"-1\"]}]}"},
                new String[] {"POST", "/api/sweeps", json, "{\"yaml\": \"name: x\", \"axes\": [{\"key\": \"participants\", \"values\": "
                        + "[\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\"]}, {\"key\": \"rounds\", \"values\": "
                        + "[\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\"]}]}"},
                new String[] {"POST", "/api/sweeps", json, "[]"},
                new String[] {"GET", "/api/sweeps", null, null},
                new String[] {"GET", "/api/sweep/stream?id=nope", null, null},
                new String[] {"GET", "/api/sweep/stream?id=done", null, null},
                new String[] {"GET", "/api/sweep/stream?id=..%2Fsecret.txt", null, null},
                new String[] {"GET", "/api/sweep/stream", null, null},
                new String[] {"POST", "/api/sweep/stream", json, "{}"},
                new String[] {"GET", "/etc/passwd", null, null});
        for (String[] c : cases) {
            assertRefused(RawHttp.request(port, c[0], c[1], c[2], c[3]), String.join(" ", java.util.Arrays.copyOf(c, 2)));
        }
        String yaml = "rounds: -1\nscenario: {type: fedavg}\n";
        RawHttp.Answer badConfig = RawHttp.request(port, "POST", "/api/runs", json, JSON.writeValueAsString(java.util.Map.of("yaml", yaml)));
        assertEquals(400, badConfig.status());
        assertEquals(cliValidate(yaml), JSON.readTree(badConfig.body()).get("error").asText(), "the CLI's one-line message, word for word");
        assertStillServing();
    }

    @Test
    void hugeBodiesAre413AndTheServerKeepsServing() throws Exception {
        int port = server.port();
        String big = "{\"yaml\": \"" + "a".repeat(LabApi.MAX_BODY_BYTES + 10) + "\"}";
        RawHttp.Answer overLimit = RawHttp.request(port, "POST", "/api/validate", "application/json", big);
        assertEquals(413, overLimit.status(), overLimit.body());
        String enormous = "{\"yaml\": \"" + "b".repeat(8 * 1024 * 1024) + "\"}";
        RawHttp.Answer enormousAnswer = RawHttp.request(port, "POST", "/api/runs", "application/json", enormous);
        assertEquals(413, enormousAnswer.status(), enormousAnswer.body());
        // a Content-Length that promises more than the limit, and never delivers
        RawHttp.Answer promised = RawHttp.send(port, ("POST /api/validate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: 999999999\r\nConnection: close\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(promised.status() == 413 || promised.status() == 400, "promised body: " + promised.status());
        assertStillServing();
    }

    @Test
    void foreignHostHeadersAreRefused() throws Exception {
        RawHttp.Answer answer = RawHttp.send(server.port(), "GET /api/runs HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(403, answer.status());
        assertStillServing();
    }

    @Test
    void seededRandomRequestsAreNeverAnswered5xx() throws Exception {
        SplittableRandom random = new SplittableRandom(18);
        String[] methods = {"GET", "POST", "PUT", "HEAD", "OPTIONS", "PATCH", "G\u00e9T", ""};
        String[] paths = {"/api/runs", "/api/run?id=", "/api/stream?id=", "/files/", "/assets/", "/api/validate", "/api/stop", "/api/resume",
            "/api/config?name=", "/", "//", "/api/", "*", "/api/sweep/plan", "/api/sweeps", "/api/sweep/stream?id="};
        String[] fragments = {"..", "%2e", "%2f", "%00", "/", "\\", "lab", "done", "a=b", "%", "%zz", "?", "#", ";", "\u00ff", "~", "report.html"};
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            StringBuilder path = new StringBuilder(paths[random.nextInt(paths.length)]);
            for (int k = random.nextInt(5); k > 0; k--) {
                path.append(fragments[random.nextInt(fragments.length)]);
            }
            String method = methods[random.nextInt(methods.length)];
            byte[] body = new byte[random.nextInt(3) == 0 ? random.nextInt(4000) : 0];
            random.nextBytes(body);
            String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (random.nextBoolean() ? "Content-Type: application/json\r\n" : "")
                    + "Content-Length: " + body.length + "\r\n\r\n";
            java.io.ByteArrayOutputStream request = new java.io.ByteArrayOutputStream();
            request.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            request.writeBytes(body);
            RawHttp.Answer answer = RawHttp.send(server.port(), request.toByteArray());
            boolean fine = answer.status() == 200 && (method.equals("GET") || method.equals("HEAD")) || answer.status() >= 400 && answer.status() < 500;
            boolean oneLineJson = answer.status() == 200 || method.equals("HEAD") || answer.body().startsWith("{\"error\":") && !answer.body().contains("\n");
            if (!fine || !oneLineJson || answer.body().contains("\tat ")) {
                failures.add(method + " " + path + " -> " + answer.status() + " " + answer.body().substring(0, Math.min(200, answer.body().length())));
            }
        }
        assertTrue(failures.isEmpty(), "requests answered with neither 200 (GET) nor 4xx: " + failures);
        assertStillServing();
    }
}
