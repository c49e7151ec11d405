package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * Proof-of-Learning validators in collusion with one trainer: whenever the seeded draw seats them on a task's
 * committee they evaluate as everyone does, then rank the chosen trainer first whatever its quality and, with
 * {@code bury}, the others in reverse order of their quality (the strongest rival last), the ranking that does Borda's
 * count the most harm. Who colludes is a set of validators, not of participants; only the pol scenario reads it.
 */
@Doc("Proof-of-Learning: validators that rank a chosen trainer first whatever its quality; Bravo-Marquez, Reeves & Ugarte 2019")
public record PolColludingValidatorsParams(
        @Doc("fraction of the validator pool that colludes (the lowest validator ids)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit validator ids instead of a fraction") List<Integer> ids,
        @Doc("the trainer they favour (-1: the last trainer)") @Range(min = -1) Integer target,
        @Doc("rank the other submissions worst-first, burying the strongest rival") Boolean bury) implements ProtocolRole {

    public PolColludingValidatorsParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        target = target == null ? -1 : target;
        bury = bury == null ? Boolean.TRUE : bury;
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
