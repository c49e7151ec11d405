package io.chainfl.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.adversary.Conduct;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.learning.aggregation.FedAvg;
import io.chainfl.engine.config.ParticipantFailurePolicy;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.ledger.sim.SimulatedLedger;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * Real participants, server and round driver in a {@link SimulationSystem}; participant 1's model throws when
 * training starts in chosen calls, as a crashing participant would. The policy decides what the run does.
 */
class ParticipantFailureTest {
    private static final int ROUNDS = 3;
    private static final int FLAKY = 1;

    /** A real model whose {@code setParams} (the first step of local training) throws on the given calls. */
    static final class FlakyModel implements Model {
        private final Model real;
        private final Set<Integer> failingCalls;
        private final AtomicInteger calls = new AtomicInteger();

        FlakyModel(Model real, Set<Integer> failingCalls) {
            this.real = real;
            this.failingCalls = failingCalls;
        }

        @Override
        public void setParams(float[] flat) {
            if (failingCalls.contains(calls.incrementAndGet())) {
                throw new IllegalStateException("injected failure in call " + calls.get());
            }
            real.setParams(flat);
        }

        @Override
        public int numParams() {
            return real.numParams();
        }

        @Override
        public int numFeatures() {
            return real.numFeatures();
        }

        @Override
        public int numClasses() {
            return real.numClasses();
        }

        @Override
        public float[] params() {
            return real.params();
        }

        @Override
        public double lossAndGradient(float[] features, int[] labels, float[] gradOut) {
            return real.lossAndGradient(features, labels, gradOut);
        }

        @Override
        public float[] predictProbabilities(float[] features) {
            return real.predictProbabilities(features);
        }

        @Override
        public Model copy() {
            return real.copy();
        }
    }

    private record Outcome(List<RoundMetrics> rounds, List<RunEvent> events, float[] global) {}

    private static Dataset data(int seed) {
        return FailureFixtures.toyData(seed);
    }

    private static Model model(SeedStreams seeds) {
        return FailureFixtures.toyModel(seeds);
    }

    /** Three participants for {@link #ROUNDS} rounds; participant {@link #FLAKY}'s model fails on {@code failingCalls}. */
    private static Outcome run(ParticipantFailurePolicy policy, Set<Integer> failingCalls) {
        SeedStreams seeds = new SeedStreams(3);
        TrainingConfig training = new TrainingConfig(0.1, 16, 1);
        Model global = model(seeds);
        ParticipantMemory memory = new ParticipantMemory();
        List<RoundMetrics> rounds = new ArrayList<>();
        List<RunEvent> events = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onRound(RoundMetrics metrics) {
                rounds.add(metrics);
            }

            @Override
            public void onEvent(RunEvent event) {
                events.add(event);
            }
        };
        SimulatedLedger ledger = new SimulatedLedger(SimulatedLedgerConfig.defaults(), seeds.stream("ledger/consensus"));
        SimulationSystem.run("failure-" + policy, 2, (ctx, done) -> {
            Map<Integer, ActorRef<ParticipantActor.Command>> participants = new TreeMap<>();
            for (int id = 0; id < 3; id++) {
                Model local = id == FLAKY ? new FlakyModel(model(seeds), failingCalls) : model(seeds);
                participants.put(id, ctx.spawn(ParticipantActor.create(new ParticipantData(id, data(id), data(id + 10)), local, training, seeds,
                        Conduct.HONEST, policy, memory), "participant-" + id, SimulationSystem.trainingDispatcher()));
            }
            var server = ctx.spawn(ParameterServerActor.create("fedavg", participants, global, new FedAvg(), ctx.spawn(LedgerNode.create(ledger), "ledger", LedgerNode.dispatcher()), data(99), 16,
                    io.chainfl.agents.adversary.Coalition.none(), null, memory), "server");
            ctx.spawn(RoundDriver.create(server, ParameterServerActor.RunRound::new, ROUNDS, round -> List.of(0, 1, 2), listener, done), "driver")
                    .tell(new RoundDriver.Start());
        });
        return new Outcome(rounds, events, global.params().clone());
    }

    @Test
    void restartRetriesTheRoundWithTheSameSeedsSoTheResultDoesNotChange() {
        Outcome clean = run(ParticipantFailurePolicy.RESTART, Set.of());
        Outcome restarted = run(ParticipantFailurePolicy.RESTART, Set.of(2));
        assertEquals(List.of(new RunEvent(2, "participant_restarted", "participant-1", "training threw; the retry succeeded")), restarted.events());
        assertEquals(clean.rounds(), restarted.rounds());
        assertArrayEquals(clean.global(), restarted.global());
        assertTrue(clean.events().isEmpty());
    }

    @Test
    void restartDropsAParticipantThatFailsTwice() {
        Outcome outcome = run(ParticipantFailurePolicy.RESTART, Set.of(2, 3));
        assertEquals(1, outcome.events().size(), outcome.events().toString());
        RunEvent dropped = outcome.events().get(0);
        assertEquals(2, dropped.round());
        assertEquals("participant_dropped", dropped.kind());
        assertTrue(dropped.detail().startsWith("training threw 2 times: java.lang.IllegalStateException: injected failure in call 3"), dropped.detail());
        assertEquals(List.of(3.0, 2.0, 2.0), outcome.rounds().stream().map(r -> r.extra().get("participants")).toList());
    }

    @Test
    void dropCompletesTheRoundWithoutTheParticipantAndNeverAsksItAgain() {
        Outcome clean = run(ParticipantFailurePolicy.DROP, Set.of());
        Outcome outcome = run(ParticipantFailurePolicy.DROP, Set.of(2));
        assertEquals(ROUNDS, outcome.rounds().size());
        assertEquals(List.of(3.0, 2.0, 2.0), outcome.rounds().stream().map(r -> r.extra().get("participants")).toList());
        assertEquals(1, outcome.events().size());
        assertEquals("participant_dropped", outcome.events().get(0).kind());
        assertTrue(outcome.events().get(0).detail().startsWith("training threw 1 time: "), outcome.events().get(0).detail());
        assertEquals(clean.rounds().get(0), outcome.rounds().get(0), "round 1, before the failure, is unaffected");
        assertFalse(java.util.Arrays.equals(clean.global(), outcome.global()), "without participant 1's updates the model differs");
    }

    @Test
    void failStopsTheRunWithTheParticipantsError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(ParticipantFailurePolicy.FAIL, Set.of(2)));
        assertEquals("injected failure in call 2", e.getMessage());
    }
}
