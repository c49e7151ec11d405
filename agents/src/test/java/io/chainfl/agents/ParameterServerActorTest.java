package io.chainfl.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.learning.aggregation.FedAvg;
import io.chainfl.engine.config.ModelConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.engine.Hashes;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.sim.Bytes32;
import io.chainfl.ledger.sim.SimulatedLedger;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.ModelFactory;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The server's round protocol, with test probes standing in for participants so arrival order is controlled. */
class ParameterServerActorTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static Dataset tinyTestSet() {
        float[] x = {0, 0, 1, 1, 0, 1, 1, 0};
        return new Dataset("tiny", x, new int[] {0, 1, 1, 0}, 2, 2, null);
    }

    private record Outcome(RoundDone done, float[] globalAfter, SimulatedLedger ledger) {}

    /** Runs round 1 with two probe participants that answer in the given order. */
    private Outcome runRound(boolean reversed) {
        TestProbe<ParticipantActor.Command> p0 = testKit.createTestProbe();
        TestProbe<ParticipantActor.Command> p1 = testKit.createTestProbe();
        TestProbe<RoundDone> reply = testKit.createTestProbe();
        Model global = ModelFactory.create(ModelConfig.defaults(), 2, null, 2, new SeedStreams(1).stream("model/init"));
        float[] initial = global.params().clone();
        SimulatedLedger ledger = new SimulatedLedger(SimulatedLedgerConfig.defaults(), new SeedStreams(1).stream("ledger/consensus"));
        Map<Integer, ActorRef<ParticipantActor.Command>> participants = Map.of(0, p0.ref(), 1, p1.ref());
        ActorRef<ParameterServerActor.Command> server = testKit.spawn(
                ParameterServerActor.create("fedavg", participants, global, new FedAvg(), testKit.spawn(LedgerNode.create(ledger)), tinyTestSet(), 16));
        server.tell(new ParameterServerActor.RunRound(1, List.of(0, 1), reply.ref()));
        ParticipantActor.Train t0 = p0.expectMessageClass(ParticipantActor.Train.class);
        ParticipantActor.Train t1 = p1.expectMessageClass(ParticipantActor.Train.class);
        assertArrayEquals(initial, t0.globalParams());
        float[] d0 = new float[initial.length];
        float[] d1 = new float[initial.length];
        d0[0] = 1f;
        d1[0] = 4f;
        d1[1] = -2f;
        ParticipantActor.Trained a = new ParticipantActor.Trained(0, 1, d0, 10, 0.5, 1);
        ParticipantActor.Trained b = new ParticipantActor.Trained(1, 1, d1, 30, 0.7, 1);
        if (reversed) {
            t1.replyTo().tell(b);
            t0.replyTo().tell(a);
        } else {
            t0.replyTo().tell(a);
            t1.replyTo().tell(b);
        }
        RoundDone done = reply.receiveMessage();
        return new Outcome(done, global.params().clone(), ledger);
    }

    @Test
    void aggregatesWeightedByDataSizeAndRecordsEveryUpdate() {
        Outcome outcome = runRound(false);
        float[] initial = ModelFactory.create(ModelConfig.defaults(), 2, null, 2, new SeedStreams(1).stream("model/init")).params().clone();
        // (10 * 1 + 30 * 4) / 40 = 3.25 and (30 * -2) / 40 = -1.5
        assertEquals(initial[0] + 3.25f, outcome.globalAfter()[0], 1e-5);
        assertEquals(initial[1] - 1.5f, outcome.globalAfter()[1], 1e-5);
        assertEquals(2, outcome.ledger().stats().transactions());
        // the round began at virtual time 0: its ledger time, from the seal's reply, is all the ledger's clock moved
        assertTrue(outcome.done().ledgerMillis() > 0);
        assertEquals(outcome.ledger().stats().virtualTimeMillis(), outcome.done().ledgerMillis());
        assertTrue(outcome.ledger().verifyChain());
        assertEquals(2.0, outcome.done().metrics().extra().get("ledger_txs"));
        assertEquals((0.5 * 10 + 0.7 * 30) / 40, outcome.done().metrics().trainLoss(), 1e-12);
        assertEquals(List.of(0, 1), outcome.done().participants().stream().map(p -> p.participant()).toList());
    }

    @Test
    void arrivalOrderDoesNotChangeTheResultOrTheLedger() {
        Outcome inOrder = runRound(false);
        Outcome reversed = runRound(true);
        assertArrayEquals(inOrder.globalAfter(), reversed.globalAfter());
        assertEquals(inOrder.done().metrics(), reversed.done().metrics());
        assertEquals(inOrder.ledger().blocks(), reversed.ledger().blocks());
        assertEquals(Bytes32.ofName("participant-0").toString(), inOrder.ledger().events().get(0).args().get(1), "the first post is participant 0's");
        float[] d0 = new float[inOrder.globalAfter().length];
        d0[0] = 1f;
        assertTrue(inOrder.ledger().bulletinBoard().verify(1, "participant-0", "update", Hashes.sha256(d0)), "participant 0's upload verifies against the ledger");
    }
}
