package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gaussian attack: the upload is replaced by noise N(0, std^2) per coordinate. Unlike a noise free-rider the
 * adversary still trains (it looks busy in timing and loss) and the noise is meant to be large.
 */
@Doc("replaces the upload by Gaussian noise N(0, std^2); Blanchard et al. 2017")
public record GaussianParams(
        @Doc("fraction of participants that upload noise") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("standard deviation of every coordinate of the upload") @Range(min = 0, max = 1e6) Double std) implements UpdateAttack {

    public GaussianParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        std = std == null ? 1.0 : std;
    }

    @Override
    public float[] craft(float[] delta, SplittableRandom rng) {
        float[] out = new float[delta.length];
        for (int i = 0; i < delta.length; i++) {
            out[i] = (float) (rng.nextGaussian() * std);
        }
        return out;
    }
}
