package io.chainfl.agents.adversary;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Min-max: every colluder uploads mean + gamma * p, with p a perturbation direction and gamma as large as
 * possible while the upload's largest distance to any benign update stays within the largest distance
 * between two benign updates, so distance-based filters cannot tell it from an honest outlier.
 */
@Doc("uploads mean + gamma * p with the largest gamma whose max distance to benign updates stays within theirs (omniscient coalition);"
        + " Shejwalkar & Houmansadr 2021")
public record MinMaxParams(
        @Doc("fraction of participants in the coalition") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("perturbation direction p: unit_mean (-mean/|mean|), sign (-sign(mean)) or std (-std)") Direction direction,
        @Doc("upper end of the search interval for gamma") @Range(min = 0, max = 1e6, exclusiveMin = true) Double gammaMax,
        @Doc("bisection steps over gamma") @Range(min = 1, max = 100) Integer steps) implements CoalitionAttack {

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
    public float[] craft(INDArray benignFloat, INDArray own) {
        // distances in double: squared norms of ~10^4 float coordinates lose the small differences we compare
        INDArray benign = benignFloat.castTo(DataType.DOUBLE);
        INDArray mean = benign.mean(0);
        INDArray perturbation = switch (direction) {
            case UNIT_MEAN -> {
                double norm = mean.norm2Number().doubleValue();
                yield norm == 0 ? mean.mul(0) : mean.div(-norm);
            }
            case SIGN -> Transforms.sign(mean).neg();
            case STD -> benign.rows() > 1 ? benign.std(true, 0).neg() : mean.mul(0);
        };
        double bound = maxPairwiseDistance(benign);
        double accepted = 0;
        if (maxDistanceTo(benign, mean.add(perturbation.mul(gammaMax))) <= bound) {
            accepted = gammaMax;
        } else {
            double rejected = gammaMax;
            for (int i = 0; i < steps; i++) {
                double gamma = (accepted + rejected) / 2;
                if (maxDistanceTo(benign, mean.add(perturbation.mul(gamma))) <= bound) {
                    accepted = gamma;
                } else {
                    rejected = gamma;
                }
            }
        }
        return mean.add(perturbation.mul(accepted)).castTo(DataType.FLOAT).toFloatVector();
    }

    static double maxDistanceTo(INDArray rows, INDArray point) {
        return rows.subRowVector(point).norm2(1).maxNumber().doubleValue();
    }

    /** max_ij |b_i - b_j| from the Gram matrix: |b_i|^2 + |b_j|^2 - 2 b_i.b_j. */
    static double maxPairwiseDistance(INDArray rows) {
        INDArray gram = rows.mmul(rows.transpose());
        INDArray squares = rows.mul(rows).sum(1).reshape(1, rows.rows());
        INDArray squared = gram.mul(-2).addRowVector(squares).addColumnVector(squares.reshape(rows.rows(), 1));
        return Math.sqrt(Math.max(0, squared.maxNumber().doubleValue()));
    }
}
