package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Scaling (model replacement): the adversary boosts its change by {@code factor} so that it survives
 * averaging with n - 1 others; with factor = n it replaces the global model by its own. Combined with
 * label_flip or backdoor on the same participants it boosts the poisoned change.
 */
@Doc("boosts the upload: delta * factor (model replacement); Bagdasaryan et al. 2020, Bhagoji et al. 2019")
public record ScalingParams(
        @Doc("fraction of participants that scale their upload") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("boost factor of the upload (negative values also reverse it)") @Range(min = -1e6, max = 1e6) Double factor)
        implements UpdateAttack {

    public ScalingParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        factor = factor == null ? 10.0 : factor;
    }

    @Override
    public float[] craft(float[] delta, SplittableRandom rng) {
        float[] out = new float[delta.length];
        for (int i = 0; i < delta.length; i++) {
            out[i] = (float) (factor * delta[i]);
        }
        return out;
    }
}
