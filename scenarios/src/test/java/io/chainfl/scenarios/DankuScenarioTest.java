package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.ledger.ethereum.HardhatNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A small DanKu market (3 submitters, 6 groups of 10 rows, 2 test groups): payout, determinism, the three attacks, and the dev node. */
class DankuScenarioTest {
    private static final String[] SMALL = {"scenario.submitters=3", "scenario.groups=6", "scenario.test_groups=2", "scenario.rows_per_group=10",
        "training.local_epochs=1"};

    private static String[] with(String... more) {
        List<String> all = new ArrayList<>(List.of(SMALL));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static RoundMetrics market(String... overrides) {
        List<RoundMetrics> rows = ScenarioRunner.run(ScenarioRunner.load("danku-market.yaml", with(overrides)));
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private static double x(RoundMetrics m, String column) {
        return m.extra().get(column);
    }

    @Test
    void theBestModelAboveTheThresholdIsPaidAndTheRunIsTheSameOnOneOrTwoThreads() {
        List<RunEvent> events1 = new ArrayList<>();
        List<RunEvent> events2 = new ArrayList<>();
        List<RoundMetrics> rows1 = new ArrayList<>();
        List<RoundMetrics> rows2 = new ArrayList<>();
        ScenarioRunner.run(ScenarioRunner.load("danku-market.yaml", with("runtime.threads=1")), collect(rows1, events1));
        ScenarioRunner.run(ScenarioRunner.load("danku-market.yaml", with("runtime.threads=2")), collect(rows2, events2));
        assertEquals(rows1, rows2);
        assertEquals(events1, events2);
        RoundMetrics m = rows1.get(0);
        assertTrue(m.accuracy() > 0.5, "a softmax on pooled digits beats the 50% threshold: " + m.accuracy());
        assertTrue(x(m, "winner") >= 0);
        assertEquals(1000.0, x(m, "payout"));
        assertEquals(0.0, x(m, "organizer_refund"));
        assertTrue(x(m, "max_tx_gas") < 30_000_000, "every transaction fits a 30M-gas block");
        assertEquals(List.of("market_created", "training_revealed", "model_submitted", "model_submitted", "model_submitted", "test_revealed", "market_paid"),
                events1.stream().map(RunEvent::kind).toList());
    }

    @Test
    void aThresholdNoModelReachesRefundsTheOrganizer() {
        RoundMetrics m = market("scenario.threshold=1.0");
        assertTrue(m.accuracy() < 1.0);
        assertEquals(-1.0, x(m, "winner"));
        assertEquals(1000.0, x(m, "organizer_refund"));
    }

    @Test
    void aCopierTiesTheBestPostedModelAndCommitRevealLeavesItNothingToCopy() {
        RoundMetrics copied = market("adversaries=[{type: danku_copier, ids: [2]}]");
        assertEquals(1.0, x(copied, "copies"));
        assertEquals(copied.accuracy(), x(copied, "copier_accuracy"), "the copy scores what the original scores");
        assertTrue(x(copied, "winner") != 2.0, "a tie goes to the earlier submission, the original");
        RoundMetrics honest = market();
        RoundMetrics sealed = market("scenario.commit_reveal=true", "adversaries=[{type: danku_copier, ids: [2]}]");
        assertEquals(0.0, x(sealed, "copies"), "during the window the chain shows only commitments");
        assertEquals(honest.accuracy(), sealed.accuracy(), "the copier falls back to its own model: the honest market's outcome");
        assertEquals(x(honest, "winner"), x(sealed, "winner"));
    }

    @Test
    void anOverfitterWinsOnlyWhenItKnowsTheTestRowsAndItsWinDoesNotCarryToFreshData() {
        String overfitter = "adversaries=[{type: danku_overfitter, ids: [2], knows: %s, tune_epochs: 40}]";
        RoundMetrics fresh = market(overfitter.formatted("previous_contest"));
        RoundMetrics reused = market("scenario.reuse_data=true", overfitter.formatted("previous_contest"));
        RoundMetrics leaked = market(overfitter.formatted("leaked_test"));
        for (RoundMetrics knowing : List.of(reused, leaked)) {
            assertEquals(2.0, x(knowing, "winner"), "tuned to the test rows, the overfitter wins");
            assertTrue(x(knowing, "overfitter_accuracy") >= 0.85, "it nearly memorises the 20 test rows: " + x(knowing, "overfitter_accuracy"));
            assertTrue(x(knowing, "overfit_gap") > 0.15, "its score on the test groups overstates it on fresh rows: " + x(knowing, "overfit_gap"));
        }
        assertTrue(x(fresh, "overfitter_accuracy") < x(reused, "overfitter_accuracy"),
                "a previous contest on other rows tells it nothing about this contest's test groups");
        assertTrue(Math.abs(x(fresh, "overfit_gap")) < x(reused, "overfit_gap"), "fresh data: the test groups judge the winner fairly");
        assertTrue(!market().extra().containsKey("overfit_gap"), "the overfitting columns only where an overfitter runs");
    }

    @Test
    void sealedSubmissionsShowTheCopierNothingOpenOnlyThePickAndCostLessGas() {
        RoundMetrics commitReveal = market("scenario.commit_reveal=true");
        List<RunEvent> events = new ArrayList<>();
        List<RoundMetrics> rows = new ArrayList<>();
        ScenarioRunner.run(ScenarioRunner.load("danku-market.yaml", with("scenario.sealed=true", "adversaries=[{type: danku_copier, ids: [2]}]")),
                collect(rows, events));
        RoundMetrics sealed = rows.get(0);
        assertEquals(0.0, x(sealed, "copies"), "during the window the chain shows only commitments");
        assertEquals(x(commitReveal, "winner"), x(sealed, "winner"), "the organizer's pick is the model the contract pays");
        assertEquals(commitReveal.accuracy(), sealed.accuracy());
        assertEquals(1.0, x(sealed, "public_models"), "only the winner's weights become public");
        assertEquals(0.0, x(sealed, "challenges"));
        assertEquals(3 * 2093.0, x(sealed, "envelope_bytes"), "33 + 12 + 16 bytes of ECIES around a 32-byte salt and 500 int32 weights");
        assertTrue(x(sealed, "gas_test_reveal") < x(commitReveal, "gas_test_reveal") / 2, "the contract scores one model, not three");
        assertTrue(x(sealed, "gas_submit") < x(commitReveal, "gas_submit"), "one opening instead of three");
        assertEquals(86_400.0 + 3_600.0, x(sealed, "virtual_time_s"), "the challenge hour delays the test reveal");
        assertEquals(List.of("market_created", "training_revealed", "model_sealed", "model_sealed", "model_sealed", "winner_opened", "test_revealed",
                "market_paid"), events.stream().map(RunEvent::kind).toList());
        assertTrue(!commitReveal.extra().containsKey("public_models"), "the sealed columns only in sealed markets");
    }

    @Test
    void aCorruptManagersPickIsChallengedAndTheContractStillPaysTheBestModel() {
        RoundMetrics honest = market("scenario.sealed=true");
        int favoured = ((int) x(honest, "winner") + 1) % 3;
        RoundMetrics corrupt = market("scenario.sealed=true", "adversaries=[{type: danku_corrupt_manager, favours: " + favoured + "}]");
        assertTrue(x(corrupt, "challenges") >= 1, "a better model opens itself when the organizer opens a worse one");
        assertEquals(1 + x(corrupt, "challenges"), x(corrupt, "public_models"));
        assertEquals(x(honest, "winner"), x(corrupt, "winner"), "the contract scores every opened model: the best is paid");
        assertEquals(honest.accuracy(), corrupt.accuracy());
        io.chainfl.engine.UserError refused = org.junit.jupiter.api.Assertions.assertThrows(io.chainfl.engine.UserError.class,
                () -> ScenarioRunner.load("danku-market.yaml", with("adversaries=[{type: danku_corrupt_manager, favours: 0}]")));
        assertTrue(refused.getMessage().contains("danku_corrupt_manager needs scenario.sealed: true"), refused.getMessage());
    }

    @Test
    void aSealedMarketsSilentOrganizerIsChallengedByEverySubmitterAndForfeits() {
        RoundMetrics m = market("scenario.sealed=true", "adversaries=[{type: danku_silent_organizer}]");
        assertEquals(3.0, x(m, "challenges"), "nobody was opened: every submitter opens its own before the deadline");
        assertEquals(1000.0, x(m, "split_paid"), "so the timeout splits the reward instead of refunding an organizer that saw every model");
        assertEquals(0.0, x(m, "organizer_refund"));
    }

    @Test
    void anOrganizerWhoNeverRevealsForfeitsTheRewardToTheSubmitters() {
        RoundMetrics m = market("adversaries=[{type: danku_silent_organizer}]");
        assertEquals(1000.0, x(m, "split_paid"));
        assertEquals(-1.0, x(m, "winner"));
        assertEquals(0.0, x(m, "organizer_refund"));
        assertEquals(0.0, x(m, "gas_test_reveal"));
        assertEquals(2 * 86_400.0, x(m, "virtual_time_s"), "finalize waits for the reveal deadline");
    }

    @Test
    void theDevNodePaysTheSameWinner() {
        RoundMetrics simulated = market();
        RoundMetrics onChain;
        try (HardhatNode node = HardhatNode.start(0)) {
            onChain = market("ledger={type: ethereum, ethereum: {rpc_url: '" + node.url() + "'}}");
        }
        for (String column : List.of("best_accuracy", "winner", "payout", "organizer_refund")) {
            assertEquals(x(simulated, column), x(onChain, column), column);
        }
        double ratio = x(simulated, "gas_test_reveal") / x(onChain, "gas_test_reveal");
        assertTrue(Math.abs(ratio - 1) < 0.10, "simulated evaluation gas within 10% of the node's: " + ratio);
        // the sealed market on the node: commitments, the organizer's one opening, one model scored
        RoundMetrics sealedSimulated = market("scenario.sealed=true");
        RoundMetrics sealedOnChain;
        try (HardhatNode node = HardhatNode.start(0)) {
            sealedOnChain = market("scenario.sealed=true", "ledger={type: ethereum, ethereum: {rpc_url: '" + node.url() + "'}}");
        }
        for (String column : List.of("best_accuracy", "winner", "payout", "public_models", "challenges")) {
            assertEquals(x(sealedSimulated, column), x(sealedOnChain, column), "sealed " + column);
        }
        for (String column : List.of("gas_submit", "gas_test_reveal")) {
            double sealedRatio = x(sealedSimulated, column) / x(sealedOnChain, column);
            assertTrue(Math.abs(sealedRatio - 1) < 0.10, "sealed " + column + " within 10% of the node's: " + sealedRatio);
        }
    }

    private static RunListener collect(List<RoundMetrics> rows, List<RunEvent> events) {
        return new RunListener() {
            @Override
            public void onRound(RoundMetrics metrics) {
                rows.add(metrics);
            }

            @Override
            public void onEvent(RunEvent event) {
                events.add(event);
            }
        };
    }
}
