package io.chainfl.agents.async;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;

/**
 * {@code scenario.asynchronous} of fedavg: the server applies updates as they arrive in virtual time instead of in
 * rounds (docs/virtual-time.md, "Asynchronous aggregation"). Absent, rounds are synchronous. Both rules keep
 * {@code concurrency} participants training at once and evaluate the model every {@code eval_every} server versions;
 * the run ends after {@code rounds} evaluations.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(name = "fedasync", value = AsyncParams.FedAsync.class),
        @JsonSubTypes.Type(name = "fedbuff", value = AsyncParams.FedBuff.class)})
public interface AsyncParams {

    /** Participants training at once; null: every participant. */
    Integer concurrency();

    /** Server model versions between two evaluations (rows of metrics.csv). */
    Integer evalEvery();

    /** When a new version can be downloaded: at once, or when the block holding it is sealed. */
    Publish publish();

    /** {@code publish}: whether the chain is on the asynchronous path (docs/virtual-time.md). */
    enum Publish {
        /** A version is downloadable as soon as the server makes it; the server does not wait for blocks. */
        @com.fasterxml.jackson.annotation.JsonProperty("immediate") IMMEDIATE,
        /** A version is downloadable once the block holding its hash is sealed (the consensus model's block times). */
        @com.fasterxml.jackson.annotation.JsonProperty("on_block") ON_BLOCK
    }

    /** The rule's name as the config spells it. */
    String typeName();

    /**
     * FedAsync (Xie, Koyejo, Gupta 2019): each arriving update is mixed into the model at once,
     * x = (1 - alpha_t) x + alpha_t x_new, alpha_t = alpha * s(staleness); every update makes a new version.
     */
    record FedAsync(
            @Doc("mixing weight alpha of a fresh update (the paper's experiments use 0.4 to 0.9)") @Range(min = 0, max = 1, exclusiveMin = true) Double alpha,
            @Doc("how alpha shrinks with staleness: constant, polynomial (a) or hinge (a, b)") StalenessParams staleness,
            @Doc("participants training at once (each restarts on the current model when its upload is in); every participant when not set")
            @Range(min = 1, max = 10_000_000) Integer concurrency,
            @Doc("when a new model version can be downloaded: immediate (default, as soon as it is made) or on_block (once the block holding its hash is"
                    + " sealed, at the consensus model's block times; a participant that finishes waits for it)") Publish publish,
            @Doc("server model versions between two evaluations (rows of metrics.csv)") @Range(min = 1, max = 10_000_000) Integer evalEvery)
            implements AsyncParams {
        public FedAsync {
            alpha = alpha == null ? 0.6 : alpha;
            staleness = staleness == null ? new StalenessParams.Polynomial(0.5) : staleness;
            evalEvery = evalEvery == null ? 1 : evalEvery;
            publish = publish == null ? Publish.IMMEDIATE : publish;
        }

        @Override
        public String typeName() {
            return "fedasync";
        }
    }

    /**
     * FedBuff (Nguyen et al., AISTATS 2022): updates wait in a buffer; when it holds {@code buffer} of them the server
     * applies x = x + server_lr * aggregate(buffer), each update first scaled by 1 / sqrt(1 + staleness) when
     * {@code staleness_weighted}. Every full buffer makes a new version.
     */
    record FedBuff(
            @Doc("updates per server step (the paper's K)") @Range(min = 1, max = 10_000_000) Integer buffer,
            @Doc("server learning rate applied to the buffer's aggregate") @Range(min = 0, max = 1000, exclusiveMin = true) Double serverLr,
            @Doc("scale each update by 1 / sqrt(1 + staleness) before aggregating (the paper's choice)") Boolean stalenessWeighted,
            @Doc("participants training at once (the paper's concurrency); every participant when not set") @Range(min = 1, max = 10_000_000) Integer concurrency,
            @Doc("when a new model version can be downloaded: immediate (default, as soon as it is made) or on_block (once the block holding its hash is"
                    + " sealed, at the consensus model's block times; a participant that finishes waits for it)") Publish publish,
            @Doc("server model versions between two evaluations (rows of metrics.csv)") @Range(min = 1, max = 10_000_000) Integer evalEvery)
            implements AsyncParams {
        public FedBuff {
            buffer = buffer == null ? 10 : buffer;
            serverLr = serverLr == null ? 1.0 : serverLr;
            stalenessWeighted = stalenessWeighted == null ? Boolean.TRUE : stalenessWeighted;
            evalEvery = evalEvery == null ? 1 : evalEvery;
            publish = publish == null ? Publish.IMMEDIATE : publish;
        }

        @Override
        public String typeName() {
            return "fedbuff";
        }

        /** FedBuff's staleness scaling, 1 / sqrt(1 + staleness). */
        public static double stalenessScale(long staleness) {
            return 1.0 / StrictMath.sqrt(1.0 + staleness);
        }
    }
}
