package io.chainfl.learning.model;

/**
 * Mean softmax cross-entropy over logits ({@code batch x classes}, row-major), numerically stable: each row is
 * shifted by its maximum before exponentiation and the log-probability is {@code shifted - log(sum exp(shifted))},
 * so neither overflow nor log(0) can occur. Rows and classes are visited in order, and exp/log are
 * {@link StrictMath}'s (fdlibm): the JIT may replace {@code Math.exp}/{@code Math.log} with CPU-specific intrinsics
 * whose last bit differs between machines, never {@code StrictMath}'s.
 */
final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /** Returns the mean loss and overwrites {@code logits} with {@code dLoss/dLogits = (softmax - target) / batch}. */
    static double lossAndGradientInPlace(float[] logits, int[] labels, int classes) {
        int batch = labels.length;
        double lossSum = 0;
        for (int sample = 0; sample < batch; sample++) {
            int row = sample * classes;
            float max = rowMax(logits, row, classes);
            double logPartition = StrictMath.log(shiftedPartition(logits, row, classes, max));
            int truth = row + labels[sample];
            for (int c = row; c < row + classes; c++) {
                // float shift first, then the double partition: the order the loss has always used
                double logProbability = logits[c] - max - logPartition;
                if (c == truth) {
                    lossSum -= logProbability;
                }
                logits[c] = (float) ((StrictMath.exp(logProbability) - (c == truth ? 1 : 0)) / batch);
            }
        }
        return lossSum / batch;
    }

    /** Overwrites the first {@code batch} rows of {@code logits} with the class probabilities. */
    static void probabilitiesInPlace(float[] logits, int batch, int classes) {
        for (int row = 0; row < batch * classes; row += classes) {
            float max = rowMax(logits, row, classes);
            double partition = shiftedPartition(logits, row, classes, max);
            for (int c = row; c < row + classes; c++) {
                logits[c] = (float) (StrictMath.exp(logits[c] - max) / partition);
            }
        }
    }

    private static float rowMax(float[] logits, int row, int classes) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = row; c < row + classes; c++) {
            max = Math.max(max, logits[c]);
        }
        return max;
    }

    /** {@code sum exp(logit - max)} in class order, at least 1 because the maximum contributes exp(0). */
    private static double shiftedPartition(float[] logits, int row, int classes, float max) {
        double partition = 0;
        for (int c = row; c < row + classes; c++) {
            partition += StrictMath.exp(logits[c] - max);
        }
        return partition;
    }
}
