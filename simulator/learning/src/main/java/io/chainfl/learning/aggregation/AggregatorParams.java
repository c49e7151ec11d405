package io.chainfl.learning.aggregation;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.Optional;

/**
 * The config section choosing the aggregation rule, selected by its {@code type} key, e.g.
 * {@code aggregator: {type: multi_krum, f: 2, m: 3}}. {@link Aggregators} is the registry: it names each params
 * record, turns it into an {@link Aggregator} and describes them all ({@link Aggregators#catalogue()}). To add a
 * rule: its class with its params record (nested or beside it in the same file) and one registration in
 * {@link Aggregators}; the records below are the rules that predate that layout.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface AggregatorParams {

    /** Samples the rule's server needs held out of the training pool for itself (FLTrust's root data set); none by default. */
    default int serverRootSamples() {
        return 0;
    }

    /**
     * The smallest number of updates per round the rule can aggregate, for rules registered beside their class; the
     * records below state theirs in {@link MinimumUpdates#of}. Empty: any number (at least one) will do.
     */
    default Optional<MinimumUpdates> minimumUpdates() {
        return Optional.empty();
    }

    /** FedAvg has no parameters. */
    record FedAvgParams() implements AggregatorParams {}

    /** The coordinate-wise median has no parameters. */
    record MedianParams() implements AggregatorParams {}

    record TrimmedMeanParams(
            @Doc("fraction of the clients trimmed from each side of every coordinate (floor(beta * n)); used when f is not set")
            @Range(min = 0, max = 0.49) Double beta,
            @Doc("number of values trimmed from each side of every coordinate; overrides beta") @Range(min = 0, max = 1_000_000) Integer f)
            implements AggregatorParams {
        public TrimmedMeanParams {
            if (beta != null && f != null) {
                throw new IllegalArgumentException("trimmed_mean: set either beta or f, not both");
            }
            beta = beta == null && f == null ? Double.valueOf(0.1) : beta;
        }
    }

    record KrumParams(
            @Doc("Byzantine clients tolerated; needs more than 2f + 2 updates") @Range(min = 0, max = 1_000_000) Integer f)
            implements AggregatorParams {
        public KrumParams {
            f = f == null ? 1 : f;
        }
    }

    record MultiKrumParams(
            @Doc("Byzantine clients tolerated; needs more than 2f + 2 updates") @Range(min = 0, max = 1_000_000) Integer f,
            @Doc("updates averaged, the lowest Krum scores; n - f when not set") @Range(min = 1, max = 10_000_000) Integer m)
            implements AggregatorParams {
        public MultiKrumParams {
            f = f == null ? 1 : f;
        }
    }

    record BulyanParams(
            @Doc("Byzantine clients tolerated; needs at least 4f + 3 updates") @Range(min = 0, max = 1_000_000) Integer f)
            implements AggregatorParams {
        public BulyanParams {
            f = f == null ? 1 : f;
        }
    }

    record NormClippingParams(
            @Doc("largest L2 norm an update keeps; longer ones are scaled down to it") @Range(min = 0, max = 1e12, exclusiveMin = true) Double maxNorm)
            implements AggregatorParams {
        public NormClippingParams {
            maxNorm = maxNorm == null ? 1.0 : maxNorm;
        }
    }

    record CenteredClippingParams(
            @Doc("clipping radius around the center") @Range(min = 0, max = 1e12, exclusiveMin = true) Double tau,
            @Doc("clipping iterations per round") @Range(min = 1, max = 1000) Integer iterations)
            implements AggregatorParams {
        public CenteredClippingParams {
            tau = tau == null ? 10.0 : tau;
            iterations = iterations == null ? 1 : iterations;
        }
    }

    /** FLTrust: the server trains on {@code root_samples} clean samples held out of the training pool for it. */
    record FLTrustParams(
            @Doc("size of the server's clean root data set, held out of the training pool (stratified, never the test set) before partitioning")
            @Range(min = 1, max = 10_000_000) Integer rootSamples)
            implements AggregatorParams {
        public FLTrustParams {
            rootSamples = rootSamples == null ? 100 : rootSamples;
        }

        @Override
        public int serverRootSamples() {
            return rootSamples;
        }
    }
}
