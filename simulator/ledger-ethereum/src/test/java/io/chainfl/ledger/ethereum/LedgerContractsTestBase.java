package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.ledger.Election;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.LedgerStats;
import io.chainfl.ledger.TxReceipt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** Every contract function on a real Hardhat node; subclasses pick the mining mode. */
@ExtendWith(HardhatExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LedgerContractsTestBase {
    private final AtomicLong rounds = new AtomicLong(1);
    EthereumLedger ledger;
    HardhatNode node;

    @BeforeAll
    void open(HardhatNode node) {
        this.node = node;
        ledger = TestLedgers.open(node);
    }

    @AfterAll
    void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    long freshRound() {
        return rounds.getAndIncrement() * 1000 + 7;
    }

    @Test
    void everyFunctionRoundTrips() {
        long round = freshRound();
        LedgerStats before = ledger.stats();
        LedgerEntry entry = TestLedgers.entry(round, "participant-1", "update");
        TxReceipt posted = ledger.bulletinBoard().post(entry);
        assertTrue(posted.blockNumber() > 0 && posted.gasUsed() > 21_000 && posted.txId().startsWith("0x"));
        assertArrayEquals(entry.messageHash(), ledger.bulletinBoard().hashOf(round, "participant-1", "update").orElseThrow());
        assertTrue(ledger.bulletinBoard().verify(round, "participant-1", "update", entry.messageHash()));
        assertTrue(ledger.bulletinBoard().hashOf(round, "participant-2", "update").isEmpty());

        assertTrue(ledger.gradientExchange().post(round, "participant-1", new byte[4096]).gasUsed() > 21_000);

        Escrow escrow = ledger.escrow();
        String alice = "alice-" + round;
        String bob = "bob-" + round;
        escrow.mint(alice, 1000);
        assertEquals(1000, escrow.balanceOf(alice));
        Escrow.DepositReceipt d1 = escrow.deposit(alice, 300, 5_000);
        Escrow.DepositReceipt d2 = escrow.deposit(alice, 200, 0);
        assertEquals(d1.depositId() + 1, d2.depositId());
        assertEquals(500, escrow.balanceOf(alice));
        escrow.refund(d1.depositId(), 5_000);
        assertEquals(800, escrow.balanceOf(alice));
        escrow.take(d2.depositId(), List.of(bob, alice), List.of(1L, 2L));
        assertEquals(67, escrow.balanceOf(bob)); // 200*1/3 = 66, plus the remainder 1
        assertEquals(933, escrow.balanceOf(alice)); // 800 + 200*2/3 = 133

        Election election = ledger.election();
        election.open(round, 1, List.of(1L));
        election.castBallot(round, 0, List.of(1, 2), List.of(10L, 20L));
        ElectionResult result = election.tally(round);
        assertEquals(List.of(2), result.winners());
        assertEquals(Map.of(1, 0L, 2, 1L), result.totals());

        ledger.seal();
        LedgerStats delta = ledger.stats().minus(before);
        assertEquals(10, delta.transactions());
        assertTrue(delta.gasUsed() > 10 * 21_000L && delta.payloadBytes() > 4096 && delta.blocks() >= 1);
        assertTrue(ledger.verifyChain());
    }

    @Test
    void bordaExampleOfTheSpecification() {
        long round = freshRound();
        Election election = ledger.election();
        election.open(round, 2, List.of(2L, 1L));
        election.castBallot(round, 0, List.of(1, 2, 3), List.of(90L, 80L, 70L));
        election.castBallot(round, 1, List.of(0, 2, 3), List.of(50L, 95L, 95L));
        election.castBallot(round, 2, List.of(0, 1, 3), List.of(10L, 60L, 60L));
        election.castBallot(round, 3, List.of(0, 1, 2), List.of(30L, 20L, 40L));
        ElectionResult result = election.tally(round);
        assertEquals(List.of(2, 1), result.winners());
        assertEquals(Map.of(0, 1L, 1, 4L, 2, 5L, 3, 2L), result.totals());
    }

    @Test
    void everyRevertReasonSurfaces() {
        long round = freshRound();
        LedgerEntry entry = TestLedgers.entry(round, "p", "k");
        ledger.bulletinBoard().post(entry);
        reverts("BulletinBoard", "already posted", () -> ledger.bulletinBoard().post(entry));
        ledger.gradientExchange().post(round, "p", new byte[] {1, 2, 3});
        reverts("GradientExchange", "already posted", () -> ledger.gradientExchange().post(round, "p", new byte[] {4}));

        Election e = ledger.election();
        reverts("Election", "no election", () -> e.castBallot(round, 0, List.of(1), List.of(1L)));
        reverts("Election", "no election", () -> e.tally(round));
        reverts("Election", "bad winners", () -> e.open(round, 0, List.of()));
        e.open(round, 1, List.of(1L));
        reverts("Election", "election exists", () -> e.open(round, 1, List.of(1L)));
        reverts("Election", "length mismatch", () -> e.castBallot(round, 0, List.of(1, 2), List.of(1L)));
        reverts("Election", "self vote", () -> e.castBallot(round, 0, List.of(1, 0), List.of(1L, 2L)));
        reverts("Election", "duplicate candidate", () -> e.castBallot(round, 0, List.of(1, 2, 1), List.of(1L, 2L, 3L)));
        e.castBallot(round, 0, List.of(1), List.of(1L));
        reverts("Election", "already voted", () -> e.castBallot(round, 0, List.of(2), List.of(1L)));
        e.tally(round);
        reverts("Election", "already tallied", () -> e.castBallot(round, 1, List.of(2), List.of(1L)));
        reverts("Election", "already tallied", () -> e.tally(round));

        Escrow escrow = ledger.escrow();
        String owner = "owner-" + round;
        reverts("Escrow", "insufficient balance", () -> escrow.deposit(owner, 1, 0));
        escrow.mint(owner, 100);
        long id = escrow.deposit(owner, 60, 1_000).depositId();
        reverts("Escrow", "no deposit", () -> escrow.refund(id + 1_000_000, 0));
        reverts("Escrow", "no deposit", () -> escrow.take(0, List.of(owner), List.of(1L)));
        reverts("Escrow", "locked", () -> escrow.refund(id, 999));
        reverts("Escrow", "length mismatch", () -> escrow.take(id, List.of(owner), List.of(1L, 2L)));
        reverts("Escrow", "length mismatch", () -> escrow.take(id, List.of(), List.of()));
        reverts("Escrow", "zero weight", () -> escrow.take(id, List.of(owner, "x"), List.of(0L, 0L)));
        escrow.refund(id, 1_000);
        reverts("Escrow", "already settled", () -> escrow.refund(id, 2_000));
        reverts("Escrow", "already settled", () -> escrow.take(id, List.of(owner), List.of(1L)));
        assertEquals(100, escrow.balanceOf(owner));
        // the nonce sequence survived every revert
        ledger.bulletinBoard().post(TestLedgers.entry(round, "after-reverts", "k"));
    }

    private static void reverts(String contract, String reason, Executable call) {
        LedgerRevertException e = assertThrows(LedgerRevertException.class, call, reason);
        assertEquals(reason, e.reason());
        assertEquals(contract, e.contract());
    }

    @Test
    void escrowConservesMoney() {
        long round = freshRound();
        Escrow escrow = ledger.escrow();
        List<String> accounts = List.of("a-" + round, "b-" + round, "c-" + round);
        long escrowedBefore = escrow.escrowed();
        long minted = 0;
        for (int i = 0; i < accounts.size(); i++) {
            escrow.mint(accounts.get(i), 1_000L * (i + 1));
            minted += 1_000L * (i + 1);
        }
        long d1 = escrow.deposit(accounts.get(0), 999, 10).depositId();
        long d2 = escrow.deposit(accounts.get(1), 1_001, 10).depositId();
        long d3 = escrow.deposit(accounts.get(2), 7, 10).depositId();
        escrow.take(d1, accounts, List.of(3L, 5L, 7L));
        escrow.refund(d2, 10);
        long sum = accounts.stream().mapToLong(escrow::balanceOf).sum();
        assertEquals(minted, sum + escrow.escrowed() - escrowedBefore);
        assertEquals(7, escrow.escrowed() - escrowedBefore);
        escrow.take(d3, List.of(accounts.get(1)), List.of(1L));
        assertEquals(minted, accounts.stream().mapToLong(escrow::balanceOf).sum());
        assertEquals(escrowedBefore, escrow.escrowed());
    }

    @Test
    void nonceSequenceStaysInOrderUnderManyQuickSubmits() throws Exception {
        long round = freshRound();
        LedgerStats before = ledger.stats();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TxReceipt>> futures = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                LedgerEntry entry = TestLedgers.entry(round, "participant-" + i, "update");
                futures.add(pool.submit(() -> ledger.bulletinBoard().post(entry)));
            }
            for (Future<TxReceipt> f : futures) {
                assertTrue(f.get().blockNumber() > 0);
            }
        } finally {
            pool.shutdownNow();
        }
        List<TxSender.Sent> burst = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            burst.add(ledger.ethBulletinBoard().submit(TestLedgers.entry(round, "burst-" + i, "update")));
        }
        ledger.seal();
        for (TxSender.Sent sent : burst) {
            assertTrue(ledger.sender().await(sent).isStatusOK());
        }
        assertEquals(180, ledger.stats().minus(before).transactions());
        try (Rpc rpc = new Rpc(node.url(), 10_000, 20, new Backoff(1, 100, 100))) {
            long latest = rpc.sendOrThrow("count", rpc.web3j().ethGetTransactionCount(ledger.operator(), DefaultBlockParameterName.LATEST)).getTransactionCount().longValue();
            long pending = rpc.sendOrThrow("count", rpc.web3j().ethGetTransactionCount(ledger.operator(), DefaultBlockParameterName.PENDING)).getTransactionCount().longValue();
            assertEquals(latest, pending, "nothing stuck in the pool");
        }
        assertTrue(ledger.verifyChain());
    }

    @Test
    void eventsDecodeToTheSpecificationFormat() {
        long round = freshRound();
        LedgerEntry entry = TestLedgers.entry(round, "participant-9", "update");
        ledger.bulletinBoard().post(entry);
        ledger.election().open(round, 2, List.of(2L, 1L));
        ledger.election().castBallot(round, 5, List.of(3, 1), List.of(7L, 7L));
        ledger.election().tally(round);
        String acct = "acct-" + round;
        ledger.escrow().mint(acct, 10);
        long id = ledger.escrow().deposit(acct, 4, 99).depositId();
        ledger.escrow().take(id, List.of(acct, "other-" + round), List.of(1L, 1L));
        byte[] payload = {9, 8, 7};
        ledger.gradientExchange().post(round, "participant-9", payload);

        List<LedgerEvent> events = ledger.events();
        List<LedgerEvent> mine = events.subList(events.size() - 9, events.size());
        String sender = Names.hex(Names.keccak("participant-9"));
        String account = Names.hex(Names.keccak(acct));
        String r = Long.toString(round);
        assertEquals(List.of(r, sender, Names.hex(Names.keccak("update")), Names.hex(entry.messageHash())), mine.get(0).args());
        assertEquals("BulletinBoard/Posted", name(mine.get(0)));
        assertEquals(List.of("Election/Opened", "Election/Ballot", "Election/Elected", "Escrow/Minted", "Escrow/Deposited",
                "Escrow/Taken", "Escrow/Taken", "GradientExchange/Posted"), mine.subList(1, 9).stream().map(LedgerContractsTestBase::name).toList());
        assertEquals(List.of(r, "2"), mine.get(1).args());
        assertEquals(List.of(r, "5"), mine.get(2).args());
        assertEquals(List.of(r, "[1,3]"), mine.get(3).args());
        assertEquals(List.of(account, "10"), mine.get(4).args());
        assertEquals(List.of(Long.toString(id), account, "4", "99"), mine.get(5).args());
        assertEquals(List.of(Long.toString(id), account, "2"), mine.get(6).args());
        assertEquals(List.of(Long.toString(id), Names.hex(Names.keccak("other-" + round)), "2"), mine.get(7).args());
        assertEquals(List.of(r, sender, Names.hex(org.web3j.crypto.Hash.sha3(payload)), "3"), mine.get(8).args());
        for (int i = 1; i < events.size(); i++) {
            assertFalse(events.get(i).blockNumber() < events.get(i - 1).blockNumber(), "chain order");
        }
    }

    private static String name(LedgerEvent e) {
        return e.contract() + "/" + e.name();
    }
}
