package io.chainfl.agents.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.FailureFixtures;
import io.chainfl.agents.ParameterServerActor;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.RoundDone;
import io.chainfl.agents.RoundDriver;
import io.chainfl.agents.SimulationSystem;
import io.chainfl.agents.adversary.Conduct;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.config.ParticipantFailurePolicy;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.sim.SimulatedLedger;
import io.chainfl.engine.metrics.MetricDeclarations;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunRecorder;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new protocol on the round pipeline: {@link MedianThenHash} is one file and plugs into the same server,
 * participants, driver and recorder as fedavg, with nothing else changed.
 */
class MedianThenHashTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    @Test
    void appliesTheMedianAndPostsOnlyItsHash() {
        SeedStreams seeds = new SeedStreams(5);
        Model global = FailureFixtures.toyModel(seeds);
        float[] before = global.params().clone();
        SimulatedLedger ledger = new SimulatedLedger(SimulatedLedgerConfig.defaults(), seeds.stream("ledger/consensus"));
        Map<Integer, ActorRef<ParticipantActor.Command>> participants = new TreeMap<>();
        List<TestProbe<ParticipantActor.Command>> probes = List.of(testKit.createTestProbe(), testKit.createTestProbe(), testKit.createTestProbe());
        for (int id = 0; id < 3; id++) {
            participants.put(id, probes.get(id).ref());
        }
        ActorRef<ParameterServerActor.Command> server = testKit.spawn(ParameterServerActor.create("median", participants, global,
                new MedianThenHash(), testKit.spawn(LedgerNode.create(ledger)), FailureFixtures.toyData(99), 16, new ParticipantMemory()));
        TestProbe<RoundDone> reply = testKit.createTestProbe();
        server.tell(new ParameterServerActor.RunRound(1, List.of(0, 1, 2), reply.ref()));
        float[] first = {1f, 4f, -2f};
        for (int id = 2; id >= 0; id--) {
            ParticipantActor.Train train = probes.get(id).expectMessageClass(ParticipantActor.Train.class);
            float[] delta = new float[before.length];
            delta[0] = first[id];
            delta[1] = 10f * id;
            train.replyTo().tell(new ParticipantActor.Trained(id, 1, delta, 10 + id, 0.5, 1.0));
        }
        RoundDone done = reply.receiveMessage();
        float[] median = new float[before.length];
        median[0] = 1f;
        median[1] = 10f;
        float[] after = global.params().clone();
        assertEquals(before[0] + 1f, after[0], 1e-6);
        assertEquals(before[1] + 10f, after[1], 1e-6);
        assertTrue(ledger.bulletinBoard().verify(1, MedianThenHash.SENDER, MedianThenHash.KIND, Hashes.sha256(median)), "the median's hash is on chain");
        assertEquals(1, ledger.stats().transactions(), "only the median's hash goes on chain");
        assertEquals(Map.of("median_of", 3.0, "ledger_txs", 1.0), done.metrics().extra());
        assertEquals(List.of(0, 1, 2), done.participants().stream().map(p -> p.participant()).toList());
    }

    @Test
    void runsWithRealParticipantsDriverAndRecorder(@TempDir Path runDir) throws IOException {
        SeedStreams seeds = new SeedStreams(7);
        TrainingConfig training = new TrainingConfig(0.1, 16, 1);
        Model global = FailureFixtures.toyModel(seeds);
        ParticipantMemory memory = new ParticipantMemory();
        SimulatedLedger ledger = new SimulatedLedger(SimulatedLedgerConfig.defaults(), seeds.stream("ledger/consensus"));
        List<RoundMetrics> rounds;
        try (RunRecorder recorder = new RunRecorder(runDir, MetricDeclarations.of("median", MedianThenHash.METRICS))) {
            SimulationSystem.run("median-demo", 2, (ctx, done) -> {
                Map<Integer, ActorRef<ParticipantActor.Command>> participants = new TreeMap<>();
                for (int id = 0; id < 3; id++) {
                    participants.put(id, ctx.spawn(ParticipantActor.create(new ParticipantData(id, FailureFixtures.toyData(id), FailureFixtures.toyData(id + 10)),
                            FailureFixtures.toyModel(seeds), training, seeds, Conduct.HONEST, ParticipantFailurePolicy.FAIL, memory), "participant-" + id,
                            SimulationSystem.trainingDispatcher()));
                }
                var server = ctx.spawn(ParameterServerActor.create("median", participants, global, new MedianThenHash(), ctx.spawn(LedgerNode.create(ledger), "ledger", LedgerNode.dispatcher()),
                        FailureFixtures.toyData(99), 16, memory), "server");
                ctx.spawn(RoundDriver.create(server, ParameterServerActor.RunRound::new, 3, round -> List.of(0, 1, 2), recorder, done), "driver")
                        .tell(new RoundDriver.Start());
            });
            rounds = recorder.result("median-demo", 7).rounds();
            recorder.complete();
        }
        assertEquals(3, rounds.size());
        assertTrue(rounds.get(2).accuracy() > 0.5, "the median of three honest changes beats chance (1/3) on the toy task: " + rounds.get(2).accuracy());
        rounds.forEach(r -> assertEquals(1.0, r.extra().get("ledger_txs")));
        assertEquals("series,round,accuracy,loss,macro_f1,train_loss,median_of,ledger_txs", Files.readAllLines(runDir.resolve(RunRecorder.METRICS)).get(0));
        assertTrue(ledger.verifyChain());
    }
}
