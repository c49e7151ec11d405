package io.chainfl.learning.model;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A multi-layer perceptron with ReLU hidden layers and a softmax output. */
public final class Mlp extends DenseClassifier {

    public Mlp(int numFeatures, List<Integer> hidden, int numClasses, SplittableRandom init) {
        super(numFeatures, hidden, numClasses, init, null);
        if (hidden.isEmpty()) {
            throw new IllegalArgumentException("an mlp needs at least one hidden layer; use softmax regression");
        }
    }

    private Mlp(int numFeatures, List<Integer> hidden, int numClasses, INDArray params) {
        super(numFeatures, hidden, numClasses, null, params);
    }

    @Override
    public Model copy() {
        return new Mlp(numFeatures, hidden, numClasses, params.dup());
    }
}
