package io.chainfl.scenarios.learningchain;

import io.chainfl.engine.config.ConfigValidator;
import io.chainfl.engine.config.ConsensusType;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.LedgerType;
import io.chainfl.engine.config.PrivacyMode;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.ScenarioParams;
import io.chainfl.learning.aggregation.AggregatorParams;
import io.chainfl.learning.aggregation.Aggregators;
import io.chainfl.learning.aggregation.LNearestGradients;
import io.chainfl.learning.aggregation.MinimumUpdates;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The {@code scenario:} section of {@code type: learningchain} (docs/learningchain.md). */
public record LearningChainParams(
        @Doc("relative hash power of each computing node racing to mine a round's block; the winner aggregates (default: four equal nodes)")
        @Range(min = 0, max = 1e12, exclusiveMin = true) List<Double> hashPower,
        @Doc("the winning node's aggregation rule, any aggregator section; default l_nearest (LearningChain's l-nearest gradients, l = 3)")
        AggregatorParams aggregator,
        @Doc("evaluation batch size for the global model on the test set") @Range(min = 1, max = 1_000_000) Integer evalBatchSize)
        implements ScenarioParams {

    public LearningChainParams {
        hashPower = hashPower == null ? List.of(1.0, 1.0, 1.0, 1.0) : List.copyOf(hashPower);
        aggregator = aggregator == null ? new LNearestGradients.Params(null) : aggregator;
        evalBatchSize = evalBatchSize == null ? 512 : evalBatchSize;
    }

    /** Data holders noise their own gradients (the paper's local gradient computation with noise); there is no central server to trust. */
    @Override
    public Set<PrivacyMode> privacyModes() {
        return Set.of(PrivacyMode.LOCAL);
    }

    /**
     * The race is proof of work on the simulated chain, so the ledger must be that chain with PoW block times, and needs a
     * node to mine; the rule
     * needs its smallest number of gradients from the data holders, who all send one every round.
     */
    @Override
    public Optional<ConfigValidator.Violation> check(RunConfig config) {
        if (config.ledger().type() != LedgerType.SIMULATED || config.ledger().simulated().consensus().type() != ConsensusType.POW) {
            return Optional.of(new ConfigValidator.Violation("/ledger", "ledger",
                    "learningchain's computing nodes race in proof of work on the simulated chain; set ledger: {type: simulated, simulated: {consensus: {type: pow}}}"));
        }
        if (hashPower.isEmpty()) {
            return Optional.of(new ConfigValidator.Violation("/scenario/hash_power", "scenario.hash_power",
                    "at least one computing node must mine; give one hash power per node, e.g. [4, 3, 2, 1]"));
        }
        Optional<MinimumUpdates> needed = MinimumUpdates.of(aggregator);
        if (needed.isPresent() && config.participants() < needed.get().minimum()) {
            return Optional.of(new ConfigValidator.Violation("/scenario/aggregator", "scenario.aggregator",
                    Aggregators.nameOf(aggregator.getClass()) + " needs " + needed.get().minimum() + " gradients per round (" + needed.get().rule()
                            + "), got " + config.participants() + " data holders; set participants to at least " + needed.get().minimum()
                            + " or lower scenario.aggregator's " + needed.get().knobs()));
        }
        return Optional.empty();
    }
}
