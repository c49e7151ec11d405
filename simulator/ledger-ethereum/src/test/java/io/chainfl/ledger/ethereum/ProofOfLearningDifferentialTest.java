package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.ProofOfLearning;
import io.chainfl.ledger.TxReceipt;
import io.chainfl.ledger.sim.SimulatedLedger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three Proof-of-Learning tasks, hand-computed, on the simulated chain and on a Hardhat dev node: every revert reason,
 * Borda points added per ranking, the winner paid the task fee plus the minted block reward, a tie won by the earlier
 * submission, a task without submissions refunded, validators paid as they rank, money conserved after every
 * transaction (balances + held = credited + minted), the same events, and the mirror's gas within 10%.
 */
@ExtendWith(HardhatExtension.class)
class ProofOfLearningDifferentialTest {
    private static final List<String> ACCOUNTS = List.of("supplier", "poor", "alice", "bob", "carol", "dave", "v1", "v2", "v3", "stranger");
    private static final long CREDITED = 1_000 + 5;

    private record Trace(List<String> outcomes, List<String> gasLabels, List<Long> gas, List<String> events) {}

    static byte[] hash(String model) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(model.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class Script {
        final Ledger ledger;
        final ProofOfLearning pol;
        final List<String> outcomes = new ArrayList<>();
        final List<String> gasLabels = new ArrayList<>();
        final List<Long> gas = new ArrayList<>();

        Script(Ledger ledger) {
            this.ledger = ledger;
            this.pol = ledger.proofOfLearning();
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
            long total = pol.held();
            for (String a : ACCOUNTS) {
                total += pol.balanceOf(a);
            }
            if (gasLabels.size() > 1) { // after the credits: money moves between balances and escrow, or is minted
                assertEquals(CREDITED + pol.minted(), total, "money conserved after " + label);
            }
        }

        Trace run() {
            tx("credit supplier", () -> pol.credit("supplier", 1_000));
            tx("credit poor", () -> pol.credit("poor", 5));
            tx("post too rich", () -> pol.postTask(9, "poor", 10, 1, 50, List.of("v1")));
            tx("post no validators", () -> pol.postTask(9, "supplier", 10, 1, 50, List.of()));
            tx("post duplicate validator", () -> pol.postTask(9, "supplier", 10, 1, 50, List.of("v1", "v2", "v1")));
            // escrow 300 + 3 x 20
            tx("post 1", () -> pol.postTask(1, "supplier", 300, 20, 100, List.of("v1", "v2", "v3")));
            tx("post 1 again", () -> pol.postTask(1, "supplier", 1, 0, 0, List.of("v1")));
            tx("submit missing task", () -> pol.submit(7, "alice", hash("a")));
            tx("submit alice", () -> pol.submit(1, "alice", hash("alice's model")));
            tx("submit bob", () -> pol.submit(1, "bob", hash("bob's model")));
            tx("submit carol", () -> pol.submit(1, "carol", hash("carol's model")));
            tx("submit alice again", () -> pol.submit(1, "alice", hash("another")));
            tx("rank stranger", () -> pol.rank(1, "stranger", List.of(0, 1, 2)));
            tx("rank short", () -> pol.rank(1, "v1", List.of(0, 1)));
            tx("rank repeated", () -> pol.rank(1, "v1", List.of(0, 0, 1)));
            tx("rank out of range", () -> pol.rank(1, "v1", List.of(0, 1, 3)));
            tx("finalize early", () -> pol.finalizeTask(1));
            // Borda with 3 submissions: 2, 1, 0 points by position
            tx("rank v1", () -> pol.rank(1, "v1", List.of(1, 0, 2)));
            tx("submit after ranking", () -> pol.submit(1, "dave", hash("late")));
            tx("rank v1 again", () -> pol.rank(1, "v1", List.of(1, 0, 2)));
            tx("rank v2", () -> pol.rank(1, "v2", List.of(2, 0, 1)));
            tx("rank v3", () -> pol.rank(1, "v3", List.of(0, 2, 1)));
            outcomes.add("points " + List.of(pol.pointsOf(1, 0), pol.pointsOf(1, 1), pol.pointsOf(1, 2)) + " winner before " + pol.winnerOf(1));
            tx("finalize 1", () -> pol.finalizeTask(1));
            outcomes.add("winner " + pol.winnerOf(1));
            tx("finalize 1 again", () -> pol.finalizeTask(1));
            tx("submit after finalize", () -> pol.submit(1, "dave", hash("late")));
            tx("rank after finalize", () -> pol.rank(1, "v1", List.of(0, 1, 2)));
            // nobody submits: the committee ranks nothing, the fee returns, no block reward
            tx("post 2", () -> pol.postTask(2, "supplier", 50, 0, 100, List.of("v1")));
            tx("rank 2 empty", () -> pol.rank(2, "v1", List.of()));
            tx("finalize 2", () -> pol.finalizeTask(2));
            outcomes.add("winner 2 " + pol.winnerOf(2));
            // a tie (1 point each) goes to the earlier submission: bob
            tx("post 3", () -> pol.postTask(3, "supplier", 10, 5, 7, List.of("v1", "v2")));
            tx("submit 3 bob", () -> pol.submit(3, "bob", hash("bob 3")));
            tx("submit 3 alice", () -> pol.submit(3, "alice", hash("alice 3")));
            tx("rank 3 v1", () -> pol.rank(3, "v1", List.of(0, 1)));
            tx("rank 3 v2", () -> pol.rank(3, "v2", List.of(1, 0)));
            tx("finalize 3", () -> pol.finalizeTask(3));
            tx("finalize missing", () -> pol.finalizeTask(8));
            ledger.seal();
            outcomes.add("balances " + ACCOUNTS.stream().map(a -> a + "=" + pol.balanceOf(a)).toList() + " held " + pol.held() + " minted " + pol.minted());
            List<String> events = ledger.events().stream().filter(e -> e.contract().equals("ProofOfLearning")).map(e -> e.name() + e.args()).toList();
            return new Trace(outcomes, gasLabels, gas, events);
        }
    }

    private static void assertHandComputed(Trace t) {
        List<String> o = t.outcomes();
        for (String expected : List.of(
                "post too rich: reverted ProofOfLearning 'insufficient balance'",
                "post no validators: reverted ProofOfLearning 'no validators'",
                "post duplicate validator: reverted ProofOfLearning 'duplicate validator'",
                "post 1: ok",
                "post 1 again: reverted ProofOfLearning 'task exists'",
                "submit missing task: reverted ProofOfLearning 'no task'",
                "submit alice again: reverted ProofOfLearning 'already submitted'",
                "rank stranger: reverted ProofOfLearning 'not a validator'",
                "rank short: reverted ProofOfLearning 'not a permutation'",
                "rank repeated: reverted ProofOfLearning 'not a permutation'",
                "rank out of range: reverted ProofOfLearning 'not a permutation'",
                "finalize early: reverted ProofOfLearning 'rankings missing'",
                "submit after ranking: reverted ProofOfLearning 'ranking started'",
                "rank v1 again: reverted ProofOfLearning 'already ranked'",
                // alice 1 + 1 + 2, bob 2 + 0 + 0, carol 0 + 2 + 1
                "points [4, 2, 3] winner before -1",
                "winner 0",
                "finalize 1 again: reverted ProofOfLearning 'finalized'",
                "submit after finalize: reverted ProofOfLearning 'finalized'",
                "rank after finalize: reverted ProofOfLearning 'finalized'",
                "winner 2 -1",
                "finalize 3: ok",
                "finalize missing: reverted ProofOfLearning 'no task'",
                // supplier 1000 - 360 - 50 + 50 - 20; validators 20 a task-1 ranking, 5 a task-3 one; alice 300 + 100; bob 10 + 7
                "balances [supplier=620, poor=5, alice=400, bob=17, carol=0, dave=0, v1=25, v2=25, v3=20, stranger=0] held 0 minted 107")) {
            assertTrue(o.contains(expected), "missing '" + expected + "' in\n" + String.join("\n", o));
        }
        assertTrue(t.events().stream().anyMatch(e -> e.startsWith("Won[1, 0, ") && e.endsWith(", 4, 400]")), t.events().toString());
        assertTrue(t.events().stream().anyMatch(e -> e.startsWith("Refunded[2, ") && e.endsWith(", 50]")), t.events().toString());
        assertTrue(t.events().stream().anyMatch(e -> e.startsWith("Won[3, 0, ") && e.endsWith(", 1, 17]")), t.events().toString());
        assertEquals(6, t.events().stream().filter(e -> e.startsWith("Ranked[")).count(), t.events().toString());
    }

    @Test
    void handComputedTasksOnBothBackendsWithGasWithinTenPercent(HardhatNode node) {
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
