package io.chainfl.agents.rewards;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * {@code scenario.rewards}: pay participants by what their updates add (docs/rewards.md). Each round the server values
 * every upload on its validation set by {@link #method}, posts the values as shares to the RewardPool contract, and
 * the contract pays the round's part of the {@link #budget} in proportion.
 */
public record RewardsParams(
        @Doc("how each round's uploads are valued: gtg (GTG-Shapley, Liu et al. 2022), monte_carlo (truncated Monte Carlo Shapley,"
                + " Ghorbani & Zou 2019), leave_one_out, or exact (Shapley, 2^n evaluations)") Method method,
        @Doc("the reward the task owner escrows, in ledger currency; each round pays budget / rounds") @Range(min = 1, max = 1e15) Long budget,
        @Doc("rows of the training pool held out as the server's validation set, on which uploads are valued (shared with a"
                + " root-data rule such as FLTrust)") @Range(min = 1, max = 10_000_000) Integer validationSamples,
        @Doc("monte_carlo and gtg: permutations sampled per round") @Range(min = 1, max = 1_000_000) Integer permutations,
        @Doc("monte_carlo and gtg: within-round truncation; a permutation stops evaluating once its prefix is this close to the"
                + " full round's accuracy") @Range(min = 0, max = 1) Double truncation,
        @Doc("gtg: between-round truncation; a round whose global accuracy changed by at most this is valued 0 for everyone")
        @Range(min = 0, max = 1) Double roundTruncation,
        @Doc("also value every round by all four methods and report each one's Spearman rank agreement with exact Shapley and its"
                + " cost (needs at most 20 uploads per round)") Boolean compare,
        @Doc("model price (DInEMMo's pricing engine): the price of a perfect model") @Range(min = 0, max = 1e15) Double priceBase,
        @Doc("model price: weight of accuracy") @Range(min = 0, max = 1e6) Double priceAccuracyWeight,
        @Doc("model price: weight of macro precision") @Range(min = 0, max = 1e6) Double pricePrecisionWeight,
        @Doc("model price: weight of macro recall") @Range(min = 0, max = 1e6) Double priceRecallWeight,
        @Doc("when the pool pays: end (once, after the last round, in proportion to each participant's values summed over the rounds,"
                + " clipped at 0) or round (every round, budget / rounds in proportion to that round's positive values)") Payout payout,
        @Doc("participants whose share of everything paid so far metrics.csv reports (watched_share, watched_value): e.g. the"
                + " free riders, or a sybil group") List<Integer> watch) {

    public enum Method {
        @JsonProperty("gtg") GTG,
        @JsonProperty("monte_carlo") MONTE_CARLO,
        @JsonProperty("leave_one_out") LEAVE_ONE_OUT,
        @JsonProperty("exact") EXACT;

        /** The config's spelling (column names, timing phases). */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Payout {
        @JsonProperty("end") END,
        @JsonProperty("round") ROUND
    }

    public RewardsParams {
        payout = payout == null ? Payout.END : payout;
        method = method == null ? Method.GTG : method;
        budget = budget == null ? 1_000_000L : budget;
        validationSamples = validationSamples == null ? 500 : validationSamples;
        permutations = permutations == null ? 20 : permutations;
        truncation = truncation == null ? 0.002 : truncation;
        roundTruncation = roundTruncation == null ? 0.001 : roundTruncation;
        compare = compare == null ? Boolean.FALSE : compare;
        watch = watch == null ? List.of() : List.copyOf(new java.util.TreeSet<>(watch));
        priceBase = priceBase == null ? 1000.0 : priceBase;
        priceAccuracyWeight = priceAccuracyWeight == null ? 1.0 : priceAccuracyWeight;
        pricePrecisionWeight = pricePrecisionWeight == null ? 1.0 : pricePrecisionWeight;
        priceRecallWeight = priceRecallWeight == null ? 1.0 : priceRecallWeight;
        if (priceAccuracyWeight + pricePrecisionWeight + priceRecallWeight <= 0) {
            throw new IllegalArgumentException("price_accuracy_weight, price_precision_weight and price_recall_weight: at least one above 0");
        }
    }
}
