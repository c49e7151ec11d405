package io.chainfl.agents.adversary;

import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * Dishonest evaluation: the colluders score every member of the coalition (all adversarial participants)
 * as perfect and every honest participant as worthless, so their ballots rank each other first.
 */
@Doc("dishonest evaluation: scores fellow colluders 1 and honest participants 0; Zhang et al. 2020")
public record DishonestVoteParams(
        @Doc("fraction of participants that vote dishonestly (the leading ones of the seeded adversary order)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they vote dishonestly") @Range(min = 1) Integer startRound) implements AdversaryParams {

    public DishonestVoteParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 5 : startRound;
    }
}
