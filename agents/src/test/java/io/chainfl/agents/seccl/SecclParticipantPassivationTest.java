package io.chainfl.agents.seccl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.agents.FailureFixtures;
import io.chainfl.agents.adversary.Conduct;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.seccl.SecclMessages.Ballot;
import io.chainfl.agents.seccl.SecclMessages.Evaluate;
import io.chainfl.agents.seccl.SecclMessages.ParticipantCommand;
import io.chainfl.agents.seccl.SecclMessages.Passivate;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.model.Model;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Cluster Sharding's stop message ({@link Passivate}) against a real participant: the ledger's answer reaches the
 * incarnation that asked, not sharding, so a participant passivated while it waits must finish its ballot first.
 */
class SecclParticipantPassivationTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static ActorRef<ParticipantCommand> participant() {
        SeedStreams seeds = new SeedStreams(5);
        Model model = FailureFixtures.toyModel(seeds);
        return testKit.spawn(SecclParticipantActor.create(new ParticipantData(0, FailureFixtures.toyData(0), FailureFixtures.toyData(10)), model,
                new TrainingConfig(0.1, 16, 1), seeds, Conduct.HONEST, Set.of(), 0.5, 16));
    }

    @Test
    void aParticipantWaitingForTheBoardSendsItsBallotBeforeItStops() {
        ActorRef<ParticipantCommand> participant = participant();
        TestProbe<LedgerMessages.Command> board = testKit.createTestProbe();
        TestProbe<Ballot> ballots = testKit.createTestProbe();
        float[] global = FailureFixtures.toyModel(new SeedStreams(5)).params().clone();
        participant.tell(new Evaluate(1, global, List.of(), List.of(0, 1), board.ref(), ballots.ref()));
        LedgerMessages.QueryHashes query = board.expectMessageClass(LedgerMessages.QueryHashes.class);
        assertEquals(List.of("participant-1"), query.senders());

        participant.tell(new Passivate());
        board.expectNoMessage(Duration.ofMillis(200));
        query.replyTo().tell(new LedgerMessages.RecordedHashes(1, SecclServerActor.UPLOAD, List.of()));
        Ballot ballot = ballots.expectMessageClass(Ballot.class);
        assertEquals(0, ballot.voter());
        board.expectTerminated(participant, Duration.ofSeconds(5));
    }

    @Test
    void anIdleParticipantStopsAtOnce() {
        ActorRef<ParticipantCommand> participant = participant();
        TestProbe<Object> watcher = testKit.createTestProbe();
        participant.tell(new Passivate());
        watcher.expectTerminated(participant, Duration.ofSeconds(5));
    }
}
