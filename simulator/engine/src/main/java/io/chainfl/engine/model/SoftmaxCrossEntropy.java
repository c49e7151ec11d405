package io.chainfl.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.LogSoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.custom.SoftMax;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Exp;
import org.nd4j.linalg.factory.Nd4j;

/** Mean cross-entropy of a softmax over logits, computed through log-softmax so large logits cannot overflow. */
final class SoftmaxCrossEntropy {
    private SoftmaxCrossEntropy() {}

    /**
     * Returns the mean loss and overwrites {@code logits} with {@code dLoss/dLogits = (softmax - oneHot) / batch}.
     *
     * @param logProbs scratch of the same shape as {@code logits}
     */
    static double lossAndGradientInPlace(INDArray logits, INDArray oneHot, INDArray logProbs) {
        long batch = logits.size(0);
        Nd4j.exec(new LogSoftMax(logits, logProbs));
        Nd4j.exec(new Exp(logProbs, logits));
        double sumLogLikelihood = logProbs.muli(oneHot).sumNumber().doubleValue();
        logits.subi(oneHot).muli(1.0 / batch);
        return -sumLogLikelihood / batch;
    }

    /** A new {@code batch x classes} array of class probabilities. */
    static INDArray probabilities(INDArray logits) {
        INDArray out = Activations.scratch(logits.shape());
        Nd4j.exec(new SoftMax(logits, out, -1));
        return out;
    }
}
