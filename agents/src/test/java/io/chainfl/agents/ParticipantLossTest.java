package io.chainfl.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.learning.aggregation.FedAvg;
import io.chainfl.engine.config.ModelConfig;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.ledger.sim.SimulatedLedger;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.ModelFactory;
import io.chainfl.engine.seed.SeedStreams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The server's side of a lost cluster member: a dropped participant is no longer awaited, a reassigned one is asked again. */
class ParticipantLossTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private record Setup(ActorRef<ParameterServerActor.Command> server, TestProbe<ParticipantActor.Command> p0,
                         TestProbe<ParticipantActor.Command> p1, TestProbe<RoundDone> reply, int params) {}

    private static Setup start() {
        TestProbe<ParticipantActor.Command> p0 = testKit.createTestProbe();
        TestProbe<ParticipantActor.Command> p1 = testKit.createTestProbe();
        Model global = ModelFactory.create(ModelConfig.defaults(), 2, null, 2, new SeedStreams(1).stream("model/init"));
        SimulatedLedger ledger = new SimulatedLedger(SimulatedLedgerConfig.defaults(), new SeedStreams(1).stream("ledger/consensus"));
        Dataset test = new Dataset("tiny", new float[] {0, 0, 1, 1, 0, 1, 1, 0}, new int[] {0, 1, 1, 0}, 2, 2, null);
        ActorRef<ParameterServerActor.Command> server = testKit.spawn(ParameterServerActor.create("fedavg",
                Map.of(0, p0.ref(), 1, p1.ref()), global, new FedAvg(), testKit.spawn(LedgerNode.create(ledger)), test, 16));
        return new Setup(server, p0, p1, testKit.createTestProbe(), (int) global.numParams());
    }

    private static ParticipantActor.Trained trained(int id, int round, int params) {
        return new ParticipantActor.Trained(id, round, new float[params], 10, 0.5, 1);
    }

    @Test
    void aDroppedParticipantIsNoLongerAwaitedNorAsked() {
        Setup s = start();
        s.server().tell(new ParameterServerActor.RunRound(1, List.of(0, 1), s.reply().ref()));
        ParticipantActor.Train t0 = s.p0().expectMessageClass(ParticipantActor.Train.class);
        s.p1().expectMessageClass(ParticipantActor.Train.class);
        t0.replyTo().tell(trained(0, 1, s.params()));
        s.reply().expectNoMessage(Duration.ofMillis(200));
        s.server().tell(new ParticipantChange(1, null, "member x lost; participant dropped"));
        RoundDone done = s.reply().receiveMessage();
        assertEquals(1.0, done.metrics().extra().get("participants"));
        assertEquals(List.of(new RunEvent(1, "participant_dropped", "participant-1", "member x lost; participant dropped")), done.events());

        s.server().tell(new ParameterServerActor.RunRound(2, List.of(0, 1), s.reply().ref()));
        s.p0().expectMessageClass(ParticipantActor.Train.class).replyTo().tell(trained(0, 2, s.params()));
        s.p1().expectNoMessage(Duration.ofMillis(100));
        RoundDone second = s.reply().receiveMessage();
        assertEquals(1.0, second.metrics().extra().get("participants"));
        assertEquals(List.of(), second.events(), "the event is reported once");
    }

    @Test
    void aReassignedParticipantIsAskedAgainForTheRunningRound() {
        Setup s = start();
        TestProbe<ParticipantActor.Command> moved = testKit.createTestProbe();
        s.server().tell(new ParameterServerActor.RunRound(1, List.of(0, 1), s.reply().ref()));
        ParticipantActor.Train t0 = s.p0().expectMessageClass(ParticipantActor.Train.class);
        ParticipantActor.Train lost = s.p1().expectMessageClass(ParticipantActor.Train.class);
        s.server().tell(new ParticipantChange(1, moved.ref(), "member x lost; participant re-created on y"));
        ParticipantActor.Train again = moved.expectMessageClass(ParticipantActor.Train.class);
        assertEquals(1, again.round());
        assertArrayEquals(lost.globalParams(), again.globalParams());
        t0.replyTo().tell(trained(0, 1, s.params()));
        again.replyTo().tell(trained(1, 1, s.params()));
        RoundDone done = s.reply().receiveMessage();
        assertEquals(2.0, done.metrics().extra().get("participants"));
        assertEquals("participant_reassigned", done.events().get(0).kind());
    }
}
