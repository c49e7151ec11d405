package io.chainfl.scenarios.blockfl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.device.Devices;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.ParticipantMetrics;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.cost.ModelCost;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.Ledgers;
import io.chainfl.ledger.sim.MinerRace;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.scenarios.ScenarioRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * BlockFL on configs/blockfl-latency.yaml made small (2 rounds, no variants): ten phones, a softmax (7,850 parameters,
 * 31,400 bytes), ten miners on 10 Mbit/s links with 50 ms latency.
 */
class BlockFlScenarioTest {
    static RunConfig config(String... more) {
        List<String> overrides = new ArrayList<>(List.of("rounds=2", "variants=[]"));
        overrides.addAll(List.of(more));
        Path file = Path.of(System.getProperty("chainfl.project.dir", "..")).resolve("configs/blockfl-latency.yaml");
        return new ConfigLoader(ScenarioRegistry.configTypes()).load(file, overrides);
    }

    record Run(List<RoundMetrics> rounds, List<RunEvent> events, List<ParticipantMetrics> participants) {
        double metric(int round, String name) {
            return rounds.get(round - 1).extra().get(name);
        }
    }

    static Run run(RunConfig config) {
        List<RoundMetrics> rounds = new ArrayList<>();
        List<RunEvent> events = new ArrayList<>();
        List<ParticipantMetrics> participants = new ArrayList<>();
        RunInputs inputs = RunInputs.of(config);
        try (Ledger ledger = Ledgers.create(config.ledger(), inputs.seeds())) {
            ScenarioRegistry.forParams(config.scenario()).runUnchecked(new ScenarioContext(config, inputs.data(), inputs.seeds(), ledger, new RunListener() {
                @Override
                public void onRound(RoundMetrics m) {
                    rounds.add(m);
                }

                @Override
                public void onEvent(RunEvent e) {
                    events.add(e);
                }

                @Override
                public void onParticipant(ParticipantMetrics p) {
                    participants.add(p);
                }
            }), config.scenario());
        }
        return new Run(rounds, events, participants);
    }

    /**
     * A round by hand. Cross-verification: each miner holds one upload (31,400 bytes of update + 16 of claim) and sends it
     * to 9 peers: 50 ms + 282,744 B / 1.25 MB/s = 276.2 -> 277 ms. Propagation: a block of 80 + 10 x 31,416 = 314,240 B:
     * 50 + 251.4 -> 302 ms. A phone: download 50 + 31,400 / 3.75 MB/s -> 59 ms, train 720 x 2 x 47,040 FLOPs at
     * 10 GFLOP/s -> 7 ms, upload 50 + 31,416 / 1.125 MB/s -> 78 ms: 144 ms. Each attempt lasts 144 + 277 + 302 ms plus
     * its block's wait, and the round is the clock's growth.
     */
    @Test
    void aRoundLastsItsAttemptsOfDevicesCrossVerificationMiningAndPropagation() {
        Run run = run(config());
        for (int r = 1; r <= 2; r++) {
            assertEquals(0.277, run.metric(r, "cross_verify_s"), 1e-9);
            assertEquals(0.302, run.metric(r, "propagation_s"), 1e-9);
            assertEquals(10.0, run.metric(r, "verified_uploads"));
            assertEquals(7200.0, run.metric(r, "verified_samples"), "ten phones of 720 samples each");
            double latency = run.metric(r, "round_latency_s");
            double clockGrowth = run.metric(r, VirtualTime.COLUMN) - (r == 1 ? 0 : run.metric(r - 1, VirtualTime.COLUMN));
            assertEquals(latency, clockGrowth, 1e-9, "the round is its latency (an instant ledger adds nothing)");
            double forks = run.metric(r, "forks");
            if (forks == 0) {
                assertEquals(0.144 + 0.277 + 0.302 + run.metric(r, "block_wait_s"), latency, 1e-9);
            } else {
                assertTrue(latency > (forks + 1) * (0.144 + 0.277 + 0.302), "each fork redoes the round");
            }
            assertEquals(1.0, run.metric(r, "applied"));
        }
        assertEquals(run.rounds().stream().mapToDouble(m -> m.extra().get("forks")).sum(), run.events().stream().filter(e -> e.kind().equals("fork")).count());
    }

    /**
     * Over 300 rounds of the same devices and miners, the mean round latency is least near the closed form's optimum
     * (0.17/s here): at 0.005/s rounds wait about 20 s for a block, at 2/s they fork about 220 times each; and each mean is
     * within 10% of the closed form.
     */
    @Test
    void latencyAgainstTheBlockRateHasAnOptimum() {
        RunConfig config = config();
        RunInputs inputs = RunInputs.of(config);
        Dataset test = inputs.data().test();
        ModelCost cost = ModelCost.of(config.model(), test.numFeatures(), test.imageShape(), test.numClasses());
        Map<Integer, Long> samples = new TreeMap<>();
        for (ParticipantData p : inputs.data().participants()) {
            samples.put(p.participantId(), (long) p.train().size());
        }
        Devices devices = Devices.of(config.devices(), config.model().type(), config.participants(), inputs.seeds());
        List<Integer> everyone = IntStream.range(0, 10).boxed().toList();
        double fixedS = 0.144 + 0.277 + 0.302;
        double optimum = MinerRace.optimalRate(fixedS, 10, 0.302);
        assertEquals(0.167, optimum, 0.005);
        double[] rates = {0.005, optimum, 2.0};
        double[] means = new double[rates.length];
        for (int i = 0; i < rates.length; i++) {
            BlockFlParams p = new BlockFlParams(10, rates[i], 1_250_000.0, 50.0, 80L, true, 0.05, null, null);
            BlockFlRounds rounds = new BlockFlRounds(p, devices, cost, 2, samples, Map.of(), new SeedStreams(42), () -> 0);
            double sum = 0;
            for (int r = 1; r <= 300; r++) {
                sum += VirtualTime.seconds(rounds.compute(r, 0, everyone).latencyMillis());
            }
            means[i] = sum / 300;
            double expected = MinerRace.expectedRoundSeconds(fixedS, rates[i], 10, 0.302);
            assertEquals(expected, means[i], 0.1 * expected, "lambda " + rates[i] + ": the simulated mean against the closed form");
        }
        assertTrue(means[1] < means[0] && means[1] < means[2], "the optimum beats waiting for blocks and forking: " + java.util.Arrays.toString(means));
    }

    /**
     * Participant 9 claims 3 x 720 samples. Its computation took 7 ms where 2,160 samples take 21 ms on its phone: the
     * miners reject it (an event, no reward, no weight). Without cross-verification it is paid for 2,160 of the 8,640
     * samples, 1,440 of them falsified (1/6 of the rewards); padding its upload to 21 ms passes verification and costs
     * every round the wait.
     */
    @Test
    void falsifiedSampleCountsAreCaughtByCrossVerification() {
        String falsifier = "adversaries=[{type: falsified_samples, ids: [9], factor: 3}]";
        Run verified = run(config(falsifier));
        Run believed = run(config(falsifier, "scenario.cross_verify=false"));
        Run padded = run(config("adversaries=[{type: falsified_samples, ids: [9], factor: 3, pad_time: true}]"));
        for (int r = 1; r <= 2; r++) {
            assertEquals(1.0, verified.metric(r, "rejected_uploads"));
            assertEquals(9.0, verified.metric(r, "verified_uploads"));
            assertEquals(0.0, verified.metric(r, "falsified_reward_share"));
            assertEquals(0.0, believed.metric(r, "rejected_uploads"));
            assertEquals(8640.0, believed.metric(r, "verified_samples"));
            assertEquals(1440.0 / 8640.0, believed.metric(r, "falsified_reward_share"), 1e-12);
            assertEquals(0.0, padded.metric(r, "rejected_uploads"));
            assertEquals(1440.0 / 8640.0, padded.metric(r, "falsified_reward_share"), 1e-12);
        }
        List<RunEvent> rejected = verified.events().stream().filter(e -> e.kind().equals("rejected")).toList();
        assertEquals(2, rejected.size());
        assertTrue(rejected.stream().allMatch(e -> e.subject().equals("participant-9")), rejected.toString());
        assertTrue(rejected.get(0).detail().contains("claimed 2160 samples, which take 21 ms"), rejected.get(0).detail());
        assertEquals(0.0, verified.participants().stream().filter(p -> p.participant() == 9).mapToDouble(p -> p.extra().get("reward")).sum());
        assertEquals(4320.0, believed.participants().stream().filter(p -> p.participant() == 9).mapToDouble(p -> p.extra().get("reward")).sum());
    }

    /** A rate at which every round would fork thousands of times is one line before the run starts. */
    @Test
    void aRateThatForksEveryRoundIsRefusedWithOneLine() {
        UserError e = assertThrows(UserError.class, () -> run(config("scenario.block_rate_per_s=1000")));
        assertTrue(e.getMessage().startsWith("scenario.block_rate_per_s: at 1000.0 per miner a block of 10 updates (0.302 s to propagate)"), e.getMessage());
        assertTrue(e.getMessage().contains("the latency optimum is below 0.3679"), e.getMessage());
    }

    /** One and two training threads: the same metrics, virtual_time_s included, and the same events. */
    @Test
    void oneAndTwoThreadsGiveTheSameResults() {
        Run one = run(config("runtime.threads=1", "adversaries=[{type: falsified_samples, ids: [3], factor: 2}]"));
        Run two = run(config("runtime.threads=2", "adversaries=[{type: falsified_samples, ids: [3], factor: 2}]"));
        assertEquals(one.rounds().size(), two.rounds().size());
        for (int r = 0; r < one.rounds().size(); r++) {
            assertEquals(one.rounds().get(r).extra(), two.rounds().get(r).extra());
            assertEquals(one.rounds().get(r).loss(), two.rounds().get(r).loss());
        }
        assertEquals(one.events(), two.events());
    }
}
