package io.chainfl.learning.model;

import java.util.List;
import java.util.SplittableRandom;

/** A multi-layer perceptron with ReLU hidden layers and a softmax output. */
public final class Mlp extends DenseClassifier {

    public Mlp(int numFeatures, List<Integer> hidden, int numClasses, SplittableRandom init) {
        super(numFeatures, hidden, numClasses, kernels(), init, null);
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("an mlp needs at least one hidden layer; use softmax regression");
        }
    }

    private Mlp(Mlp original) {
        super(original.numFeatures, original.hidden, original.numClasses, original.matMul, null, original.params.clone());
    }

    @Override
    public Model copy() {
        return new Mlp(this);
    }
}
