package io.chainfl.scenarios.blockfl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.checkpoint.RunInterrupted;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.scenarios.run.RunHooks;
import io.chainfl.scenarios.run.Simulation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.device.Devices;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.cost.ModelCost;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.scenarios.blockfl.BlockFlScenarioTest.Run;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * BlockFL's System I (consensus: poq, Proof of Training Quality) on configs/blockfl-latency.yaml made small: ten phones,
 * a softmax (7,850 parameters, 31,400 bytes), ten nodes on 10 Mbit/s links with 50 ms latency.
 */
class BlockFlPoqTest {
    private static final String POQ = "scenario.consensus=poq";

    /**
     * A round by hand. Devices (144 ms), the nodes' exchange (277 ms) and the block's propagation (302 ms) are System II's
     * (BlockFlScenarioTest). A committee member downloads the ten verified updates, 10 x 31,416 B at 3.75 MB/s: 50 + 83.8
     * -> 134 ms; evaluates each on its 720 samples, 10 x 720 x 15,680 FLOPs = 112.9 MFLOP at 10 GFLOP/s -> 12 ms; uploads
     * ten 8-byte scores at 1.125 MB/s: 50 + 0.07 -> 51 ms: 197 ms. No race: the round is 144 + 277 + 197 + 302 = 920 ms.
     */
    @Test
    void aPoqRoundIsDevicesExchangeCommitteeCheckAndPropagationWithNoRace() {
        RunConfig config = BlockFlScenarioTest.config(POQ, "scenario.committee=3");
        BlockFlRounds rounds = rounds(config, (BlockFlParams) config.scenario(), 42);
        BlockFlRounds again = rounds(config, (BlockFlParams) config.scenario(), 42);
        List<Integer> everyone = IntStream.range(0, 10).boxed().toList();
        Set<List<Integer>> committees = new HashSet<>();
        for (int r = 1; r <= 20; r++) {
            BlockFlRounds.Round round = rounds.compute(r, 0, everyone);
            BlockFlRounds.QualityCheck check = round.quality();
            assertEquals(3, check.committee().size());
            assertEquals(3, new HashSet<>(check.committee()).size(), "drawn without replacement");
            assertEquals(check.committee().stream().sorted().toList(), check.committee(), "in id order");
            assertTrue(check.committee().stream().allMatch(id -> id >= 0 && id < 10));
            assertEquals(197, check.committeeMillis());
            assertEquals(3, check.votes());
            assertTrue(check.accepted());
            assertEquals(0, round.forks());
            assertTrue(round.attempts().isEmpty(), "no race under poq");
            assertEquals(920, round.latencyMillis());
            assertEquals(check.committee(), again.compute(r, 0, everyone).quality().committee(),
                    "the draw is a function of the seed and the round");
            committees.add(check.committee());
        }
        assertTrue(committees.size() > 5, "each round draws its own committee: " + committees);
        assertNotEquals(rounds.compute(1, 0, everyone).quality().committee(),
                rounds(config, (BlockFlParams) config.scenario(), 7).compute(1, 0, everyone).quality().committee(), "another seed, another committee");
    }

    /** A block is accepted by more than half of the committee. */
    @Test
    void aBlockNeedsAMajorityOfTheCommittee() {
        assertTrue(new BlockFlRounds.QualityCheck(List.of(1, 2, 3), 0, 2).accepted());
        assertFalse(new BlockFlRounds.QualityCheck(List.of(1, 2, 3), 0, 1).accepted());
        assertFalse(new BlockFlRounds.QualityCheck(List.of(1, 2, 3, 4), 0, 2).accepted(), "a tie is not a majority");
    }

    /**
     * Three rounds: requests a, b, a. Rounds 1 and 2 train (920 ms each, no forks, the committee's event); round 3 asks
     * for a again and the cached model answers it: nobody trains (no participant rows, no uploads, the model unchanged),
     * it lasts the node's transfer of the model to the requester (50 + 25.1 -> 76 ms) and saves round 1's 920 ms.
     */
    @Test
    void poqFinishesRoundsWithoutForksAndARepeatedRequestTrainsNothing() {
        Run run = BlockFlScenarioTest.run(BlockFlScenarioTest.config(POQ, "rounds=3", "scenario.committee=3", "scenario.requests=[a, b, a]"));
        for (int r = 1; r <= 2; r++) {
            assertEquals(0.0, run.metric(r, "forks"));
            assertEquals(10.0, run.metric(r, "verified_uploads"));
            assertEquals(0.920, run.metric(r, "round_latency_s"), 1e-9);
            assertEquals(1.0, run.metric(r, "applied"));
            assertEquals(0.0, run.metric(r, "cache_hit"));
        }
        assertEquals(1.0, run.metric(3, "cache_hit"));
        assertEquals(0.920, run.metric(3, "cache_saved_s"), 1e-9);
        assertEquals(0.076, run.metric(3, "round_latency_s"), 1e-9);
        assertEquals(0.0, run.metric(3, "verified_uploads"));
        assertEquals(0.0, run.metric(3, "applied"));
        assertEquals(run.rounds().get(1).loss(), run.rounds().get(2).loss(), "the global model is unchanged");
        assertTrue(run.participants().stream().noneMatch(p -> p.round() == 3), "nobody trained in round 3");
        assertEquals(20, run.participants().size());
        assertTrue(run.events().stream().noneMatch(e -> e.kind().equals("fork")));
        List<String> kinds = run.events().stream().map(RunEvent::kind).toList();
        assertEquals(List.of("request", "committee", "leader", "request", "committee", "leader", "cached"), kinds);
        for (int r = 1; r <= 2; r++) {
            double leader = run.metric(r, "leader_accuracy");
            assertTrue(leader > run.rounds().get(r - 1).accuracy() - 0.1 && leader <= 1.0, "the best update's accuracy on the committee's samples: " + leader);
        }
    }

    /** Requests are System I's: under pow they are refused with one line. */
    @Test
    void requestsUnderPowAreRefused() {
        UserError e = assertThrows(UserError.class, () -> BlockFlScenarioTest.config("scenario.requests=[a]"));
        assertTrue(e.getMessage().contains("scenario.requests"), e.getMessage());
        assertTrue(e.getMessage().contains("scenario.consensus: poq"), e.getMessage());
    }

    /** One and two training threads: the same metrics, virtual_time_s included, and the same events. */
    @Test
    void oneAndTwoThreadsGiveTheSameResults() {
        Run one = BlockFlScenarioTest.run(BlockFlScenarioTest.config(POQ, "rounds=3", "runtime.threads=1", "scenario.requests=[a, a, b]"));
        Run two = BlockFlScenarioTest.run(BlockFlScenarioTest.config(POQ, "rounds=3", "runtime.threads=2", "scenario.requests=[a, a, b]"));
        assertEquals(one.rounds().size(), two.rounds().size());
        for (int r = 0; r < one.rounds().size(); r++) {
            assertEquals(one.rounds().get(r).extra(), two.rounds().get(r).extra());
            assertEquals(one.rounds().get(r).loss(), two.rounds().get(r).loss());
        }
        assertEquals(one.events(), two.events());
    }

    /**
     * Interrupted after its second checkpoint and resumed, a poq run with repeated requests writes the same metrics,
     * events and participants as the run left alone: the committee, the leader and the cache are functions of the round,
     * the seed and the global model the checkpoint holds.
     */
    @Test
    void aResumedPoqRunWritesTheSameResults(@TempDir Path dir) throws Exception {
        RunConfig config = BlockFlScenarioTest.config(POQ, "rounds=5", "scenario.requests=[a, b, a, c, b]");
        RunFolder whole = new RunFolder(dir.resolve("whole"));
        Simulation.prepare(config, whole, false);
        Simulation.local("test").run(config, whole, RunHooks.NONE);

        RunFolder resumed = new RunFolder(dir.resolve("resumed"));
        Simulation.prepare(config, resumed, false);
        AtomicInteger checkpoints = new AtomicInteger();
        assertThrows(RunInterrupted.class, () -> new Simulation(null, () -> checkpoints.incrementAndGet() == 2, "test").run(config, resumed, RunHooks.NONE));
        Simulation.local("test").resume(config, resumed, Simulation.checkpointToResume(config, resumed), RunHooks.NONE);
        for (String file : List.of(RunFolder.EVENTS, RunFolder.METRICS, RunFolder.PARTICIPANTS)) {
            assertEquals(Files.readString(whole.dir().resolve(file)), Files.readString(resumed.dir().resolve(file)), file);
        }
        assertTrue(Files.readString(whole.dir().resolve(RunFolder.EVENTS)).contains("cached"));
    }

    private static BlockFlRounds rounds(RunConfig config, BlockFlParams params, long seed) {
        RunInputs inputs = RunInputs.of(config);
        Dataset test = inputs.data().test();
        ModelCost cost = ModelCost.of(config.model(), test.numFeatures(), test.imageShape(), test.numClasses());
        Map<Integer, Long> samples = new TreeMap<>();
        for (ParticipantData p : inputs.data().participants()) {
            samples.put(p.participantId(), (long) p.train().size());
        }
        Devices devices = Devices.of(config.devices(), config.model().type(), config.participants(), inputs.seeds());
        return new BlockFlRounds(params, devices, cost, config.training().localEpochs(), samples, Map.of(), new SeedStreams(seed), () -> 0);
    }
}
