package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;
import java.util.SplittableRandom;

/** Sign flipping: the adversary trains honestly, then uploads its change reversed (and scaled): delta -> -scale * delta. */
@Doc("uploads the honest change reversed and scaled: -scale * delta; Damaskinos et al. 2018, Allen-Zhu et al. 2021")
public record SignFlipParams(
        @Doc("fraction of participants that flip signs (the leading ones of the seeded adversary order)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("how much the reversed change is scaled") @Range(min = 0, max = 1e6) Double scale) implements UpdateAttack {

    public SignFlipParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        scale = scale == null ? 1.0 : scale;
    }

    @Override
    public float[] craft(float[] delta, SplittableRandom rng) {
        float[] out = new float[delta.length];
        for (int i = 0; i < delta.length; i++) {
            out[i] = (float) (-scale * delta[i]);
        }
        return out;
    }
}
