package io.chainfl.learning.aggregation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Squared Euclidean distances between all pairs of updates and the Krum scores built on them. Computed in
 * double precision as {@code ||a||^2 + ||b||^2 - 2 a.b}, the dot products from one {@code A A^T} product, so
 * near-ties between scores are not decided by float rounding.
 */
final class PairwiseDistances {
    private PairwiseDistances() {}

    /** The {@code n x n} matrix of squared distances between the rows of {@code updates}, diagonal zero. */
    static INDArray squared(INDArray updates) {
        INDArray a = updates.castTo(DataType.DOUBLE);
        INDArray squaredNorms = a.mul(a).sum(1).reshape(a.rows(), 1);
        INDArray d = a.mmul(a.transpose()).muli(-2.0).addiColumnVector(squaredNorms).addiRowVector(squaredNorms.reshape(1, a.rows()));
        // a NaN or infinite update is infinitely far from everyone, so it gets the worst score (before the
        // clamp below, which would turn NaN into 0)
        BooleanIndexing.replaceWhere(d, Double.POSITIVE_INFINITY, Conditions.isNan());
        d = Transforms.max(d, 0.0, false); // cancellation can leave tiny negatives
        for (int i = 0; i < a.rows(); i++) {
            d.putScalar(i, i, 0.0);
        }
        return d;
    }

    /**
     * Krum scores of the clients {@code members} (indices into {@code distances}): each one's sum of squared
     * distances to its {@code neighbours} nearest other members.
     */
    static double[] krumScores(INDArray distances, int[] members, int neighbours) {
        INDArray sub = distances.get(NDArrayIndex.indices(toLong(members)), NDArrayIndex.indices(toLong(members))).dup();
        for (int i = 0; i < members.length; i++) {
            sub.putScalar(i, i, Double.POSITIVE_INFINITY); // a client is not its own neighbour
        }
        INDArray nearest = Nd4j.sort(sub, 1, true).get(NDArrayIndex.all(), NDArrayIndex.interval(0, neighbours));
        return nearest.sum(1).toDoubleVector();
    }

    /** Index into {@code members} of the lowest score, the lower index on a tie. */
    static int argMinScore(double[] scores) {
        int best = 0;
        for (int i = 1; i < scores.length; i++) {
            if (scores[i] < scores[best]) {
                best = i;
            }
        }
        return best;
    }

    private static long[] toLong(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
