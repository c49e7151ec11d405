package io.chainfl.ledger.sim;

import io.chainfl.engine.Hashes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.ConsensusType;
import io.chainfl.ledger.Election;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ContractsTest {
    private final SimulatedLedger ledger = SimulatedChainTest.ledger(ConsensusType.INSTANT, 30_000_000L, 0, 1);

    private static void reverts(String contract, String reason, Executable call) {
        LedgerRevertException e = assertThrows(LedgerRevertException.class, call);
        assertEquals(contract, e.contract());
        assertEquals(reason, e.reason());
    }

    @Test
    void handComputedBordaExampleFromTheSpec() {
        Election election = ledger.election();
        election.open(7, 2, List.of(2L, 1L));
        election.castBallot(7, 0, List.of(1, 2, 3), List.of(90L, 80L, 70L));
        election.castBallot(7, 1, List.of(0, 2, 3), List.of(50L, 95L, 95L));
        election.castBallot(7, 2, List.of(0, 1, 3), List.of(10L, 60L, 60L));
        election.castBallot(7, 3, List.of(0, 1, 2), List.of(30L, 20L, 40L));
        ElectionResult result = election.tally(7);
        assertEquals(List.of(2, 1), result.winners());
        assertEquals(new TreeMap<>(Map.of(0, 1L, 1, 4L, 2, 5L, 3, 2L)), result.totals());
        ledger.seal();
        List<LedgerEvent> events = ledger.events();
        assertEquals(List.of("Opened", "Ballot", "Ballot", "Ballot", "Ballot", "Elected"), events.stream().map(LedgerEvent::name).toList());
        assertEquals(List.of("7", "2"), events.get(0).args());
        assertEquals(List.of("7", "3"), events.get(4).args());
        assertEquals(List.of("7", "[2,1]"), events.get(5).args());
        assertTrue(ledger.verifyChain());
    }

    @Test
    void electionReverts() {
        Election e = ledger.election();
        reverts("Election", "no election", () -> e.castBallot(1, 0, List.of(1), List.of(1L)));
        reverts("Election", "no election", () -> e.tally(1));
        reverts("Election", "bad winners", () -> e.open(1, 0, List.of()));
        e.open(1, 1, List.of(1L));
        reverts("Election", "election exists", () -> e.open(1, 2, List.of(2L, 1L)));
        reverts("Election", "length mismatch", () -> e.castBallot(1, 0, List.of(1, 2), List.of(1L)));
        reverts("Election", "self vote", () -> e.castBallot(1, 0, List.of(0, 2), List.of(1L, 2L)));
        reverts("Election", "duplicate candidate", () -> e.castBallot(1, 0, List.of(2, 2), List.of(1L, 2L)));
        e.castBallot(1, 0, List.of(1, 2), List.of(1L, 2L));
        reverts("Election", "already voted", () -> e.castBallot(1, 0, List.of(1), List.of(1L)));
        assertEquals(List.of(2), e.tally(1).winners());
        reverts("Election", "already tallied", () -> e.castBallot(1, 3, List.of(1), List.of(1L)));
        reverts("Election", "already tallied", () -> e.tally(1));
        assertEquals(3, ledger.stats().transactions(), "reverted calls leave no transaction");
    }

    @Test
    void tallyWithFewerCandidatesThanWinnersAndZeroPointCandidates() {
        Election e = ledger.election();
        e.open(2, 5, List.of(1L));
        e.castBallot(2, 0, List.of(3, 1), List.of(5L, 5L));
        ElectionResult r = e.tally(2);
        assertEquals(List.of(1, 3), r.winners(), "tie at 5 goes to the lower id; 3 is registered with 0 points");
        assertEquals(new TreeMap<>(Map.of(1, 1L, 3, 0L)), r.totals());
    }

    @Test
    void escrowRevertsAndSettlesOnce() {
        Escrow escrow = ledger.escrow();
        reverts("Escrow", "insufficient balance", () -> escrow.deposit("a", 1, 0));
        escrow.mint("a", 100);
        long id = escrow.deposit("a", 60, 1_000).depositId();
        assertEquals(1, id);
        assertEquals(2, escrow.deposit("a", 40, 0).depositId());
        reverts("Escrow", "no deposit", () -> escrow.refund(3, 5_000));
        reverts("Escrow", "no deposit", () -> escrow.take(3, List.of("b"), List.of(1L)));
        reverts("Escrow", "locked", () -> escrow.refund(id, 999));
        reverts("Escrow", "length mismatch", () -> escrow.take(id, List.of(), List.of()));
        reverts("Escrow", "length mismatch", () -> escrow.take(id, List.of("b", "c"), List.of(1L)));
        reverts("Escrow", "zero weight", () -> escrow.take(id, List.of("b", "c"), List.of(0L, 0L)));
        escrow.refund(id, 1_000);
        reverts("Escrow", "already settled", () -> escrow.refund(id, 2_000));
        reverts("Escrow", "already settled", () -> escrow.take(id, List.of("b"), List.of(1L)));
        escrow.take(2, List.of("b"), List.of(1L));
        reverts("Escrow", "already settled", () -> escrow.take(2, List.of("b"), List.of(1L)));
        reverts("Escrow", "already settled", () -> escrow.refund(2, 9_000));
        assertEquals(60, escrow.balanceOf("a"));
        assertEquals(40, escrow.balanceOf("b"));
        assertEquals(0, escrow.escrowed());
    }

    @Test
    void takeSplitsByFloorAndGivesTheRemainderToTheFirstTaker() {
        Escrow escrow = ledger.escrow();
        escrow.mint("owner", 100);
        long id = escrow.deposit("owner", 100, 0).depositId();
        escrow.take(id, List.of("x", "y", "z"), List.of(1L, 1L, 1L));
        assertEquals(34, escrow.balanceOf("x"), "33 + remainder 1");
        assertEquals(33, escrow.balanceOf("y"));
        assertEquals(33, escrow.balanceOf("z"));
        escrow.mint("owner", 10);
        long second = escrow.deposit("owner", 10, 0).depositId();
        escrow.take(second, List.of("x", "y"), List.of(0L, 3L));
        assertEquals(34, escrow.balanceOf("x"), "weight 0 gets nothing");
        assertEquals(43, escrow.balanceOf("y"));
        ledger.seal();
        List<LedgerEvent> taken = ledger.events().stream().filter(e -> e.name().equals("Taken")).toList();
        assertEquals(5, taken.size());
        assertEquals(List.of("1", Bytes32.ofName("x").toString(), "34"), taken.get(0).args());
        assertEquals(List.of("2", Bytes32.ofName("x").toString(), "0"), taken.get(3).args(), "an event also for a zero amount");
        List<LedgerEvent> deposited = ledger.events().stream().filter(e -> e.name().equals("Deposited")).toList();
        assertEquals(List.of("1", Bytes32.ofName("owner").toString(), "100", "0"), deposited.get(0).args());
    }

    @Test
    void escrowConservesMoneyUnderARandomSequence() {
        Escrow escrow = ledger.escrow();
        SplittableRandom random = new SplittableRandom(42);
        String[] accounts = {"p0", "p1", "p2", "p3", "bounty"};
        List<Long> open = new ArrayList<>();
        long minted = 0;
        long now = 0;
        for (int step = 0; step < 2_000; step++) {
            now += random.nextInt(100);
            String account = accounts[random.nextInt(accounts.length)];
            int action = random.nextInt(4);
            try {
                if (action == 0) {
                    long amount = random.nextInt(1_000);
                    escrow.mint(account, amount);
                    minted += amount;
                } else if (action == 1) {
                    open.add(escrow.deposit(account, random.nextInt(300), now + random.nextInt(500)).depositId());
                } else if (!open.isEmpty()) {
                    long id = open.get(random.nextInt(open.size()));
                    if (action == 2) {
                        escrow.refund(id, now);
                    } else {
                        escrow.take(id, List.of(accounts[random.nextInt(5)], accounts[random.nextInt(5)]), List.of((long) random.nextInt(5), (long) random.nextInt(5)));
                    }
                    open.remove(id);
                }
            } catch (LedgerRevertException expected) {
                assertTrue(List.of("insufficient balance", "locked", "zero weight").contains(expected.reason()), expected.reason());
            }
            long total = escrow.escrowed();
            for (String a : accounts) {
                total += escrow.balanceOf(a);
            }
            assertEquals(minted, total, "step " + step);
        }
        ledger.seal();
        assertTrue(ledger.verifyChain());
    }

    @Test
    void gradientExchangeRecordsPayloadHashAndBytes() {
        byte[] payload = {1, 2, 3, 0, 5};
        ledger.gradientExchange().post(3, "p1", payload);
        reverts("GradientExchange", "already posted", () -> ledger.gradientExchange().post(3, "p1", new byte[1]));
        ledger.seal();
        assertEquals(List.of("3", Bytes32.ofName("p1").toString(), "0x" + io.chainfl.engine.Hashes.hex(Keccak256.hash(payload)), "5"),
                ledger.events().get(0).args());
        assertEquals(4 + 5 * 32, ledger.stats().payloadBytes(), "selector, round, sender, offset, length, one padded word");
        assertTrue(ledger.verifyChain());
    }
}
