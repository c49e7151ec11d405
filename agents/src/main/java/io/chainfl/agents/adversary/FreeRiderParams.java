package io.chainfl.agents.adversary;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Free-riders skip local training and upload something that looks like an update: Gaussian noise, their
 * previous upload again (stale), or zeros.
 */
@Doc("skips training and uploads noise, a stale update or zeros; Lin et al. 2019")
public record FreeRiderParams(
        @Doc("fraction of participants that free-ride") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they free-ride") @Range(min = 1) Integer startRound,
        @Doc("noise, stale or zero") Mode mode,
        @Doc("standard deviation of the noise upload") @Range(min = 0) Double noiseStd) implements Adversary, Conduct.FreeRide {

    public enum Mode {
        @JsonProperty("noise") NOISE,
        @JsonProperty("stale") STALE,
        @JsonProperty("zero") ZERO
    }

    public FreeRiderParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        mode = mode == null ? Mode.NOISE : mode;
        noiseStd = noiseStd == null ? 0.01 : noiseStd;
    }

    @Override
    public void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        members.forEach(id -> plan.freeRide(id, this));
    }

    @Override
    public float[] fakeUpload(int length, float[] previousUpload, SplittableRandom rng) {
        float[] fake = new float[length];
        switch (mode) {
            case NOISE -> {
                for (int i = 0; i < length; i++) {
                    fake[i] = (float) (rng.nextGaussian() * noiseStd);
                }
            }
            case STALE -> {
                if (previousUpload != null) {
                    System.arraycopy(previousUpload, 0, fake, 0, length);
                }
            }
            case ZERO -> { }
        }
        return fake;
    }
}
