package io.chainfl.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.same.Max;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean softmax cross-entropy over logits for one batch size, numerically stable: logits are shifted by
 * their row maximum before exponentiation and the loss is computed from the shifted logits as
 * {@code log(sum exp(shifted)) - shifted[label]}, so neither overflow nor log(0) can occur.
 * (libnd4j's log_softmax is not used because it evaluates log(softmax) and returns -inf for large gaps.)
 * Holds per-row scratch, so one instance serves one batch size.
 */
final class SoftmaxCrossEntropy {
    private final INDArray rowMax;
    private final INDArray rowSum;

    SoftmaxCrossEntropy(int batch) {
        rowMax = Activations.scratch(batch);
        rowSum = Activations.scratch(batch);
    }

    /** Returns the mean loss and overwrites {@code logits} with {@code dLoss/dLogits = (softmax - oneHot) / batch}. */
    double lossAndGradientInPlace(INDArray logits, INDArray oneHot) {
        long batch = logits.size(0);
        shiftByRowMaxInPlace(logits);
        // every one-hot row sums to 1, so sum(oneHot * shifted) is the sum of the labels' shifted logits
        double labelLogitSum = Nd4j.getBlasWrapper().level1().dot(logits.length(), 1.0, oneHot.reshape(-1), logits.reshape(-1));
        normaliseExponentialsInPlace(logits);
        double logPartitionSum = 0;
        for (float partition : rowSum.toFloatVector()) {
            logPartitionSum += Math.log(partition);
        }
        logits.subi(oneHot).muli(1.0 / batch);
        return (logPartitionSum - labelLogitSum) / batch;
    }

    /** Overwrites {@code logits} with the class probabilities and returns a copy the caller may keep. */
    INDArray probabilities(INDArray logits) {
        shiftByRowMaxInPlace(logits);
        normaliseExponentialsInPlace(logits);
        return logits.dup();
    }

    private void shiftByRowMaxInPlace(INDArray logits) {
        Nd4j.exec(new Max(logits, rowMax, 1));
        logits.subiColumnVector(rowMax);
    }

    /** exp then row-normalise; leaves the row sums (each at least 1 after the shift) in {@code rowSum}. */
    private void normaliseExponentialsInPlace(INDArray shifted) {
        Transforms.exp(shifted, false);
        shifted.sum(rowSum, 1);
        shifted.diviColumnVector(rowSum);
    }
}
