package io.chainfl.learning.model;

import io.chainfl.learning.math.MatMul;
import java.util.List;
import java.util.SplittableRandom;

/** Multinomial logistic regression: {@code softmax(x W + b)} with W {@code numFeatures x numClasses}. */
public final class SoftmaxRegression extends DenseClassifier {

    public SoftmaxRegression(int numFeatures, int numClasses, SplittableRandom init) {
        super(numFeatures, List.of(), numClasses, kernels(), init, null);
    }

    private SoftmaxRegression(SoftmaxRegression original) {
        super(original.numFeatures, List.of(), original.numClasses, original.matMul, null, original.params.clone());
    }

    @Override
    public Model copy() {
        return new SoftmaxRegression(this);
    }
}
