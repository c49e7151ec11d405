package io.chainfl.agents.adversary;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * Min-max: every colluder uploads mean + gamma * p, with p a perturbation direction and gamma as large as
 * possible while the upload's largest distance to any benign update stays within the largest distance
 * between two benign updates, so distance-based filters cannot tell it from an honest outlier. The search and the
 * perturbations are {@link PerturbedMean}'s, shared with min_sum.
 */
@Doc("uploads mean + gamma * p with the largest gamma whose max distance to benign updates stays within theirs (omniscient coalition);"
        + " Shejwalkar & Houmansadr 2021")
public record MinMaxParams(
        @Doc("fraction of participants in the coalition") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("perturbation direction p: unit_mean (-mean/|mean|), sign (-sign(mean)) or std (-std)") Direction direction,
        @Doc("upper end of the search interval for gamma") @Range(min = 0, max = 1e6, exclusiveMin = true) Double gammaMax,
        @Doc("bisection steps over gamma") @Range(min = 1, max = 100) Integer steps) implements CoalitionAttack.SharedUpload {

    public enum Direction {
        @JsonProperty("unit_mean") UNIT_MEAN,
        @JsonProperty("sign") SIGN,
        @JsonProperty("std") STD
    }

    public MinMaxParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        direction = direction == null ? Direction.UNIT_MEAN : direction;
        gammaMax = gammaMax == null ? 50.0 : gammaMax;
        steps = steps == null ? 30 : steps;
    }

    @Override
    public float[] craft(float[][] benign, float[][] own) {
        return PerturbedMean.craft(benign, direction, gammaMax, steps, PerturbedMean.Criterion.MAX_DISTANCE);
    }
}
