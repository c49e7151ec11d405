package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * Min-sum, min_max's sibling (Shejwalkar & Houmansadr, NDSS 2021, Eq. 10): every colluder uploads mean + gamma * p
 * with the largest gamma such that the upload's SUM of squared distances to the benign updates stays within the
 * largest such sum of any benign update. Bounding the sum instead of the maximum keeps the upload close to the bulk
 * of the benign updates, so it scores like a typical one under Krum-style sum-of-distances rules. The perturbations
 * and the gamma search are min_max's ({@link PerturbedMean}).
 */
@Doc("uploads mean + gamma * p with the largest gamma whose sum of squared distances to benign updates stays within theirs (omniscient coalition);"
        + " Shejwalkar & Houmansadr 2021")
public record MinSumParams(
        @Doc("fraction of participants in the coalition") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("perturbation direction p: unit_mean (-mean/|mean|), sign (-sign(mean)) or std (-std)") MinMaxParams.Direction direction,
        @Doc("upper end of the search interval for gamma") @Range(min = 0, max = 1e6, exclusiveMin = true) Double gammaMax,
        @Doc("bisection steps over gamma") @Range(min = 1, max = 100) Integer steps) implements CoalitionAttack.SharedUpload {

    public MinSumParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        direction = direction == null ? MinMaxParams.Direction.UNIT_MEAN : direction;
        gammaMax = gammaMax == null ? 50.0 : gammaMax;
        steps = steps == null ? 30 : steps;
    }

    @Override
    public float[] craft(float[][] benign, float[][] own) {
        return PerturbedMean.craft(benign, direction, gammaMax, steps, PerturbedMean.Criterion.SUM_OF_SQUARES);
    }
}
