package io.chainfl.agents.adversary;

import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * Fake labels (label flipping): the adversaries train on their own data with wrong labels. Untargeted, every
 * label y becomes {@code classes - 1 - y}; targeted ({@code source} and {@code target} set), only source
 * becomes target. The adversary needs nothing but its own data.
 */
@Doc("trains on fake labels (untargeted y -> classes-1-y, or source -> target); Zhang et al. 2020, Tolpegin et al. 2020")
public record LabelFlipParams(
        @Doc("fraction of participants that flip labels (the leading ones of the seeded adversary order)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they flip") @Range(min = 1) Integer startRound,
        @Doc("targeted flipping: the class to relabel (-1: untargeted)") @Range(min = -1) Integer source,
        @Doc("targeted flipping: the label it gets") @Range(min = -1) Integer target) implements AdversaryParams {

    public LabelFlipParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 5 : startRound;
        source = source == null ? -1 : source;
        target = target == null ? -1 : target;
    }
}
