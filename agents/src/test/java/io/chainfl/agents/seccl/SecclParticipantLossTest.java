package io.chainfl.agents.seccl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.FailureFixtures;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.RoundDriver;
import io.chainfl.agents.SimulationSystem;
import io.chainfl.agents.adversary.Conduct;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.agents.seccl.SecclMessages.Evaluate;
import io.chainfl.agents.seccl.SecclMessages.ParticipantCommand;
import io.chainfl.agents.seccl.SecclMessages.Retriable;
import io.chainfl.agents.seccl.SecclMessages.TrainAndUpload;
import io.chainfl.engine.config.ParticipantFailurePolicy;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.model.Model;
import io.chainfl.ledger.Election;
import io.chainfl.ledger.sim.SimulatedLedger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SecCL server when a participant's cluster member is lost, under both {@code runtime.on_participant_loss}
 * policies: real participants, server, ledger service and election; participant 1 sits behind a stand-in for its
 * member, which dies (answers nothing more and reports the loss, as the run's supervisor would) at a chosen step of
 * round 2. Under reassign a second copy of participant 1, built like the first, takes over.
 */
class SecclParticipantLossTest {
    private static final int ROUNDS = 3;
    private static final int PARTICIPANTS = 4;
    private static final int LOST = 1;
    private static final int LOSS_ROUND = 2;

    private record Outcome(List<RoundMetrics> rounds, List<RunEvent> events, float[] global) {}

    private static Behavior<ParticipantCommand> participant(int id, SeedStreams seeds, ParticipantMemory memory) {
        Model model = FailureFixtures.toyModel(seeds);
        return SecclParticipantActor.create(new ParticipantData(id, FailureFixtures.toyData(id), FailureFixtures.toyData(id + 10)), model,
                new TrainingConfig(0.1, 16, 1), seeds, Conduct.HONEST, Set.of(), 0.5, 16, memory, ParticipantFailurePolicy.FAIL);
    }

    /** Forwards to the participant until its member dies at {@code step} of round 2; from then on it swallows everything. */
    private static Behavior<ParticipantCommand> member(ActorRef<ParticipantCommand> hosted, Class<? extends Retriable> step,
                                                       AtomicReference<ActorRef<SecclServerActor.Command>> server, ActorRef<ParticipantCommand> replacement) {
        return Behaviors.receive(ParticipantCommand.class)
                .onMessage(ParticipantCommand.class, m -> step.isInstance(m) && ((Retriable) m).round() == LOSS_ROUND, m -> {
                    server.get().tell(new SecclServerActor.ParticipantLost(LOST, replacement, "member lost"));
                    return Behaviors.ignore();
                })
                .onMessage(ParticipantCommand.class, m -> {
                    hosted.tell(m);
                    return Behaviors.same();
                })
                .build();
    }

    /** @param step where the member dies; null: it never does */
    private static Outcome run(Class<? extends Retriable> step, boolean reassign) {
        SeedStreams seeds = new SeedStreams(5);
        Model global = FailureFixtures.toyModel(seeds);
        ParticipantMemory memory = new ParticipantMemory();
        FailureFixtures.Recorder listener = new FailureFixtures.Recorder(kind -> kind.startsWith("participant_"));
        List<RoundMetrics> rounds = listener.rounds;
        List<RunEvent> events = listener.events;
        SimulatedLedger ledger = new SimulatedLedger(SimulatedLedgerConfig.defaults(), seeds.stream("ledger/consensus"));
        SecclServerActor.Settings settings = new SecclServerActor.Settings("seccl", 2, Election.bordaVector(2), SecclServerActor.Aggregation.ELECTION,
                16, Set.of());
        AtomicReference<ActorRef<SecclServerActor.Command>> serverRef = new AtomicReference<>();
        SimulationSystem.run("seccl-loss", 2, (ctx, done) -> {
            var ledgerNode = ctx.spawn(LedgerNode.create(ledger), "ledger", LedgerNode.dispatcher());
            Map<Integer, ActorRef<ParticipantCommand>> participants = new TreeMap<>();
            for (int id = 0; id < PARTICIPANTS; id++) {
                participants.put(id, ctx.spawn(participant(id, seeds, memory), "participant-" + id, SimulationSystem.trainingDispatcher()));
            }
            if (step != null) {
                ActorRef<ParticipantCommand> replacement = reassign
                        ? ctx.spawn(participant(LOST, seeds, memory), "participant-" + LOST + "-again", SimulationSystem.trainingDispatcher()) : null;
                participants.put(LOST, ctx.spawn(member(participants.get(LOST), step, serverRef, replacement), "member-of-" + LOST));
            }
            var server = ctx.spawn(SecclServerActor.create(settings, participants, global, ledgerNode, FailureFixtures.toyData(99), null,
                    seeds, memory), "server");
            serverRef.set(server);
            List<Integer> everyone = List.of(0, 1, 2, 3);
            ctx.spawn(RoundDriver.create(server, SecclServerActor.RunRound::new, ROUNDS, round -> everyone, listener, done), "driver")
                    .tell(new RoundDriver.Start());
        });
        assertTrue(ledger.verifyChain());
        return new Outcome(rounds, events, global.params().clone());
    }

    private static List<Double> ledgerTxs(Outcome outcome) {
        return outcome.rounds().stream().map(r -> r.extra().get("ledger_txs")).toList();
    }

    @Test
    @Timeout(60) // a server that waits for the lost copy never finishes the round
    void reassignAsksTheNewCopyForTheUploadItOwesAndNothingElseChanges() {
        Outcome clean = run(null, true);
        Outcome lost = run(TrainAndUpload.class, true);
        assertEquals(List.of(new RunEvent(LOSS_ROUND, "participant_reassigned", "participant-1", "member lost")), lost.events());
        assertEquals(clean.rounds(), lost.rounds(), "a participant keeps nothing between messages, so its copy uploads the same");
        assertArrayEquals(clean.global(), lost.global());
    }

    @Test
    @Timeout(60) // a server that waits for the lost copy never finishes the round
    void reassignAsksTheNewCopyForTheBallotItOwesWithTheSameRelays() {
        Outcome clean = run(null, true);
        Outcome lost = run(Evaluate.class, true);
        assertEquals(List.of(new RunEvent(LOSS_ROUND, "participant_reassigned", "participant-1", "member lost")), lost.events());
        assertEquals(clean.rounds(), lost.rounds());
        assertArrayEquals(clean.global(), lost.global());
    }

    @Test
    @Timeout(60) // a server that waits for the lost copy never finishes the round
    void dropBeforeTheUploadLeavesTheParticipantOutOfThisRoundAndTheNext() {
        Outcome clean = run(null, false);
        Outcome lost = run(TrainAndUpload.class, false);
        assertEquals(List.of(new RunEvent(LOSS_ROUND, "participant_dropped", "participant-1", "member lost")), lost.events());
        assertEquals(ROUNDS, lost.rounds().size());
        assertEquals(clean.rounds().get(0), lost.rounds().get(0), "round 1, before the loss, is unaffected");
        // each participant adds three transactions a round: its upload's and its ballot's hashes, and its ballot in the election
        assertEquals(ledgerTxs(clean).get(1) - 3, ledgerTxs(lost).get(1), "nothing of participant 1 on the ledger in round 2");
        assertEquals(ledgerTxs(lost).get(1), ledgerTxs(lost).get(2), "and it is not asked again in round 3");
    }

    @Test
    @Timeout(60) // a server that waits for the lost copy never finishes the round
    void dropWhileScoringKeepsItsUploadButWaitsForNoBallot() {
        Outcome clean = run(null, false);
        Outcome lost = run(Evaluate.class, false);
        assertEquals(List.of(new RunEvent(LOSS_ROUND, "participant_dropped", "participant-1", "member lost")), lost.events());
        assertEquals(ROUNDS, lost.rounds().size());
        assertEquals(ledgerTxs(clean).get(1) - 2, ledgerTxs(lost).get(1), "its upload is on the board, its ballot is not");
        assertEquals(ledgerTxs(clean).get(2) - 3, ledgerTxs(lost).get(2), "and it is not asked again in round 3");
    }
}
