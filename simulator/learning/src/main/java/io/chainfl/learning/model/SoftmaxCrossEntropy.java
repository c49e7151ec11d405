package io.chainfl.learning.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Mean softmax cross-entropy over logits for one batch size, numerically stable: each row is shifted by
 * its maximum before exponentiation and the log-probability is {@code shifted - log(sum exp(shifted))},
 * so neither overflow nor log(0) can occur. (libnd4j's log_softmax evaluates log(softmax) and returns
 * -inf for large logit gaps, so it is not used.)
 *
 * <p>The logits are only {@code batch x classes} (e.g. 32 x 10), so the arithmetic runs on heap copies:
 * two copies in and one out replace about ten native ops whose fixed dispatch cost (tens of microseconds
 * each in ND4J 1.0.0-M2.1) dominated a softmax-regression step.
 */
final class SoftmaxCrossEntropy {
    private final float[] logitRows;
    private final float[] targetRows;

    SoftmaxCrossEntropy(int batch, int classes) {
        logitRows = new float[batch * classes];
        targetRows = new float[batch * classes];
    }

    /** Returns the mean loss and overwrites {@code logits} with {@code dLoss/dLogits = (softmax - target) / batch}. */
    double lossAndGradientInPlace(INDArray logits, INDArray oneHot) {
        int batch = (int) logits.size(0);
        int classes = (int) logits.size(1);
        Activations.copyToHeap(logits, logitRows);
        Activations.copyToHeap(oneHot.isView() ? oneHot.dup() : oneHot, targetRows);
        double lossSum = 0;
        for (int row = 0; row < batch * classes; row += classes) {
            float max = rowMax(row, classes);
            double logPartition = Math.log(shiftedPartition(row, classes, max));
            for (int c = row; c < row + classes; c++) {
                double logProbability = logitRows[c] - max - logPartition;
                lossSum -= targetRows[c] * logProbability;
                logitRows[c] = (float) ((Math.exp(logProbability) - targetRows[c]) / batch);
            }
        }
        Activations.copyFromHeap(logitRows, logits);
        return lossSum / batch;
    }

    /** Overwrites {@code logits} with the class probabilities and returns a copy the caller may keep. */
    INDArray probabilities(INDArray logits) {
        int batch = (int) logits.size(0);
        int classes = (int) logits.size(1);
        Activations.copyToHeap(logits, logitRows);
        for (int row = 0; row < batch * classes; row += classes) {
            float max = rowMax(row, classes);
            double partition = shiftedPartition(row, classes, max);
            for (int c = row; c < row + classes; c++) {
                logitRows[c] = (float) (Math.exp(logitRows[c] - max) / partition);
            }
        }
        Activations.copyFromHeap(logitRows, logits);
        return logits.dup();
    }

    private float rowMax(int row, int classes) {
        float max = Float.NEGATIVE_INFINITY;
        for (int c = row; c < row + classes; c++) {
            max = Math.max(max, logitRows[c]);
        }
        return max;
    }

    /** {@code sum exp(logit - max)}, at least 1 because the maximum contributes exp(0). */
    private double shiftedPartition(int row, int classes, float max) {
        double partition = 0;
        for (int c = row; c < row + classes; c++) {
            partition += Math.exp(logitRows[c] - max);
        }
        return partition;
    }
}
