package io.chainfl.scenarios.fedavg;

import io.chainfl.agents.async.AsyncParams;
import io.chainfl.learning.aggregation.AggregatorParams;
import io.chainfl.learning.aggregation.Aggregators;
import io.chainfl.learning.aggregation.MinimumUpdates;
import io.chainfl.scenarios.ParticipantSampler;
import io.chainfl.engine.config.ConfigValidator;
import io.chainfl.engine.config.RunConfig;
import java.util.Optional;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.PrivacyMode;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.RoundEnd;
import io.chainfl.engine.config.ServerWork;
import io.chainfl.learning.cost.AggregationCost;
import io.chainfl.engine.config.ScenarioParams;
import io.chainfl.engine.config.LedgerType;
import io.chainfl.agents.adversary.DuplicateDataParams;
import io.chainfl.agents.rewards.RewardsParams;
import io.chainfl.learning.valuation.ShapleyMethods;

public record FedAvgParams(
        @Doc("fraction of participants sampled each round (at least one)") @Range(min = 0, max = 1, exclusiveMin = true) Double sampleFraction,
        @Doc("evaluation batch size for the global model on the test set") @Range(min = 1, max = 1_000_000) Integer evalBatchSize,
        @Doc("aggregation rule, chosen by its type (`chainfl list defenses` names every rule with its parameters)")
        AggregatorParams aggregator,
        @Doc("when a round stops waiting for uploads, in virtual time (needs a devices section): all (the slowest device sets the pace),"
                + " deadline (at deadline_s; late uploads are dropped this round) or first_k (the first k uploads)")
        RoundEnd roundEnd,
        @Doc("with round_end: deadline, seconds from the round's start until the server stops waiting") @Range(min = 0, exclusiveMin = true) Double deadlineS,
        @Doc("with round_end: first_k, how many uploads the round waits for") @Range(min = 1, max = 10_000_000) Integer k,
        @Doc("asynchronous aggregation instead of rounds (needs a devices section): fedasync (each upload mixed in as it arrives) or fedbuff"
                + " (a buffer of updates); absent: synchronous rounds. docs/virtual-time.md") AsyncParams asynchronous,
        @Doc("pay participants by what their updates add, through the RewardPool contract (docs/rewards.md); absent: no rewards")
        RewardsParams rewards)
        implements ScenarioParams {

    public FedAvgParams {
        sampleFraction = sampleFraction == null ? 1.0 : sampleFraction;
        evalBatchSize = evalBatchSize == null ? 512 : evalBatchSize;
        aggregator = aggregator == null ? new AggregatorParams.FedAvgParams() : aggregator;
        roundEnd = roundEnd == null ? RoundEnd.ALL : roundEnd;
        if ((roundEnd == RoundEnd.DEADLINE) != (deadlineS != null)) {
            throw new IllegalArgumentException(roundEnd == RoundEnd.DEADLINE ? "round_end: deadline needs deadline_s (seconds), e.g. deadline_s: 30"
                    : "deadline_s is used only with round_end: deadline; remove it or set round_end: deadline");
        }
        if ((roundEnd == RoundEnd.FIRST_K) != (k != null)) {
            throw new IllegalArgumentException(roundEnd == RoundEnd.FIRST_K ? "round_end: first_k needs k, e.g. k: 5"
                    : "k is used only with round_end: first_k; remove it or set round_end: first_k");
        }
    }

    /** The parameters before round_end existed: every round waits for all uploads. */
    public FedAvgParams(Double sampleFraction, Integer evalBatchSize, AggregatorParams aggregator) {
        this(sampleFraction, evalBatchSize, aggregator, null, null, null, null, null);
    }

    /** Synchronous rounds, no rewards. */
    public FedAvgParams(Double sampleFraction, Integer evalBatchSize, AggregatorParams aggregator, RoundEnd roundEnd, Double deadlineS, Integer k) {
        this(sampleFraction, evalBatchSize, aggregator, roundEnd, deadlineS, k, null, null);
    }

    /**
     * The rule's server data (FLTrust's root data set) and the rewards' validation set are held out of the training pool
     * for the server; both use the same rows, as many as the larger asks for.
     */
    @Override
    public int serverRootSamples() {
        return Math.max(aggregator.serverRootSamples(), rewards == null ? 0 : rewards.validationSamples());
    }

    /** Both: the server's DP-FedAvg (with the fedavg rule, see {@link #check}) and every participant's local DP. */
    @Override
    public java.util.Set<PrivacyMode> privacyModes() {
        return java.util.Set.of(PrivacyMode.CENTRAL, PrivacyMode.LOCAL);
    }

    /** The participants a round samples over all participants: central DP's sampling rate. */
    @Override
    public double participationRate(RunConfig config) {
        return (double) ParticipantSampler.perRound(config.participants(), sampleFraction) / config.participants();
    }

    /**
     * Rules such as Krum or Bulyan need a smallest number of updates per round; with too few participants (after
     * client sampling) the run would stop at the first aggregation, so the config is refused when loaded. A round end
     * other than "all" needs devices to wait for, likewise refused here rather than when the run starts.
     */
    @Override
    public Optional<ConfigValidator.Violation> check(RunConfig config) {
        Optional<ConfigValidator.Violation> rewardsViolation = checkRewards(config);
        if (rewardsViolation.isPresent()) {
            return rewardsViolation;
        }
        if (config.privacy() != null && config.privacy().mode() == PrivacyMode.CENTRAL && !(aggregator instanceof AggregatorParams.FedAvgParams)) {
            return Optional.of(new ConfigValidator.Violation("/privacy/mode", "privacy.mode",
                    "central is DP-FedAvg, calibrated to the sum of the clipped uploads, which only scenario.aggregator fedavg takes;"
                            + " set privacy.mode: local (every participant noises its own upload) to combine DP with a robust aggregator"));
        }
        if (asynchronous != null && rewards != null) {
            return Optional.of(new ConfigValidator.Violation("/scenario/rewards", "scenario.rewards",
                    "rewards value each round's uploads together, which asynchronous aggregation has no rounds for; remove scenario.rewards or scenario.asynchronous"));
        }
        if (asynchronous != null && config.privacy() != null) {
            return Optional.of(new ConfigValidator.Violation("/privacy", "privacy",
                    "differential privacy is not accounted for asynchronous aggregation (no rounds to sample); remove privacy or scenario.asynchronous"));
        }
        if (asynchronous != null) {
            return AsyncChecks.check(this, config);
        }
        if (config.devices() != null && config.devices().serverWork() != ServerWork.NONE && AggregationCost.of(aggregator).isEmpty()) {
            return Optional.of(new ConfigValidator.Violation("/devices/server_work", "devices.server_work",
                    "the server's aggregation cost is counted for " + AggregationCost.countedRules() + " only, not "
                            + Aggregators.types().entrySet().stream().filter(e -> e.getValue() == aggregator.getClass()).map(java.util.Map.Entry::getKey)
                            .findFirst().orElse(aggregator.getClass().getSimpleName()) + "; set devices.server_work: none or one of those aggregators"));
        }
        if (roundEnd != RoundEnd.ALL && config.devices() == null) {
            return Optional.of(new ConfigValidator.Violation("/scenario/round_end", "scenario.round_end",
                    roundEnd.name().toLowerCase(java.util.Locale.ROOT) + " needs the participants' devices; add a devices section (docs/virtual-time.md) or remove round_end"));
        }
        Optional<MinimumUpdates> needed = MinimumUpdates.of(aggregator);
        int perRound = ParticipantSampler.perRound(config.participants(), sampleFraction);
        if (needed.isEmpty() || perRound >= needed.get().minimum()) {
            return Optional.empty();
        }
        String name = Aggregators.types().entrySet().stream().filter(e -> e.getValue() == aggregator.getClass())
                .map(java.util.Map.Entry::getKey).findFirst().orElse(aggregator.getClass().getSimpleName());
        long smallest = ParticipantSampler.smallestParticipantsFor(needed.get().minimum(), sampleFraction);
        String sampled = sampleFraction < 1 ? " (scenario.sample_fraction " + sampleFraction + " samples " + perRound + " of "
                + config.participants() + " per round)" : "";
        return Optional.of(new ConfigValidator.Violation("/scenario/aggregator", "scenario.aggregator",
                name + " needs " + needed.get().minimum() + " updates per round (" + needed.get().rule() + "), got " + perRound + sampled
                        + "; set participants to at least " + smallest + (sampleFraction < 1 ? " at this sample_fraction" : "")
                        + " or lower scenario.aggregator's " + needed.get().knobs()));
    }

    /**
     * Rewards are paid by a contract, so they need a ledger; exact Shapley and the comparison evaluate every coalition of a
     * round's uploads, so they are refused past 20 uploads per round; a copied participant must exist.
     */
    private Optional<ConfigValidator.Violation> checkRewards(RunConfig config) {
        for (int i = 0; i < config.adversaries().size(); i++) {
            if (config.adversaries().get(i) instanceof DuplicateDataParams d && d.source() >= config.participants()) {
                return Optional.of(new ConfigValidator.Violation("/adversaries/" + i + "/source", "adversaries[" + i + "].source",
                        "participant " + d.source() + " does not exist (participants: " + config.participants() + "); name one below " + config.participants()));
            }
        }
        if (rewards == null) {
            return Optional.empty();
        }
        if (config.ledger().type() == LedgerType.NONE) {
            return Optional.of(new ConfigValidator.Violation("/scenario/rewards", "scenario.rewards",
                    "rewards are paid by the RewardPool contract, which ledger.type: none does not have; set ledger.type to simulated or ethereum"));
        }
        int perRound = ParticipantSampler.perRound(config.participants(), sampleFraction);
        boolean everyCoalition = rewards.compare() || rewards.method() == RewardsParams.Method.EXACT;
        int most = everyCoalition ? ShapleyMethods.MAX_EXACT_PLAYERS : ShapleyMethods.MAX_PLAYERS;
        if (perRound > most) {
            return Optional.of(new ConfigValidator.Violation("/scenario/rewards", "scenario.rewards",
                    (everyCoalition ? "exact Shapley (method: exact or compare: true)" : "valuation") + " handles at most " + most
                            + " uploads per round, got " + perRound + "; lower participants or scenario.sample_fraction"
                            + (everyCoalition ? ", or use method: gtg without compare" : "")));
        }
        return Optional.empty();
    }
}
