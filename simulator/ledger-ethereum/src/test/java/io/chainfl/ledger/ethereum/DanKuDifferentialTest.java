package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.DanKu;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.TxReceipt;
import io.chainfl.ledger.sim.SimulatedLedger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Four DanKu markets, hand-computed, on the simulated chain and on a Hardhat dev node: every revert reason, the
 * payouts (best model paid, below-threshold refund, the organizer's timeout forfeiting the reward to the
 * submitters), money conserved after every transaction, the same events, and the mirror's gas within 10%.
 */
@ExtendWith(HardhatExtension.class)
class DanKuDifferentialTest {
    private static final List<String> ACCOUNTS = List.of("organizer", "alice", "bob", "carol");
    private static final long CREDITED = 1_000 + 50;
    /** Two features, two classes: class 0 when the first feature is large, class 1 when the second is. */
    private static final short[] ROWS = {10, 0, 0, 0, 10, 1};
    /** Per class: two weights then a bias. Right on both rows, wrong on both, and all-zero (ties to class 0: one right). */
    private static final int[] GOOD = {1, 0, 0, 0, 1, 0};
    private static final int[] WRONG = {0, 1, 0, 1, 0, 0};
    private static final int[] ZERO = {0, 0, 0, 0, 0, 0};

    private static byte[] salt(int i) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) (i + 1));
        return s;
    }

    private record Trace(List<String> outcomes, List<String> gasLabels, List<Long> gas, List<String> events) {}

    private static final class Script {
        final Ledger ledger;
        final DanKu danku;
        final List<String> outcomes = new ArrayList<>();
        final List<String> gasLabels = new ArrayList<>();
        final List<Long> gas = new ArrayList<>();

        Script(Ledger ledger) {
            this.ledger = ledger;
            this.danku = ledger.danku();
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
            long total = danku.held();
            for (String a : ACCOUNTS) {
                total += danku.balanceOf(a);
            }
            if (gasLabels.size() > 1) { // after the credits: money only moves between balances and the held rewards
                assertEquals(CREDITED, total, "money conserved after " + label);
            }
        }

        /** A market of three groups holding the same rows under different salts; returns the test group. */
        int market(long id, long reward, long thresholdPpm, boolean commitReveal) {
            return market(id, reward, thresholdPpm, commitReveal, ROWS);
        }

        int market(long id, long reward, long thresholdPpm, boolean commitReveal, short[] rows) {
            return market(id, reward, new DanKu.Terms(1, 2, 2, thresholdPpm, 100, 200, commitReveal), rows);
        }

        int market(long id, long reward, DanKu.Terms terms, short[] rows) {
            List<byte[]> hashes = List.of(DanKu.groupHash(salt(0), rows), DanKu.groupHash(salt(1), rows), DanKu.groupHash(salt(2), rows));
            tx("create " + id, () -> danku.create(id, "organizer", reward, hashes, terms));
            int test = danku.testStartOf(id);
            for (int g = 0; g < 3; g++) {
                int group = g;
                if (g != test) {
                    tx("reveal training " + id + "/" + g, () -> danku.revealTraining(id, group, salt(group), rows));
                }
            }
            return test;
        }

        Trace run() {
            tx("credit organizer", () -> danku.credit("organizer", 1_000));
            tx("credit carol", () -> danku.credit("carol", 50));
            List<byte[]> hashes = List.of(DanKu.groupHash(salt(0), ROWS), DanKu.groupHash(salt(1), ROWS), DanKu.groupHash(salt(2), ROWS));
            tx("create too rich", () -> danku.create(9, "carol", 60, hashes, new DanKu.Terms(1, 2, 2, 0, 100, 200, false)));
            tx("create bad terms", () -> danku.create(9, "organizer", 60, hashes, new DanKu.Terms(3, 2, 2, 0, 100, 200, false)));
            tx("create 1", () -> danku.create(1, "organizer", 600, hashes, new DanKu.Terms(1, 2, 2, 600_000, 100, 200, false)));
            tx("create 1 again", () -> danku.create(1, "organizer", 1, hashes, new DanKu.Terms(1, 2, 2, 0, 100, 200, false)));
            int test = danku.testStartOf(1);
            int training = (test + 1) % 3;
            int otherTraining = (test + 2) % 3;
            tx("submit before training", () -> danku.submit(1, "alice", GOOD, 10).receipt());
            tx("reveal test as training", () -> danku.revealTraining(1, test, salt(test), ROWS));
            tx("reveal training wrong salt", () -> danku.revealTraining(1, training, salt(test), ROWS));
            tx("reveal training bad rows", () -> danku.revealTraining(1, training, salt(training), new short[] {1, 2}));
            tx("reveal training", () -> danku.revealTraining(1, training, salt(training), ROWS));
            tx("reveal training twice", () -> danku.revealTraining(1, training, salt(training), ROWS));
            tx("reveal training 2", () -> danku.revealTraining(1, otherTraining, salt(otherTraining), ROWS));
            tx("submit alice", () -> danku.submit(1, "alice", GOOD, 10).receipt());
            tx("submit bob", () -> danku.submit(1, "bob", WRONG, 20).receipt());
            tx("submit carol", () -> danku.submit(1, "carol", ZERO, 99).receipt());
            tx("submit bad model", () -> danku.submit(1, "carol", new int[] {1, 2}, 99).receipt());
            tx("submit late", () -> danku.submit(1, "carol", ZERO, 100).receipt());
            tx("commit in open market", () -> danku.commit(1, "carol", salt(5), 50).receipt());
            outcomes.add("copy readable " + Arrays.toString(danku.weightsOf(1, 0)));
            tx("finalize unrevealed", () -> danku.finalizeMarket(1, 150));
            tx("reveal test early", () -> danku.revealTest(1, test, salt(test), ROWS, 99));
            tx("reveal training group as test", () -> danku.revealTest(1, training, salt(training), ROWS, 150));
            tx("reveal test", () -> danku.revealTest(1, test, salt(test), ROWS, 150));
            tx("reveal test late", () -> danku.revealTest(1, test, salt(test), ROWS, 200));
            outcomes.add("correct " + danku.correctOf(1, 0) + " " + danku.correctOf(1, 1) + " " + danku.correctOf(1, 2));
            tx("finalize 1", () -> danku.finalizeMarket(1, 150));
            tx("finalize 1 again", () -> danku.finalizeMarket(1, 150));

            // commit-reveal; the only model (all zeros: 50%) is below the 60% threshold, so the organizer is refunded
            int test2 = market(2, 100, 600_000, true);
            tx("submit in commit market", () -> danku.submit(2, "carol", ZERO, 10).receipt());
            tx("commit carol", () -> danku.commit(2, "carol", DanKu.commitment(salt(7), "carol", ZERO), 10).receipt());
            tx("open early", () -> danku.openModel(2, 0, salt(7), ZERO, 99));
            tx("open as someone else's model", () -> danku.openModel(2, 0, salt(7), GOOD, 100));
            tx("open missing", () -> danku.openModel(2, 1, salt(7), ZERO, 100));
            tx("open carol", () -> danku.openModel(2, 0, salt(7), ZERO, 100));
            tx("open twice", () -> danku.openModel(2, 0, salt(7), ZERO, 100));
            tx("reveal test 2", () -> danku.revealTest(2, test2, salt(test2), ROWS, 150));
            tx("finalize 2", () -> danku.finalizeMarket(2, 150));

            // the organizer never reveals the test group: after revealUntil the reward is split among the submitters
            market(3, 201, 0, false);
            tx("submit alice 3", () -> danku.submit(3, "alice", GOOD, 10).receipt());
            tx("submit bob 3", () -> danku.submit(3, "bob", WRONG, 10).receipt());
            tx("finalize 3 before timeout", () -> danku.finalizeMarket(3, 199));
            tx("finalize 3", () -> danku.finalizeMarket(3, 200));

            // a committed group whose label is not a class: checked only when the test group is scored
            short[] badLabel = {10, 0, 2};
            int test4 = market(4, 0, 0, false, badLabel);
            tx("reveal test bad label", () -> danku.revealTest(4, test4, salt(test4), badLabel, 150));

            // a larger model (16 features, 4 classes, 24 test rows) keeps the evaluation's gas model honest beyond toy sizes
            int features = 16;
            int classes = 4;
            short[] rows = new short[24 * (features + 1)];
            for (int r = 0; r < 24; r++) {
                for (int j = 0; j < features; j++) {
                    rows[r * (features + 1) + j] = (short) ((r * 31 + j * 7) % 201 - 100);
                }
                rows[r * (features + 1) + features] = (short) (r % classes);
            }
            int[] model = new int[classes * (features + 1)];
            for (int i = 0; i < model.length; i++) {
                model[i] = (i * 13) % 41 - 20;
            }
            int test5 = market(5, 0, new DanKu.Terms(1, features, classes, 0, 100, 200, false), rows);
            tx("submit large 1", () -> danku.submit(5, "alice", model, 10).receipt());
            tx("submit large 2", () -> danku.submit(5, "bob", Arrays.stream(model).map(w -> -w).toArray(), 10).receipt());
            tx("reveal test large", () -> danku.revealTest(5, test5, salt(test5), rows, 150));
            tx("finalize large", () -> danku.finalizeMarket(5, 150));

            tx("finalize missing", () -> danku.finalizeMarket(7, 200));
            ledger.seal();
            outcomes.add("balances " + ACCOUNTS.stream().map(a -> a + "=" + danku.balanceOf(a)).toList() + " held " + danku.held());
            List<String> events = ledger.events().stream().filter(e -> e.contract().equals("DanKu")).map(e -> e.name() + e.args()).toList();
            return new Trace(outcomes, gasLabels, gas, events);
        }
    }

    private static void assertHandComputed(Trace t) {
        List<String> o = t.outcomes();
        for (String expected : List.of(
                "create too rich: reverted DanKu 'insufficient balance'",
                "create bad terms: reverted DanKu 'bad terms'",
                "create 1 again: reverted DanKu 'market exists'",
                "submit before training: reverted DanKu 'training not revealed'",
                "reveal test as training: reverted DanKu 'not a training group'",
                "reveal training wrong salt: reverted DanKu 'hash mismatch'",
                "reveal training bad rows: reverted DanKu 'bad rows'",
                "reveal training twice: reverted DanKu 'already revealed'",
                "submit bad model: reverted DanKu 'bad model'",
                "submit late: reverted DanKu 'submission closed'",
                "commit in open market: reverted DanKu 'open market'",
                "copy readable [1, 0, 0, 0, 1, 0]",
                "finalize unrevealed: reverted DanKu 'not revealed'",
                "reveal test early: reverted DanKu 'too early'",
                "reveal training group as test: reverted DanKu 'not a test group'",
                "reveal test bad label: reverted DanKu 'bad label'",
                "reveal test late: reverted DanKu 'too late'",
                "correct 2 0 1",
                "finalize 1 again: reverted DanKu 'finalized'",
                "submit in commit market: reverted DanKu 'commit required'",
                "open early: reverted DanKu 'too early'",
                "open as someone else's model: reverted DanKu 'commitment mismatch'",
                "open missing: reverted DanKu 'no submission'",
                "open twice: reverted DanKu 'already opened'",
                "finalize 3 before timeout: reverted DanKu 'not revealed'",
                "finalize missing: reverted DanKu 'no market'",
                // organizer 1000 - 600 (paid to alice) - 100 + 100 (refunded) - 201 (split 101 alice, 100 bob)
                "balances [organizer=199, alice=701, bob=100, carol=50] held 0")) {
            assertTrue(o.contains(expected), "missing '" + expected + "' in\n" + String.join("\n", o));
        }
        assertTrue(t.events().stream().anyMatch(e -> e.startsWith("Paid[1, ") && e.endsWith(", 600, 1000000]")), t.events().toString());
        assertTrue(t.events().stream().anyMatch(e -> e.startsWith("Refunded[2, ") && e.endsWith(", 100]")), t.events().toString());
        assertEquals(2, t.events().stream().filter(e -> e.startsWith("Split[3, ")).count(), t.events().toString());
    }

    @Test
    void handComputedMarketsOnBothBackendsWithGasWithinTenPercent(HardhatNode node) {
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
