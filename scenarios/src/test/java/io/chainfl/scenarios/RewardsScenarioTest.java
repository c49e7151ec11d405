package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.ParticipantMetrics;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.Ledgers;
import io.chainfl.ledger.RewardPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * fedavg with contribution rewards (configs/rewards-adversaries.yaml, shortened to 3 rounds of 4 participants): the
 * payout column is what the RewardPool contract paid (balances on the chain), money is conserved, the run is the same
 * on one or two threads, and the comparison reports every method's agreement and cost.
 */
class RewardsScenarioTest {
    private static final String[] SMALL = {"rounds=3", "participants=4", "scenario.rewards.validation_samples=200", "scenario.rewards.permutations=4",
        "variants=[]", "data.limit=3000"};

    private record Outcome(List<RoundMetrics> rounds, List<ParticipantMetrics> participants, Map<String, Long> balances, long held) {}

    private static Outcome run(String... overrides) {
        List<String> all = new ArrayList<>(List.of(SMALL));
        all.addAll(List.of(overrides));
        RunConfig config = ScenarioRunner.load("rewards-adversaries.yaml", all.toArray(String[]::new));
        RunInputs inputs = RunInputs.of(config);
        SeedStreams seeds = inputs.seeds();
        List<RoundMetrics> rounds = new ArrayList<>();
        List<ParticipantMetrics> participants = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void onRound(RoundMetrics m) {
                rounds.add(m);
            }

            @Override
            public void onParticipant(ParticipantMetrics m) {
                participants.add(m);
            }
        };
        try (Ledger ledger = Ledgers.create(config.ledger(), seeds)) {
            ScenarioRegistry.forParams(config.scenario()).runUnchecked(new ScenarioContext(config, inputs.data(), seeds, ledger, listener), config.scenario());
            assertTrue(ledger.verifyChain());
            RewardPool pool = ledger.rewardPool();
            Map<String, Long> balances = new TreeMap<>();
            for (int id = 0; id < config.participants(); id++) {
                balances.put("participant-" + id, pool.balanceOf("participant-" + id));
            }
            balances.put("task-owner", pool.balanceOf("task-owner"));
            return new Outcome(rounds, participants, balances, pool.held());
        }
    }

    private static Map<String, Long> paidByColumn(List<ParticipantMetrics> rows) {
        Map<String, Long> paid = new TreeMap<>();
        for (ParticipantMetrics p : rows) {
            paid.merge("participant-" + p.participant(), Math.round(p.extra().get("payout")), Long::sum);
        }
        return paid;
    }

    @Test
    void everyRoundPaysWhatTheColumnSaysAndTheRestReturnsToTheOwner() {
        Outcome o = run("scenario.rewards.payout=round");
        assertEquals(3, o.rounds().size());
        Map<String, Long> paid = paidByColumn(o.participants());
        long total = 0;
        for (Map.Entry<String, Long> e : paid.entrySet()) {
            assertEquals(e.getValue(), o.balances().get(e.getKey()), e.getKey() + ": the column is what the contract paid");
            total += e.getValue();
        }
        double paidMetric = o.rounds().stream().mapToDouble(m -> m.extra().get("rewards_paid")).sum();
        assertEquals(total, paidMetric, 0.0);
        assertTrue(total > 0 && total <= 1_000_000, "paid " + total);
        assertEquals(1_000_000 - total, o.balances().get("task-owner"), "money conserved: the owner gets back what was not paid");
        assertEquals(0, o.held(), "the pool is closed after the last round");
        for (ParticipantMetrics p : o.participants()) {
            assertTrue(p.extra().containsKey("value"), "every uploader is valued");
        }
    }

    @Test
    void paidAtTheEndAndTheSameOnOneOrTwoThreads() {
        Outcome one = run("runtime.threads=1");
        Outcome two = run("runtime.threads=2");
        assertEquals(one.rounds(), two.rounds());
        assertEquals(one.participants(), two.participants());
        assertEquals(one.balances(), two.balances());
        assertEquals(0.0, one.rounds().get(0).extra().get("rewards_paid"), "payout: end pays nothing before the last round");
        long total = paidByColumn(one.participants()).values().stream().mapToLong(Long::longValue).sum();
        assertTrue(total >= 999_990, "the whole pot is paid after the last round but floor division's remainder: " + total);
        assertEquals(1_000_000 - total, one.balances().get("task-owner"));
    }

    @Test
    void theComparisonReportsEveryMethodsAgreementAndCost() {
        Outcome o = run("scenario.rewards.compare=true");
        RoundMetrics last = o.rounds().get(2);
        assertEquals(16.0, last.extra().get("evaluations_exact"), "exact Shapley evaluates all 2^4 coalitions");
        assertEquals(5.0, last.extra().get("evaluations_leave_one_out"), "leave-one-out: the full set and 4 without one");
        for (String m : List.of("gtg", "monte_carlo", "leave_one_out")) {
            double rho = last.extra().get("spearman_" + m);
            assertTrue(Double.isNaN(rho) || (rho >= -1 && rho <= 1), m + ": " + rho);
        }
    }
}
