package io.chainfl.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lab started with a token, over real HTTP: the page loads without it, nothing else does. */
class LabTokenTest {
    private static final String TOKEN = "classroom-token-0123456789";

    private static int get(int port, String path, String extraHeader) throws Exception {
        return RawHttp.send(port, ("GET " + path + " HTTP/1.1\r\nHost: lab.example:" + port + "\r\nConnection: close\r\n" + extraHeader + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1)).status();
    }

    @Test
    void apiAndRunFilesNeedTheTokenThePageDoesNot(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs/done"));
        Files.writeString(runs.resolve("config.yaml"), "name: done\n");
        try (LabServer lab = LabServer.start(new LabServer.Settings("127.0.0.1", 0, dir.resolve("runs"), TOKEN, 1))) {
            int port = lab.port();
            assertEquals(200, get(port, "/", ""), "the page");
            assertEquals(200, get(port, "/assets/app.js", ""), "its script");
            assertEquals(401, get(port, "/api/runs", ""));
            assertEquals(401, get(port, "/files/done/config.yaml", ""));
            assertEquals(401, get(port, "/api/runs?token=wrong", ""));
            assertEquals(200, get(port, "/api/runs?token=" + TOKEN, ""));
            assertEquals(200, get(port, "/files/done/config.yaml?token=" + TOKEN, ""));
            assertEquals(200, get(port, "/api/runs", "X-Chainfl-Token: " + TOKEN + "\r\n"));
            assertEquals("http://127.0.0.1:" + port + "/?token=" + TOKEN, lab.url("127.0.0.1"));
        }
    }
}
