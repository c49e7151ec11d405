package io.chainfl.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import java.util.ArrayList;
import io.chainfl.ledger.ethereum.HardhatNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SUM's studied behaviour on the real digits (even vs odd): deposit/refund/take bankrupts the bad agent and
 * pays the good one while the model holds its accuracy and money is conserved; the prediction market pays good
 * contributors from the bounty and drops bad ones; and runs are reproducible.
 */
class SumScenarioTest {

    private static double extra(RoundMetrics m, String column) {
        return m.extra().get(column);
    }

    private static RoundMetrics last(List<RoundMetrics> rounds) {
        return rounds.get(rounds.size() - 1);
    }

    @Test
    void depositRefundTakeBankruptsTheBadAgentAndKeepsAccuracy() {
        List<RoundMetrics> rounds = ScenarioRunner.run(ScenarioRunner.load("sum-deposit.yaml", "scenario.audit_every_step=true"));
        assertEquals(161, rounds.size(), "day 0 and 160 days");
        RoundMetrics end = last(rounds);
        assertTrue(extra(end, "balance_pct_bad") < 10, "bad agent ends at " + extra(end, "balance_pct_bad") + "% of its start");
        assertTrue(extra(end, "balance_pct_good") > 100, "good agent ends at " + extra(end, "balance_pct_good") + "%");
        double initial = rounds.get(0).accuracy();
        for (RoundMetrics m : rounds) {
            assertTrue(Math.abs(m.accuracy() - initial) <= 0.02, "day " + m.round() + " accuracy " + m.accuracy() + " vs initial " + initial);
            assertEquals(20_000.0, extra(m, "total_money"), "balances + escrow on day " + m.round());
        }
        assertTrue(extra(end, "takes") > 0 && extra(end, "refunds") > 0);
    }

    @Test
    void predictionMarketPaysGoodContributorsAndDropsBadOnes() {
        List<RoundMetrics> rounds = new ArrayList<>();
        List<RunEvent> events = new ArrayList<>();
        RunConfig config = ScenarioRunner.load("sum-prediction-market.yaml", "scenario.audit_every_step=true");
        ScenarioRunner.run(config, new RunListener() {
            @Override
            public void onRound(RoundMetrics metrics) {
                rounds.add(metrics);
            }

            @Override
            public void onEvent(RunEvent event) {
                events.add(event);
            }
        });
        RoundMetrics end = last(rounds);
        long lostOrWon = 0;
        for (String good : List.of("good-1", "good-2", "good-3")) {
            assertTrue(extra(end, "balance_pct_" + good) > 100, good + " ends at " + extra(end, "balance_pct_" + good) + "%, above its stake");
            assertTrue(events.stream().noneMatch(e -> e.kind().equals("dropped") && e.subject().equals(good)), good + " is not dropped");
        }
        for (String bad : List.of("bad-1", "bad-2")) {
            assertTrue(extra(end, "balance_pct_" + bad) <= 100, bad + " ends at " + extra(end, "balance_pct_" + bad) + "%");
            assertTrue(events.stream().anyMatch(e -> e.kind().equals("dropped") && e.subject().equals(bad)), bad + " is dropped");
        }
        for (String agent : List.of("good-1", "good-2", "good-3", "bad-1", "bad-2")) {
            lostOrWon += Math.round(100 * (100 - extra(end, "balance_pct_" + agent)));
        }
        // the provider's account balances: it started with 10,000, paid the gains and collected the losses
        assertEquals(10_000 + lostOrWon, Math.round(100 * extra(end, "balance_pct_bounty-provider")));
        assertEquals(0.0, extra(end, "escrow"));
        assertEquals(60_000.0, extra(end, "total_money"));
    }

    @Test
    void gamificationAwardsPointsForAgreedData() {
        RoundMetrics end = last(ScenarioRunner.run(ScenarioRunner.load("sum-gamification.yaml", "scenario.days=4")));
        assertTrue(extra(end, "points_good-1") > 2 * extra(end, "points_bad"), "good " + extra(end, "points_good-1") + " vs bad " + extra(end, "points_bad"));
        assertTrue(extra(end, "badges") >= 2);
    }

    @Test
    void sameSeedSameRunWhateverTheThreadCount() {
        List<RoundMetrics> one = ScenarioRunner.run(ScenarioRunner.load("sum-deposit.yaml", "scenario.days=4", "runtime.threads=1"));
        List<RoundMetrics> two = ScenarioRunner.run(ScenarioRunner.load("sum-deposit.yaml", "scenario.days=4", "runtime.threads=2"));
        assertEquals(one, two);
    }

    @Test
    void ethereumBackendGivesTheSameBalances() {
        List<RoundMetrics> simulated = ScenarioRunner.run(ScenarioRunner.load("sum-deposit.yaml", "scenario.days=3"));
        List<RoundMetrics> onChain;
        try (HardhatNode node = HardhatNode.start(0)) {
            onChain = ScenarioRunner.run(ScenarioRunner.load("sum-deposit.yaml", "scenario.days=3",
                    "ledger={type: ethereum, ethereum: {rpc_url: '" + node.url() + "'}}"));
        }
        assertEquals(simulated.size(), onChain.size());
        for (int i = 0; i < simulated.size(); i++) {
            for (String column : List.of("balance_pct_good", "balance_pct_bad", "deposits", "refunds", "takes", "escrow", "total_money")) {
                assertEquals(extra(simulated.get(i), column), extra(onChain.get(i), column), column + " on day " + i);
            }
        }
    }
}
