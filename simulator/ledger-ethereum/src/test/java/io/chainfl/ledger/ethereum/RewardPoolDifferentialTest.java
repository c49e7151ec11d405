package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.RewardPool;
import io.chainfl.ledger.TxReceipt;
import io.chainfl.ledger.sim.SimulatedLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two reward pools, hand-computed, on the simulated chain and on a Hardhat dev node: every revert reason, proportional
 * payments with floor division, a round whose shares are all zero, the remainder refunded at close, no round paid
 * twice, money conserved after every transaction, the same events, and the mirror's gas within 10%.
 */
@ExtendWith(HardhatExtension.class)
class RewardPoolDifferentialTest {
    private static final List<String> ACCOUNTS = List.of("owner", "alice", "bob", "carol");
    private static final long CREDITED = 1_000 + 5;

    private record Trace(List<String> outcomes, List<String> gasLabels, List<Long> gas, List<String> events) {}

    private static final class Script {
        final Ledger ledger;
        final RewardPool pool;
        final List<String> outcomes = new ArrayList<>();
        final List<String> gasLabels = new ArrayList<>();
        final List<Long> gas = new ArrayList<>();

        Script(Ledger ledger) {
            this.ledger = ledger;
            this.pool = ledger.rewardPool();
        }

        void tx(String label, Supplier<TxReceipt> call) {
            try {
                TxReceipt receipt = call.get();
                outcomes.add(label + ": ok");
                gasLabels.add(label);
                gas.add(receipt.gasUsed());
            } catch (LedgerRevertException e) {
                outcomes.add(label + ": reverted " + e.contract() + " '" + e.reason() + "'");
            }
            long total = pool.held();
            for (String a : ACCOUNTS) {
                total += pool.balanceOf(a);
            }
            if (gasLabels.size() > 1) { // after the credits: money only moves between balances and the pools
                assertEquals(CREDITED, total, "money conserved after " + label);
            }
        }

        Trace run() {
            tx("credit owner", () -> pool.credit("owner", 1_000));
            tx("credit carol", () -> pool.credit("carol", 5));
            tx("open too rich", () -> pool.open(9, "carol", 60, 1));
            tx("open no rounds", () -> pool.open(9, "owner", 60, 0));
            tx("open 1", () -> pool.open(1, "owner", 900, 3));
            tx("open 1 again", () -> pool.open(1, "owner", 1, 1));
            tx("pay round 2 first", () -> pool.pay(1, 2, List.of("alice"), List.of(1L)));
            tx("pay length mismatch", () -> pool.pay(1, 1, List.of("alice", "bob"), List.of(1L)));
            tx("pay missing pool", () -> pool.pay(7, 1, List.of("alice"), List.of(1L)));
            tx("close early", () -> pool.close(1));
            // budget 900 / 3 = 300 a round: 1:2:0 pays 100, 200, 0
            tx("pay 1/1", () -> pool.pay(1, 1, List.of("alice", "bob", "carol"), List.of(1_000L, 2_000L, 0L)));
            tx("pay 1/1 twice", () -> pool.pay(1, 1, List.of("alice", "bob", "carol"), List.of(1_000L, 2_000L, 0L)));
            tx("pay 1/2", () -> pool.pay(1, 2, List.of("alice", "bob", "carol"), List.of(5L, 5L, 5L)));
            outcomes.add("remaining " + pool.remainingOf(1));
            // nobody added anything: the round pays nothing and its budget stays for the owner
            tx("pay 1/3", () -> pool.pay(1, 3, List.of("alice", "bob"), List.of(0L, 0L)));
            tx("pay 1/4", () -> pool.pay(1, 4, List.of("alice"), List.of(1L)));
            tx("close 1", () -> pool.close(1));
            tx("close 1 again", () -> pool.close(1));
            tx("pay after close", () -> pool.pay(1, 3, List.of("alice"), List.of(1L)));
            // 100 in one round among three equal shares, alice listed twice: 33 + 33 to alice, 33 to bob, 1 refunded
            tx("open 2", () -> pool.open(2, "owner", 100, 1));
            tx("pay 2/1", () -> pool.pay(2, 1, List.of("alice", "bob", "alice"), List.of(7L, 7L, 7L)));
            tx("close 2", () -> pool.close(2));
            tx("close missing", () -> pool.close(8));
            ledger.seal();
            outcomes.add("balances " + ACCOUNTS.stream().map(a -> a + "=" + pool.balanceOf(a)).toList() + " held " + pool.held());
            List<String> events = ledger.events().stream().filter(e -> e.contract().equals("RewardPool")).map(e -> e.name() + e.args()).toList();
            return new Trace(outcomes, gasLabels, gas, events);
        }
    }

    private static void assertHandComputed(Trace t) {
        List<String> o = t.outcomes();
        for (String expected : List.of(
                "open too rich: reverted RewardPool 'insufficient balance'",
                "open no rounds: reverted RewardPool 'no rounds'",
                "open 1 again: reverted RewardPool 'pool exists'",
                "pay round 2 first: reverted RewardPool 'wrong round'",
                "pay length mismatch: reverted RewardPool 'length mismatch'",
                "pay missing pool: reverted RewardPool 'no pool'",
                "close early: reverted RewardPool 'rounds left'",
                "pay 1/1 twice: reverted RewardPool 'wrong round'",
                "remaining 300",
                "pay 1/3: ok",
                "pay 1/4: reverted RewardPool 'wrong round'",
                "close 1 again: reverted RewardPool 'closed'",
                "pay after close: reverted RewardPool 'closed'",
                "close missing: reverted RewardPool 'no pool'",
                // owner 1000 - 900 + 300 (rounds 3's budget back) - 100 + 1; alice 100 + 100 + 66; bob 200 + 100 + 33; carol 5 + 100
                "balances [owner=301, alice=266, bob=333, carol=105] held 0")) {
            assertTrue(o.contains(expected), "missing '" + expected + "' in\n" + String.join("\n", o));
        }
        assertTrue(t.events().stream().anyMatch(e -> e.startsWith("Closed[1, ") && e.endsWith(", 300]")), t.events().toString());
        assertEquals(11, t.events().stream().filter(e -> e.startsWith("Paid[")).count(), t.events().toString());
    }

    @Test
    void handComputedPoolsOnBothBackendsWithGasWithinTenPercent(HardhatNode node) {
        Trace simulated;
        try (Ledger sim = new SimulatedLedger(SimulatedLedgerConfig.defaults(), new SplittableRandom(1))) {
            simulated = new Script(sim).run();
        }
        assertHandComputed(simulated);
        Trace real;
        try (Ledger eth = TestLedgers.open(node)) {
            real = new Script(eth).run();
        }
        assertHandComputed(real);
        assertEquals(real.outcomes(), simulated.outcomes());
        assertEquals(real.events(), simulated.events());
        assertEquals(real.gasLabels(), simulated.gasLabels());
        GasAgreement.assertWithinTenPercent(real.gasLabels(), real.gas(), simulated.gas());
    }
}
