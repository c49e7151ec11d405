package io.chainfl.agents;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.deepchain.DeepChainContracts;
import io.chainfl.agents.deepchain.DeepChainCoordinator;
import io.chainfl.agents.deepchain.DeepChainCrypto;
import io.chainfl.agents.deepchain.DeepChainMessages.PartyCommand;
import io.chainfl.agents.deepchain.DeepChainMessages.WorkerCommand;
import io.chainfl.agents.deepchain.PartyActor;
import io.chainfl.agents.deepchain.WorkerActor;
import io.chainfl.agents.deepchain.WorkerSortition;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.config.ParticipantFailurePolicy;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.crypto.DeterministicRandom;
import io.chainfl.learning.crypto.GradientPacker;
import io.chainfl.learning.crypto.ThresholdPaillier;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.ledger.sim.SimulatedLedger;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;

/**
 * DeepChain parties under the failure policy: real parties (threshold Paillier, 256-bit keys), workers, contracts
 * on the simulated chain and round driver. Party 1's model throws in chosen calls of {@code setParams}, which it
 * makes once per round to train (call k = round k); a party given no key share fails while computing its
 * decryption shares, on the crypto executor.
 */
class DeepChainPartyFailureTest {
    private static final int ROUNDS = 3;
    private static final int PARTIES = 4;
    private static final int THRESHOLD = 2;
    private static final int FLAKY = 1;
    private static final long DEPOSIT = 1000;

    private record Outcome(List<RoundMetrics> rounds, List<RunEvent> events, float[] global, SimulatedLedger ledger, ParticipantMemory memory) {
        List<Double> extra(String column) {
            return rounds.stream().map(r -> r.extra().get(column)).toList();
        }
    }

    private static Dataset data(int seed) {
        return FailureFixtures.toyData(seed);
    }

    private static Model model(SeedStreams seeds) {
        return FailureFixtures.toyModel(seeds);
    }

    /**
     * @param failingCalls calls of party 1's {@code setParams} that throw
     * @param withoutKey   a party given no key share (its decryption shares throw), -1 for none
     */
    private static Outcome run(ParticipantFailurePolicy policy, Set<Integer> failingCalls, int withoutKey) {
        return run(policy, failingCalls, withoutKey, null);
    }

    /** Party {@code party} and worker {@code worker} lost with their cluster member before round 1, dropped or reassigned. */
    private record Loss(boolean drop, int party, int worker) {}

    private static Outcome run(ParticipantFailurePolicy policy, Set<Integer> failingCalls, int withoutKey, Loss loss) {
        SeedStreams seeds = new SeedStreams(5);
        TrainingConfig training = new TrainingConfig(0.1, 16, 1);
        Model global = model(seeds);
        int length = (int) global.numParams();
        ThresholdPaillier.Dealt dealt = ThresholdPaillier.deal(256, PARTIES, THRESHOLD, new DeterministicRandom(seeds.stream("deepchain/keys")));
        DeepChainCrypto crypto = new DeepChainCrypto(dealt.scheme(), GradientPacker.forModulus(256, 16, 20, PARTIES), length);
        SimulatedLedger ledger = new SimulatedLedger(SimulatedLedgerConfig.defaults(), seeds.stream("ledger/consensus"));
        DeepChainContracts contracts = new DeepChainContracts(true, DEPOSIT);
        List<String> accounts = new ArrayList<>();
        for (int p = 0; p < PARTIES; p++) {
            accounts.add(DeepChainContracts.party(p));
        }
        for (int w = 0; w < 3; w++) {
            accounts.add(DeepChainContracts.worker(w));
        }
        WorkerSortition sortition = new WorkerSortition(3, 100, 0.5, seeds);
        ParticipantMemory memory = new ParticipantMemory();
        FailureFixtures.Recorder listener = new FailureFixtures.Recorder(kind -> kind.startsWith("participant_") || kind.startsWith("worker_") || kind.equals("forfeit"));
        List<RoundMetrics> rounds = listener.rounds;
        List<RunEvent> events = listener.events;
        DeepChainCoordinator.Settings settings = new DeepChainCoordinator.Settings("deepchain", ROUNDS, 4000, 600_000, true, 16, List.of());
        ExecutorService cryptoExecutor = Executors.newFixedThreadPool(2);
        try {
            SimulationSystem.run("deepchain-failure-" + policy, 2, (ctx, done) -> {
                Map<Integer, ActorRef<PartyCommand>> parties = new TreeMap<>();
                for (int id = 0; id < PARTIES; id++) {
                    Model local = id == FLAKY ? new ParticipantFailureTest.FlakyModel(model(seeds), failingCalls) : model(seeds);
                    PartyActor.Settings party = new PartyActor.Settings(new ParticipantData(id, data(id), data(id + 10)), local, training, 2, crypto,
                            id == withoutKey ? null : dealt.shares().get(id), PartyActor.Behaviour.HONEST, seeds, cryptoExecutor);
                    parties.put(id, ctx.spawn(PartyActor.create(party, memory, policy), "party-" + id, SimulationSystem.trainingDispatcher()));
                }
                Map<Integer, ActorRef<WorkerCommand>> workers = new TreeMap<>();
                for (int w = 0; w < 3; w++) {
                    workers.put(w, ctx.spawn(WorkerActor.create(w, crypto, WorkerActor.Behaviour.HONEST, cryptoExecutor), "worker-" + w));
                }
                var coordinator = ctx.spawn(DeepChainCoordinator.create(settings, crypto, parties, workers, sortition, contracts, global,
                        ctx.spawn(LedgerNode.create(ledger), "ledger", LedgerNode.dispatcher()), data(99), new TreeSet<>(), memory), "contracts");
                if (loss != null) {
                    // what the cluster's run supervisor sends; locally the replacement is the entity itself
                    coordinator.tell(new DeepChainCoordinator.Lost(new EntityLost(PartyActor.KIND, loss.party(), loss.drop() ? null : parties.get(loss.party()),
                            "member h:1 lost")));
                    coordinator.tell(new DeepChainCoordinator.Lost(new EntityLost(WorkerActor.KIND, loss.worker(), loss.drop() ? null : workers.get(loss.worker()),
                            "member h:1 lost")));
                }
                List<Integer> everyone = List.of(0, 1, 2, 3);
                coordinator.tell(new DeepChainCoordinator.Open(accounts,
                        ctx.spawn(RoundDriver.create(coordinator, DeepChainCoordinator.RunRound::new, ROUNDS, round -> everyone, listener, done), "driver")));
            });
        } finally {
            cryptoExecutor.shutdownNow();
        }
        assertTrue(ledger.verifyChain());
        return new Outcome(rounds, events, global.params().clone(), ledger, memory);
    }

    @Test
    void restartRetriesTrainingWithTheSameSeedsSoTheResultDoesNotChange() {
        Outcome clean = run(ParticipantFailurePolicy.RESTART, Set.of(), -1);
        Outcome restarted = run(ParticipantFailurePolicy.RESTART, Set.of(2), -1);
        assertEquals(List.of(new RunEvent(2, "participant_restarted", "party-1", "training or encryption threw; the retry succeeded")),
                restarted.events());
        assertEquals(clean.rounds(), restarted.rounds(), "same accuracy, losses, transactions and bytes on chain");
        assertArrayEquals(clean.global(), restarted.global());
        assertTrue(clean.events().isEmpty(), clean.events().toString());
        assertEquals(DEPOSIT, restarted.ledger().escrow().balanceOf("party-1"), "a restarted party keeps its deposit");
    }

    @Test
    void dropInTrainingCompletesTheRoundWithoutThePartyForfeitsItsDepositAndNeverAsksItAgain() {
        Outcome clean = run(ParticipantFailurePolicy.DROP, Set.of(), -1);
        Outcome outcome = run(ParticipantFailurePolicy.DROP, Set.of(2), -1);
        assertEquals(ROUNDS, outcome.rounds().size());
        assertEquals(List.of("participant_dropped", "forfeit"), outcome.events().stream().map(RunEvent::kind).toList());
        RunEvent dropped = outcome.events().get(0);
        assertEquals(2, dropped.round());
        assertEquals("party-1", dropped.subject());
        assertTrue(dropped.detail().startsWith("training or encryption threw 1 time: java.lang.IllegalStateException: injected failure in call 2"),
                dropped.detail());
        RunEvent forfeit = outcome.events().get(1);
        assertEquals("party-1", forfeit.subject());
        assertTrue(forfeit.detail().startsWith("missed the upload deadline (dropped after a failure); deposit 1000 to party-0 party-2 party-3"),
                forfeit.detail());
        assertEquals(clean.rounds().get(0), outcome.rounds().get(0), "round 1, before the failure, is unaffected");
        assertEquals(List.of(4.0, 3.0, 3.0), outcome.extra("accepted_updates"), "the dropped party is not asked again in round 3");
        assertTrue(outcome.memory().isDropped(FLAKY));
        assertEquals(0, outcome.ledger().escrow().balanceOf("party-1"));
        assertEquals(DEPOSIT + DEPOSIT / 3, outcome.ledger().escrow().balanceOf("party-2"), "its deposit went to the honest parties, theirs came back");
        assertEquals(DEPOSIT, clean.ledger().escrow().balanceOf("party-1"));
        assertFalse(java.util.Arrays.equals(clean.global(), outcome.global()));
    }

    @Test
    void aPartyFailingToDecryptIsReplacedByTheNextAndTheAggregateIsTheSame() {
        Outcome clean = run(ParticipantFailurePolicy.RESTART, Set.of(), -1);
        Outcome outcome = run(ParticipantFailurePolicy.RESTART, Set.of(), 0);
        assertEquals(List.of("participant_dropped", "forfeit"), outcome.events().stream().map(RunEvent::kind).toList(), outcome.events().toString());
        RunEvent dropped = outcome.events().get(0);
        assertEquals(1, dropped.round());
        assertEquals("party-0", dropped.subject());
        assertTrue(dropped.detail().startsWith("computing decryption shares threw 2 times: java.lang.NullPointerException"), dropped.detail());
        assertTrue(outcome.events().get(1).detail().startsWith("missed the decryption deadline (dropped after a failure); deposit 1000 to party-1 party-2 party-3"),
                outcome.events().get(1).detail());
        RoundMetrics first = outcome.rounds().get(0);
        assertEquals(clean.rounds().get(0).accuracy(), first.accuracy(), "party 2's shares decrypt the same sum as party 0's would");
        assertEquals(clean.rounds().get(0).loss(), first.loss());
        assertEquals(4.0, first.extra().get("accepted_updates"), "its update was accepted before it failed");
        assertEquals(List.of(4.0, 3.0, 3.0), outcome.extra("accepted_updates"));
        assertEquals(ROUNDS, outcome.rounds().size());
    }

    @Test
    void failStopsTheRunWithThePartysError() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(ParticipantFailurePolicy.FAIL, Set.of(2), -1));
        assertEquals("injected failure in call 2", e.getMessage());
    }

    @Test
    void reassignedPartiesAndWorkersAreFollowedAndNothingChangesButTheEvents() {
        Outcome clean = run(ParticipantFailurePolicy.RESTART, Set.of(), -1);
        Outcome outcome = run(ParticipantFailurePolicy.RESTART, Set.of(), -1, new Loss(false, 2, 1));
        assertEquals(List.of(new RunEvent(1, "participant_reassigned", "party-2", "member h:1 lost"), new RunEvent(1, "worker_reassigned", "worker-1", "member h:1 lost")),
                outcome.events());
        assertEquals(clean.rounds(), outcome.rounds());
        assertArrayEquals(clean.global(), outcome.global());
    }

    @Test
    void underDropALostPartyIsNeverAskedAndALostWorkerCountsAsLazy() {
        Outcome outcome = run(ParticipantFailurePolicy.DROP, Set.of(), -1, new Loss(true, 2, 1));
        assertEquals(List.of(new RunEvent(1, "participant_dropped", "party-2", "member h:1 lost"),
                new RunEvent(1, "worker_dropped", "worker-1", "member h:1 lost; it counts as a lazy worker from now on")),
                outcome.events().stream().filter(e -> !e.kind().equals("forfeit")).toList());
        assertEquals(List.of(3.0, 3.0, 3.0), outcome.extra("accepted_updates"), "party 2 is asked in no round");
        assertTrue(outcome.memory().isDropped(2), "the driver's memory, which checkpoints save, knows");
        assertEquals(DEPOSIT, outcome.ledger().escrow().balanceOf("party-2"), "it owed no transaction when it was lost: no forfeit");
        // worker 1 proposes nothing: as leader it would be punished like a lazy worker, otherwise it just has no vote
        outcome.events().stream().filter(e -> e.kind().equals("forfeit")).forEach(e -> assertEquals("worker-1", e.subject(), e.toString()));
        assertEquals(ROUNDS, outcome.rounds().size());
    }
}
