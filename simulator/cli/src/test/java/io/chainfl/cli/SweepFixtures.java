package io.chainfl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny synthetic sweeps (softmax on a seeded Gaussian mixture, 4 participants, 2 rounds): seconds per run. */
final class SweepFixtures {
    static final String TINY = """
            name: tiny
            seed: 7
            rounds: 2
            participants: 4
            scenario: {type: fedavg, aggregator: {type: fedavg}}
            adversaries: [{type: label_flip, fraction: 0.0}]
            data: {source: synthetic, synthetic: {samples: 600, features: 8, classes: 3}}
            model: {type: softmax}
            training: {lr: 0.1, batch_size: 16, local_epochs: 1}
            baseline: {centralized: true}
            ledger: {type: simulated}
            """;

    private SweepFixtures() {}

    static Path write(Path dir, String sweepBlock) throws IOException {
        Path file = dir.resolve("tiny-sweep.yaml");
        Files.writeString(file, TINY + sweepBlock);
        return file;
    }
}
