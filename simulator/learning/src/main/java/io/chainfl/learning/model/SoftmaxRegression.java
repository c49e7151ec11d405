package io.chainfl.learning.model;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Multinomial logistic regression: {@code softmax(x W + b)} with W {@code numFeatures x numClasses}. */
public final class SoftmaxRegression extends DenseClassifier {

    public SoftmaxRegression(int numFeatures, int numClasses, SplittableRandom init) {
        super(numFeatures, List.of(), numClasses, init, null);
    }

    private SoftmaxRegression(int numFeatures, int numClasses, INDArray params) {
        super(numFeatures, List.of(), numClasses, null, params);
    }

    @Override
    public Model copy() {
        return new SoftmaxRegression(numFeatures, numClasses, params.dup());
    }
}
