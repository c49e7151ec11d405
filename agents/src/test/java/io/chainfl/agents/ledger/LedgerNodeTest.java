package io.chainfl.agents.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.ledger.LedgerMessages.Command;
import io.chainfl.agents.ledger.LedgerMessages.Events;
import io.chainfl.agents.ledger.LedgerMessages.Outcome;
import io.chainfl.agents.ledger.LedgerMessages.QueryEvents;
import io.chainfl.agents.ledger.LedgerMessages.QueryHashes;
import io.chainfl.agents.ledger.LedgerMessages.QueryStats;
import io.chainfl.agents.ledger.LedgerMessages.RecordedHashes;
import io.chainfl.agents.ledger.LedgerMessages.Seal;
import io.chainfl.agents.ledger.LedgerMessages.Sealed;
import io.chainfl.agents.ledger.LedgerMessages.Stats;
import io.chainfl.agents.ledger.LedgerMessages.Submit;
import io.chainfl.agents.ledger.LedgerMessages.Transaction;
import io.chainfl.engine.config.ConsensusConfig;
import io.chainfl.engine.config.ConsensusType;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.TxReceipt;
import io.chainfl.ledger.sim.SimulatedLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The ledger node over a hand-built simulated chain: posts through messages, block order, queries, the receptionist. */
class LedgerNodeTest {
    private static final ActorTestKit testKit = ActorTestKit.create();

    @AfterAll
    static void shutdown() {
        testKit.shutdownTestKit();
    }

    private static SimulatedLedger chain() {
        return new SimulatedLedger(new SimulatedLedgerConfig(null, null, 0, ConsensusConfig.of(ConsensusType.INSTANT)), new SplittableRandom(3));
    }

    private static LedgerEntry entry(long round, int participant, String kind) {
        return new LedgerEntry(round, "participant-" + participant, kind, Hashes.sha256(new byte[] {(byte) round, (byte) participant, (byte) kind.length()}), 100);
    }

    private static Transaction tx(long round, int participant, String kind) {
        return new Transaction(participant, entry(round, participant, kind));
    }

    private static Sealed seal(ActorRef<Command> node) {
        TestProbe<Sealed> sealed = testKit.createTestProbe();
        node.tell(new Seal(sealed.ref()));
        return sealed.receiveMessage();
    }

    @Test
    void postsThroughTheNodeGiveTheSameChainAsDirectCallsInParticipantOrder() {
        SimulatedLedger direct = chain();
        for (int p = 0; p < 12; p++) {
            direct.bulletinBoard().post(entry(1, p, "upload"));
        }
        direct.seal();

        SimulatedLedger behind = chain();
        ActorRef<Command> node = testKit.spawn(LedgerNode.create(behind));
        // three senders, each with a batch, arriving in an order that is not participant order
        List<Transaction> late = new ArrayList<>();
        List<Transaction> early = new ArrayList<>();
        List<Transaction> middle = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            (p < 4 ? early : p < 8 ? middle : late).add(tx(1, p, "upload"));
        }
        node.tell(new Submit(late));
        node.tell(new Submit(early));
        node.tell(new Submit(middle));
        Sealed sealed = seal(node);

        assertEquals(direct.events(), behind.events(), "the same events in the same blocks");
        assertEquals(direct.stats(), behind.stats());
        assertEquals(direct.stats(), sealed.stats());
        assertEquals(12, sealed.outcomes().size());
        for (int p = 0; p < 12; p++) {
            Outcome outcome = sealed.outcomes().get(p);
            assertEquals("participant-" + p, outcome.sender(), "block order is participant order, not arrival order");
            assertTrue(outcome.included());
        }
        assertTrue(behind.verifyChain());
    }

    @Test
    void aSecondPostForTheSameKeyRevertsAndIsReportedNotThrown() {
        SimulatedLedger behind = chain();
        ActorRef<Command> node = testKit.spawn(LedgerNode.create(behind));
        node.tell(new Submit(List.of(tx(2, 1, "ballot"))));
        assertTrue(seal(node).outcomes().get(0).included());
        LedgerEntry other = new LedgerEntry(2, "participant-1", "ballot", Hashes.sha256(new byte[] {9}), 100);
        node.tell(new Submit(List.of(new Transaction(1, other), tx(2, 2, "ballot"))));
        Sealed sealed = seal(node);
        Outcome reverted = sealed.outcomes().get(0);
        assertFalse(reverted.included());
        assertNull(reverted.receipt());
        assertEquals("already posted", reverted.revertReason());
        assertTrue(sealed.outcomes().get(1).included(), "the node keeps going after a revert");
        assertEquals(2, sealed.stats().transactions());
    }

    @Test
    void queriesAnswerWhatTheBoardRecorded() {
        SimulatedLedger behind = chain();
        ActorRef<Command> node = testKit.spawn(LedgerNode.create(behind));
        node.tell(new Submit(List.of(tx(3, 0, "upload"), tx(3, 2, "upload"), tx(3, 1, "ballot"))));
        seal(node);

        TestProbe<RecordedHashes> hashes = testKit.createTestProbe();
        node.tell(new QueryHashes(3, "upload", List.of("participant-0", "participant-1", "participant-2"), hashes.ref()));
        RecordedHashes recorded = hashes.receiveMessage();
        assertArrayEquals(entry(3, 0, "upload").messageHash(), recorded.hashOf("participant-0").orElseThrow());
        assertTrue(recorded.hashOf("participant-1").isEmpty(), "participant 1 posted a ballot, not an upload");
        assertArrayEquals(entry(3, 2, "upload").messageHash(), recorded.hashOf("participant-2").orElseThrow());
        node.tell(new QueryHashes(4, "upload", List.of("participant-0"), hashes.ref()));
        assertTrue(hashes.receiveMessage().recorded().isEmpty(), "nothing in round 4");

        TestProbe<Events> events = testKit.createTestProbe();
        node.tell(new QueryEvents(events.ref()));
        List<LedgerEvent> posted = events.receiveMessage().events();
        assertEquals(behind.events(), posted);
        assertEquals(3, posted.size());

        TestProbe<Stats> stats = testKit.createTestProbe();
        node.tell(new QueryStats(stats.ref()));
        Stats answer = stats.receiveMessage();
        assertEquals(behind.stats(), answer.stats());
        assertTrue(answer.chainVerifies());
    }

    @Test
    void transactionsWaitInTheMempoolUntilASeal() {
        SimulatedLedger behind = chain();
        ActorRef<Command> node = testKit.spawn(LedgerNode.create(behind));
        node.tell(new Submit(List.of(tx(5, 0, "upload"))));
        TestProbe<RecordedHashes> hashes = testKit.createTestProbe();
        node.tell(new QueryHashes(5, "upload", List.of("participant-0"), hashes.ref()));
        assertTrue(hashes.receiveMessage().recorded().isEmpty(), "not on the chain before the seal");
        TxReceipt receipt = seal(node).outcomes().get(0).receipt();
        assertEquals(1, receipt.blockNumber());
        node.tell(new QueryHashes(5, "upload", List.of("participant-0"), hashes.ref()));
        assertEquals(1, hashes.receiveMessage().recorded().size());
    }

    @Test
    void theNodeIsFoundThroughTheReceptionist() {
        ActorRef<Command> node = testKit.spawn(LedgerNode.create(chain()));
        TestProbe<Receptionist.Listing> listings = testKit.createTestProbe();
        testKit.system().receptionist().tell(Receptionist.subscribe(LedgerMessages.SERVICE_KEY, listings.ref()));
        listings.fishForMessage(java.time.Duration.ofSeconds(5), listing -> listing.getServiceInstances(LedgerMessages.SERVICE_KEY).contains(node)
                ? org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.complete()
                : org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    }
}
