package io.chainfl.scenarios.sum;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/** The incentive mechanism and every constant of its formulas; only the section named by {@code type} is used. */
public record IncentiveParams(
        @Doc("deposit (deposit, refund and take), prediction_market (rewards from a bounty) or gamification (points, badges)") Type type,
        @Doc("deposit/refund/take constants") Deposit deposit,
        @Doc("prediction market constants") Market market,
        @Doc("gamification constants") Gamification gamification) {

    public enum Type {
        @JsonProperty("deposit") DEPOSIT,
        @JsonProperty("prediction_market") PREDICTION_MARKET,
        @JsonProperty("gamification") GAMIFICATION
    }

    public IncentiveParams {
        type = type == null ? Type.DEPOSIT : type;
        deposit = deposit == null ? new Deposit(null, null, null, null) : deposit;
        market = market == null ? new Market(null, null, null, null, null, null, null, null, null) : market;
        gamification = gamification == null ? new Gamification(null, null) : gamification;
    }

    static IncentiveParams defaults() {
        return new IncentiveParams(null, null, null, null);
    }

    /** Reference: cost = max(1, floor(60 / floor(sqrt(dt_s)))), refund after 1 day, anyone may take after 9 days. */
    public record Deposit(
            @Doc("numerator of the deposit formula max(min_cost, floor(cost_numerator / floor(sqrt(seconds since the last update))))") @Range(min = 0) Double costNumerator,
            @Doc("smallest deposit") @Range(min = 0) Long minCost,
            @Doc("hours before a contributor may get its deposit back (if the model agrees with its label) and good-data holders may take it") @Range(min = 0) Double refundWaitHours,
            @Doc("hours after which anyone may take what is left of a deposit") @Range(min = 0) Double anyoneTakeWaitHours) {
        public Deposit {
            costNumerator = costNumerator == null ? 60.0 : costNumerator;
            minCost = minCost == null ? 1L : minCost;
            refundWaitHours = refundWaitHours == null ? 24.0 : refundWaitHours;
            anyoneTakeWaitHours = anyoneTakeWaitHours == null ? 9 * 24.0 : anyoneTakeWaitHours;
        }
    }

    /** Commitment, participation, reveal, reward: score = L(h_{t-1}, D) - L(h_t, D), balances from 1, drop-outs. */
    public record Market(
            @Doc("account that provides the bounty and the test set") String provider,
            @Doc("bounty deposited by the provider") @Range(min = 0) Long bounty,
            @Doc("provider's starting balance (at least the bounty)") @Range(min = 0) Long providerBalance,
            @Doc("stake each contributor deposits when it first adds data") @Range(min = 1) Long stake,
            @Doc("samples of the held-out split the provider commits to (the rest measures accuracy)") @Range(min = 1) Integer testSetSize,
            @Doc("pieces the test set is committed in (one hash each on the bulletin board)") @Range(min = 1, max = 1000) Integer testPieces,
            @Doc("a contributor's balance (in stakes) moves by score x score_scale per contribution; loss: expected error 1 - p(y|x) on the test set (0-1 error for the perceptron)") @Range(min = 0, exclusiveMin = true) Double scoreScale,
            @Doc("drop-out rule: below_1, below_1_1 (below 1.1) or second_below_1 (the second time below 1)") DropRule dropRule,
            @Doc("reward passes at most (each pass replays the remaining contributions and drops who falls under the rule)") @Range(min = 1, max = 100) Integer maxPasses) {

        public enum DropRule {
            @JsonProperty("below_1") BELOW_1,
            @JsonProperty("below_1_1") BELOW_1_1,
            @JsonProperty("second_below_1") SECOND_BELOW_1
        }

        public Market {
            provider = provider == null ? "bounty-provider" : provider;
            bounty = bounty == null ? 5_000L : bounty;
            providerBalance = providerBalance == null ? 10_000L : providerBalance;
            stake = stake == null ? 1_000L : stake;
            testSetSize = testSetSize == null ? 500 : testSetSize;
            testPieces = testPieces == null ? 5 : testPieces;
            scoreScale = scoreScale == null ? 10.0 : scoreScale;
            dropRule = dropRule == null ? DropRule.BELOW_1 : dropRule;
            maxPasses = maxPasses == null ? 10 : maxPasses;
        }
    }

    /** Points for data the model later agrees with; badges at point thresholds. No money moves. */
    public record Gamification(
            @Doc("hours after a contribution when the model is asked whether it agrees with the label") @Range(min = 0) Double checkAfterHours,
            @Doc("points at which a badge is awarded (a run event)") @Range(min = 1) List<Long> badgeThresholds) {
        public Gamification {
            checkAfterHours = checkAfterHours == null ? 24.0 : checkAfterHours;
            badgeThresholds = badgeThresholds == null ? List.of(10L, 100L, 1000L) : List.copyOf(badgeThresholds);
        }
    }
}
