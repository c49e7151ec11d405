package io.chainfl.ledger.ethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.Election;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.TxReceipt;
import io.chainfl.ledger.sim.SimulatedLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One scripted sequence of contract calls (posts, elections, deposits, refunds, takes, gradient payloads,
 * and calls that must revert) on the simulated chain and on a real dev node: the same outcomes, the same
 * event sequence, and every transaction's simulated gas within 10% of what the node charged.
 */
@ExtendWith(HardhatExtension.class)
class DifferentialLedgerTest {

    /** What a backend answered to the script: outcomes in order, and gas per transaction with its label. */
    private record Trace(List<String> outcomes, List<String> gasLabels, List<Long> gas, List<LedgerEvent> events) {}

    private static final class Recorder {
        final List<String> outcomes = new ArrayList<>();
        final List<String> gasLabels = new ArrayList<>();
        final List<Long> gas = new ArrayList<>();

        void tx(String label, Supplier<TxReceipt> call) {
            try {
                TxReceipt receipt = call.get();
                outcomes.add(label + ": ok");
                gasLabels.add(label);
                gas.add(receipt.gasUsed());
            } catch (LedgerRevertException e) {
                outcomes.add(label + ": reverted " + e.contract() + " '" + e.reason() + "'");
            }
        }

        void note(String outcome) {
            outcomes.add(outcome);
        }
    }

    private static Trace script(Ledger ledger) {
        Recorder r = new Recorder();
        for (int i = 0; i < 4; i++) {
            int sender = i;
            r.tx("post " + i, () -> ledger.bulletinBoard().post(TestLedgers.entry(1, "participant-" + sender, "upload")));
        }
        r.tx("post duplicate", () -> ledger.bulletinBoard().post(TestLedgers.entry(1, "participant-0", "upload")));
        r.note("verify " + ledger.bulletinBoard().verify(1, "participant-2", "upload", TestLedgers.entry(1, "participant-2", "upload").messageHash()));

        Election election = ledger.election();
        r.tx("open 1", () -> election.open(1, 2, List.of(2L, 1L)));
        r.tx("ballot 1/0", () -> election.castBallot(1, 0, List.of(1, 2, 3), List.of(90L, 80L, 70L)));
        r.tx("ballot 1/1", () -> election.castBallot(1, 1, List.of(0, 2, 3), List.of(50L, 95L, 95L)));
        r.tx("ballot 1/2", () -> election.castBallot(1, 2, List.of(0, 1, 3), List.of(10L, 60L, 60L)));
        r.tx("ballot 1/3", () -> election.castBallot(1, 3, List.of(0, 1, 2), List.of(30L, 20L, 40L)));
        r.tx("ballot 1/3 again", () -> election.castBallot(1, 3, List.of(0, 1, 2), List.of(30L, 20L, 40L)));
        r.tx("ballot 1/4 self", () -> election.castBallot(1, 4, List.of(4, 1), List.of(1L, 2L)));
        ElectionResult first = election.tally(1);
        r.note("tally 1: " + first.winners() + " " + first.totals());
        r.gasLabels.add("tally 1");
        r.gas.add(first.receipt().gasUsed());

        int voters = 12;
        SplittableRandom rng = new SplittableRandom(11);
        r.tx("open 2", () -> election.open(2, 3, Election.bordaVector(3)));
        for (int voter = 0; voter < voters; voter++) {
            List<Integer> candidates = new ArrayList<>();
            List<Long> scores = new ArrayList<>();
            for (int c = 0; c < voters; c++) {
                if (c != voter) {
                    candidates.add(c);
                    scores.add((long) rng.nextInt(1_000_000));
                }
            }
            int v = voter;
            r.tx("ballot 2/" + voter, () -> election.castBallot(2, v, candidates, scores));
        }
        ElectionResult second = election.tally(2);
        r.note("tally 2: " + second.winners() + " " + second.totals());
        r.gasLabels.add("tally 2");
        r.gas.add(second.receipt().gasUsed());

        Escrow escrow = ledger.escrow();
        for (String account : List.of("alice", "bob", "carol")) {
            r.tx("mint " + account, () -> escrow.mint(account, 1_000));
        }
        r.tx("mint alice again", () -> escrow.mint("alice", 500));
        List<Long> ids = new ArrayList<>();
        r.tx("deposit alice 100", () -> {
            Escrow.DepositReceipt d = escrow.deposit("alice", 100, 5_000);
            ids.add(d.depositId());
            return d.receipt();
        });
        r.tx("deposit bob 250", () -> {
            Escrow.DepositReceipt d = escrow.deposit("bob", 250, 0);
            ids.add(d.depositId());
            return d.receipt();
        });
        r.tx("deposit carol too much", () -> escrow.deposit("carol", 5_000, 0).receipt());
        r.tx("refund alice early", () -> escrow.refund(ids.get(0), 4_999));
        r.tx("refund alice", () -> escrow.refund(ids.get(0), 5_000));
        r.tx("refund alice twice", () -> escrow.refund(ids.get(0), 6_000));
        r.tx("take bob", () -> escrow.take(ids.get(1), List.of("alice", "carol", "bob"), List.of(1L, 1L, 1L)));
        r.tx("take bob twice", () -> escrow.take(ids.get(1), List.of("alice"), List.of(1L)));
        r.note("balances " + escrow.balanceOf("alice") + " " + escrow.balanceOf("bob") + " " + escrow.balanceOf("carol") + " escrowed " + escrow.escrowed());

        byte[] small = new byte[1024];
        byte[] large = new byte[8192];
        new SplittableRandom(3).nextBytes(small);
        new SplittableRandom(4).nextBytes(large);
        r.tx("gradients 1 KiB", () -> ledger.gradientExchange().post(1, "party-0", small));
        r.tx("gradients 8 KiB", () -> ledger.gradientExchange().post(1, "party-1", large));
        r.tx("gradients duplicate", () -> ledger.gradientExchange().post(1, "party-1", small));
        ledger.seal();
        return new Trace(r.outcomes, r.gasLabels, r.gas, ledger.events());
    }

    private static List<String> withoutBlocks(List<LedgerEvent> events) {
        return events.stream().map(e -> e.contract() + "." + e.name() + e.args()).toList();
    }

    @Test
    void simulatedChainAndDevNodeAgree(HardhatNode node) {
        Trace simulated;
        try (Ledger sim = new SimulatedLedger(SimulatedLedgerConfig.defaults(), new SplittableRandom(1))) {
            simulated = script(sim);
        }
        Trace real;
        try (Ledger eth = TestLedgers.open(node)) {
            real = script(eth);
        }
        assertEquals(real.outcomes(), simulated.outcomes(), "same outcomes, winners, totals, balances and reverts");
        assertTrue(simulated.outcomes().contains("tally 1: [2, 1] {0=1, 1=4, 2=5, 3=2}"), simulated.outcomes().toString());
        assertEquals(withoutBlocks(real.events()), withoutBlocks(simulated.events()), "same event sequence");
        assertEquals(real.gasLabels(), simulated.gasLabels());
        GasAgreement.assertWithinTenPercent(real.gasLabels(), real.gas(), simulated.gas());
    }
}
