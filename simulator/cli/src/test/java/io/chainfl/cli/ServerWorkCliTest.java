package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * devices.server_work and scenario.asynchronous.publish: byte-identical results on one and two threads (the server's
 * work in synchronous rounds, versions published on poa blocks in FedBuff), and a bad value refused by validate.
 */
class ServerWorkCliTest {
    private static final String STRAGGLERS = CliHarness.configs().resolve("devices-stragglers.yaml").toString();

    private static void assertSameOnOneAndTwoThreads(Path dir, String... set) throws Exception {
        for (int threads = 1; threads <= 2; threads++) {
            List<String> args = new ArrayList<>(List.of("run", STRAGGLERS, "--out", dir.resolve("t" + threads).toString(), "--threads",
                    String.valueOf(threads), "--set", "rounds=3", "--set", "model.type=softmax", "--set", "variants=[]", "--set", "output.charts=false"));
            for (String s : set) {
                args.addAll(List.of("--set", s));
            }
            CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
            assertEquals(0, r.exitCode(), r.err());
        }
        for (String file : new String[] {"metrics.csv", "participants.csv", "events.csv", "summary.json"}) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("t1").resolve(file)), Files.readAllBytes(dir.resolve("t2").resolve(file)),
                    file + " differs between 1 and 2 threads");
        }
    }

    @Test
    void serverWorkIsIdenticalOnOneAndTwoThreads(@TempDir Path dir) throws Exception {
        assertSameOnOneAndTwoThreads(dir, "devices.server_work=aggregate_and_evaluate", "devices.server_preset=laptop");
        assertTrue(Files.readString(dir.resolve("t1").resolve("metrics.csv")).lines().findFirst().orElseThrow().contains("server_ms"));
    }

    @Test
    void onBlockPublicationIsIdenticalOnOneAndTwoThreads(@TempDir Path dir) throws Exception {
        assertSameOnOneAndTwoThreads(dir, "scenario.asynchronous={type: fedbuff, buffer: 5, server_lr: 1.0, staleness_weighted: true, publish: on_block}",
                "ledger.simulated.consensus.type=poa");
    }

    @Test
    void validateRefusesABadServerWorkOrPublishWithOneLine() {
        String work = BadInputTest.oneLineError(CliHarness.run("validate", "--quiet", STRAGGLERS, "--set", "devices.server_work=sometimes"));
        assertTrue(work.contains("server_work"), work);
        String publish = BadInputTest.oneLineError(CliHarness.run("validate", "--quiet", STRAGGLERS, "--set",
                "scenario.asynchronous={type: fedbuff, buffer: 5, publish: later}"));
        assertTrue(publish.contains("publish"), publish);
    }
}
