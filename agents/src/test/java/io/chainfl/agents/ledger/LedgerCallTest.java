package io.chainfl.agents.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.ledger.LedgerMessages.Call;
import io.chainfl.agents.ledger.LedgerMessages.Called;
import io.chainfl.agents.ledger.LedgerMessages.Command;
import io.chainfl.engine.config.ConsensusConfig;
import io.chainfl.engine.config.ConsensusType;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.Election;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.journal.JournaledLedger;
import io.chainfl.ledger.sim.SimulatedLedger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Contract calls as messages to the ledger node: the same outcomes, chain, stats and call journal as the same calls
 * made on the ledger object directly, with hand-computed expectations, and reverts as outcomes.
 */
class LedgerCallTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static JournaledLedger chain() {
        return new JournaledLedger(new SimulatedLedger(new SimulatedLedgerConfig(null, null, 0, ConsensusConfig.of(ConsensusType.POA)),
                new SplittableRandom(3)));
    }

    private static Called call(ActorRef<Command> node, List<ContractCall> calls) {
        TestProbe<Called> replies = testKit.createTestProbe();
        node.tell(new Call(calls, replies.ref()));
        Called called = replies.receiveMessage();
        assertEquals(calls.size(), called.results().size(), "one outcome per call");
        return called;
    }

    /** Voter v's scores for the other two, as fixed-point F1 x 1e6, candidates in id order. */
    private static final Map<Integer, Map<Integer, Long>> SCORES = Map.of(
            1, new TreeMap<>(Map.of(2, 900_000L, 3, 500_000L)),  // ranks 2 (2 points), 3 (1 point)
            2, new TreeMap<>(Map.of(1, 300_000L, 3, 800_000L)),  // ranks 3 (2), 1 (1)
            3, new TreeMap<>(Map.of(1, 600_000L, 2, 700_000L))); // ranks 2 (2), 1 (1)

    @Test
    void anElectionOverThreeBallotsThroughTheNodeElectsWhatTheContractElectsDirectly() {
        JournaledLedger direct = chain();
        direct.election().open(5, 2, Election.bordaVector(2));
        for (int voter = 1; voter <= 3; voter++) {
            direct.election().castBallot(5, voter, List.copyOf(SCORES.get(voter).keySet()), List.copyOf(SCORES.get(voter).values()));
        }
        ElectionResult expected = direct.election().tally(5);
        direct.seal();

        JournaledLedger behind = chain();
        ActorRef<Command> node = testKit.spawn(LedgerNode.create(behind));
        List<ContractCall> calls = new java.util.ArrayList<>();
        calls.add(new ContractCall.OpenElection(5, 2, Election.bordaVector(2)));
        for (int voter = 1; voter <= 3; voter++) {
            calls.add(new ContractCall.CastBallot(5, voter, List.copyOf(SCORES.get(voter).keySet()), List.copyOf(SCORES.get(voter).values())));
        }
        calls.add(new ContractCall.Tally(5));
        calls.add(new ContractCall.SealBlocks());
        Called called = call(node, calls);

        ElectionResult tallied = assertInstanceOf(CallResult.Tallied.class, called.result(4)).election();
        // totals by hand: 1 gets 1 + 1 = 2, 2 gets 2 + 2 = 4, 3 gets 1 + 2 = 3: the two winners are 2, then 3
        assertEquals(List.of(2, 3), tallied.winners());
        assertEquals(Map.of(1, 2L, 2, 4L, 3, 3L), tallied.totals());
        assertEquals(expected, tallied, "the same winners, totals and tally receipt as the direct contract");
        assertInstanceOf(CallResult.Done.class, called.result(5));
        assertEquals(direct.events(), behind.events());
        assertEquals(direct.stats(), behind.stats());
        assertEquals(direct.stats(), called.after());
        assertArrayEquals(direct.drainPending(), behind.drainPending(), "the same call journal");
        assertTrue(behind.verifyChain());
    }

    @Test
    void aRevertIsThatCallsOutcomeAndTheCallsAfterItStillRun() {
        JournaledLedger behind = chain();
        ActorRef<Command> node = testKit.spawn(LedgerNode.create(behind));
        Called called = call(node, List.of(new ContractCall.Tally(9), new ContractCall.Mint("participant-1", 10), new ContractCall.BalanceOf("participant-1")));
        CallResult.Reverted reverted = assertInstanceOf(CallResult.Reverted.class, called.result(0));
        assertEquals("no election", reverted.reason());
        assertInstanceOf(CallResult.Receipt.class, called.result(1));
        assertEquals(new CallResult.Value(10), called.result(2));
        assertEquals(1, behind.recordedCalls(), "a reverted call changes nothing and is not journaled");
        LedgerRevertException thrown = assertThrows(LedgerRevertException.class, called::requireNoRevert);
        assertEquals("no election", thrown.reason());
    }

    @Test
    void depositsRefundsAndTakesThroughTheNodeGiveTheDirectBalancesAndJournal() {
        JournaledLedger direct = chain();
        direct.escrow().mint("participant-1", 1_000);
        direct.escrow().mint("participant-2", 500);
        Escrow.DepositReceipt first = direct.escrow().deposit("participant-1", 300, 1_000);
        Escrow.DepositReceipt second = direct.escrow().deposit("participant-2", 200, 1_000);
        assertThrows(LedgerRevertException.class, () -> direct.escrow().refund(first.depositId(), 500));
        direct.escrow().refund(first.depositId(), 1_000);
        direct.escrow().take(second.depositId(), List.of("participant-1", "participant-3"), List.of(1L, 2L));
        direct.seal();

        JournaledLedger behind = chain();
        ActorRef<Command> node = testKit.spawn(LedgerNode.create(behind));
        Called deposited = call(node, List.of(new ContractCall.Mint("participant-1", 1_000), new ContractCall.Mint("participant-2", 500),
                new ContractCall.Deposit("participant-1", 300, 1_000), new ContractCall.Deposit("participant-2", 200, 1_000)));
        long firstId = assertInstanceOf(CallResult.Deposited.class, deposited.result(2)).depositId();
        long secondId = assertInstanceOf(CallResult.Deposited.class, deposited.result(3)).depositId();
        assertEquals(first.depositId(), firstId);
        assertEquals(second.depositId(), secondId);
        Called settled = call(node, List.of(new ContractCall.Refund(firstId, 500), new ContractCall.Refund(firstId, 1_000),
                new ContractCall.Take(secondId, List.of("participant-1", "participant-3"), List.of(1L, 2L)), new ContractCall.SealBlocks(),
                new ContractCall.BalanceOf("participant-1"), new ContractCall.BalanceOf("participant-2"), new ContractCall.BalanceOf("participant-3"),
                new ContractCall.Escrowed()));
        assertEquals("locked", assertInstanceOf(CallResult.Reverted.class, settled.result(0)).reason(), "not before the unlock time");
        // by hand: 200 split 1:2 is 66 and 133 (floors), the remainder 1 to the first taker; participant-1 got its 300 back
        assertEquals(List.of(new CallResult.Value(1_000 - 300 + 300 + 67), new CallResult.Value(500 - 200), new CallResult.Value(133),
                new CallResult.Value(0)), settled.results().subList(4, 8));
        assertEquals(direct.escrow().balanceOf("participant-1"), 1_067);
        assertEquals(direct.events(), behind.events());
        assertEquals(direct.stats(), behind.stats());
        assertEquals(deposited.after(), settled.before(), "nothing ran between the two messages");
        assertArrayEquals(direct.drainPending(), behind.drainPending(), "the same call journal, the revert left out");
    }

    @Test
    void aClientSendsItsWritesWithTheNextQuestionAndAnswersRepeatedViewsItself() {
        JournaledLedger behind = chain();
        ActorRef<Command> node = testKit.spawn(LedgerNode.create(behind));
        AtomicInteger messages = new AtomicInteger();
        ActorRef<Command> counted = testKit.spawn(Behaviors.receive(Command.class).onAnyMessage(m -> {
            messages.incrementAndGet();
            node.tell(m);
            return Behaviors.same();
        }).build());
        LedgerClient client = new LedgerClient(Duration.ofSeconds(10)).connect(counted, testKit.system());
        client.mint("participant-1", 1_000);
        client.mint("participant-2", 500);
        assertEquals(0, messages.get(), "writes wait for a question");
        long deposit = client.deposit("participant-1", 300, 1_000);
        assertEquals(1, messages.get(), "both mints and the deposit in one message");
        assertEquals(700, client.balanceOf("participant-1"));
        assertEquals(700, client.balanceOf("participant-1"));
        assertEquals(2, messages.get(), "a view asked again with no write in between is answered without a message");
        client.refund(deposit, 1_000);
        assertEquals(1_000, client.balanceOf("participant-1"), "a write makes the view stale");
        assertEquals(3, messages.get());
        assertEquals(4, behind.recordedCalls(), "two mints, the deposit and the refund, in the client's order");
        client.refund(deposit, 1_000);
        LedgerRevertException reverted = assertThrows(LedgerRevertException.class, client::flush);
        assertTrue(reverted.reason().contains("settled"), reverted.reason());
    }
}
