package io.chainfl.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.adversary.Conduct;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.agents.seccl.SecclMessages.ParticipantCommand;
import io.chainfl.agents.seccl.SecclParticipantActor;
import io.chainfl.agents.seccl.SecclServerActor;
import io.chainfl.engine.config.ParticipantFailurePolicy;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.ledger.Election;
import io.chainfl.ledger.sim.SimulatedLedger;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * SecCL participants under the failure policy: real participants, server, election on the simulated chain and
 * round driver; participant 1's model throws in chosen calls of {@code setParams}, which it makes once to train
 * (call 1 in round 1) and once per relayed upload it scores (calls 2 to 4 in round 1: four participants).
 */
class SecclParticipantFailureTest {
    private static final int ROUNDS = 3;
    private static final int PARTICIPANTS = 4;
    private static final int FLAKY = 1;

    private record Outcome(List<RoundMetrics> rounds, List<RunEvent> events, float[] global) {}

    private static Dataset data(int seed) {
        return FailureFixtures.toyData(seed);
    }

    private static Model model(SeedStreams seeds) {
        return FailureFixtures.toyModel(seeds);
    }

    private static Outcome run(ParticipantFailurePolicy policy, Set<Integer> failingCalls) {
        SeedStreams seeds = new SeedStreams(5);
        TrainingConfig training = new TrainingConfig(0.1, 16, 1);
        Model global = model(seeds);
        ParticipantMemory memory = new ParticipantMemory();
        FailureFixtures.Recorder listener = new FailureFixtures.Recorder(kind -> kind.startsWith("participant_"));
        List<RoundMetrics> rounds = listener.rounds;
        List<RunEvent> events = listener.events;
        SimulatedLedger ledger = new SimulatedLedger(SimulatedLedgerConfig.defaults(), seeds.stream("ledger/consensus"));
        SecclServerActor.Settings settings = new SecclServerActor.Settings("seccl", 2, Election.bordaVector(2), SecclServerActor.Aggregation.ELECTION,
                16, Set.of());
        SimulationSystem.run("seccl-failure-" + policy, 2, (ctx, done) -> {
            var ledgerNode = ctx.spawn(LedgerNode.create(ledger), "ledger", LedgerNode.dispatcher());
            Map<Integer, ActorRef<ParticipantCommand>> participants = new TreeMap<>();
            for (int id = 0; id < PARTICIPANTS; id++) {
                Model local = id == FLAKY ? new ParticipantFailureTest.FlakyModel(model(seeds), failingCalls) : model(seeds);
                participants.put(id, ctx.spawn(SecclParticipantActor.create(new ParticipantData(id, data(id), data(id + 10)), local, training, seeds,
                        Conduct.HONEST, Set.of(), 0.5, 16, memory, policy), "participant-" + id, SimulationSystem.trainingDispatcher()));
            }
            var server = ctx.spawn(SecclServerActor.create(settings, participants, global, ledgerNode, data(99), null, seeds, memory), "server");
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
    void restartRetriesTrainingAndScoringWithTheSameSeedsSoTheResultDoesNotChange() {
        Outcome clean = run(ParticipantFailurePolicy.RESTART, Set.of());
        Outcome restarted = run(ParticipantFailurePolicy.RESTART, Set.of(1, 4));
        assertEquals(List.of(new RunEvent(1, "participant_restarted", "participant-1", "training threw; the retry succeeded")), restarted.events(),
                "call 1 fails training, its retry is call 2; call 4 then fails a score, whose retry scores again: one event per participant and round");
        assertEquals(clean.rounds(), restarted.rounds());
        assertArrayEquals(clean.global(), restarted.global());
        assertTrue(clean.events().isEmpty());
    }

    @Test
    void dropInTrainingCompletesTheRoundWithoutTheParticipantAndNeverAsksItAgain() {
        Outcome clean = run(ParticipantFailurePolicy.DROP, Set.of());
        Outcome outcome = run(ParticipantFailurePolicy.DROP, Set.of(5));
        assertEquals(ROUNDS, outcome.rounds().size());
        assertEquals(List.of("participant_dropped"), outcome.events().stream().map(RunEvent::kind).toList());
        RunEvent dropped = outcome.events().get(0);
        assertEquals(2, dropped.round(), "round 1 made calls 1-4, so call 5 is round 2's training");
        assertTrue(dropped.detail().startsWith("training threw 1 time: java.lang.IllegalStateException: injected failure in call 5"), dropped.detail());
        assertEquals(clean.rounds().get(0), outcome.rounds().get(0), "round 1, before the failure, is unaffected");
        assertTrue(ledgerTxs(outcome).get(1) < ledgerTxs(clean).get(1), "fewer uploads and ballots on the board in round 2");
        assertEquals(ledgerTxs(outcome).get(1), ledgerTxs(outcome).get(2), "and in round 3 the dropped participant is not asked again");
        assertFalse(java.util.Arrays.equals(clean.global(), outcome.global()));
    }

    @Test
    void aFailureWhileScoringDropsTheParticipantAndTheRoundCompletes() {
        Outcome outcome = run(ParticipantFailurePolicy.DROP, Set.of(3));
        assertEquals(1, outcome.events().size(), outcome.events().toString());
        RunEvent dropped = outcome.events().get(0);
        assertEquals(1, dropped.round());
        assertTrue(dropped.detail().startsWith("evaluating the uploads threw 1 time: "), dropped.detail());
        assertEquals(ROUNDS, outcome.rounds().size());
    }

    @Test
    void failStopsTheRunWithTheParticipantsError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(ParticipantFailurePolicy.FAIL, Set.of(2)));
        assertEquals("injected failure in call 2", e.getMessage());
    }
}
