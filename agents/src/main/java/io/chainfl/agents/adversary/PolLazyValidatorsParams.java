package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * Proof-of-Learning validators that collect their fee without evaluating: {@code random} posts a seeded random
 * ranking, {@code copy} posts the ranking the first committee member already put on chain (a random one when it ranks
 * first). Who is lazy is a set of validators, not of participants; only the pol scenario reads it.
 */
@Doc("Proof-of-Learning: validators that rank without evaluating (random or copying an earlier ranking); Bravo-Marquez, Reeves & Ugarte 2019")
public record PolLazyValidatorsParams(
        @Doc("fraction of the validator pool that is lazy (the highest validator ids)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit validator ids instead of a fraction") List<Integer> ids,
        @Doc("random: a seeded random permutation; copy: the first ranking already on chain for the task") Mode mode) implements ProtocolRole {

    /** How a lazy validator makes up its ranking. */
    public enum Mode {
        @com.fasterxml.jackson.annotation.JsonProperty("random") RANDOM,
        @com.fasterxml.jackson.annotation.JsonProperty("copy") COPY
    }

    public PolLazyValidatorsParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        mode = mode == null ? Mode.RANDOM : mode;
    }

    @Override
    public Integer startRound() {
        return 1;
    }

    /** Its ids and fraction name validators of the pool (PolRun checks them against scenario.validator_pool). */
    @Override
    public boolean countsParticipants() {
        return false;
    }
}
