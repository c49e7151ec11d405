package io.chainfl.learning.model;

import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A classifier made only of dense layers; {@link SoftmaxRegression} and {@link Mlp} differ only in their hidden widths. */
abstract class DenseClassifier extends LayeredModel<DenseClassifier.Scratch> {
    protected final int numFeatures;
    protected final List<Integer> hidden;
    protected final int numClasses;
    private final DenseStack stack;

    final class Scratch {
        final DenseStack.Buffers buffers;
        final SoftmaxCrossEntropy loss;

        Scratch(int batch) {
            buffers = stack.buffers(batch);
            loss = new SoftmaxCrossEntropy(batch, numClasses);
        }
    }

    /** Initialises from {@code init} when {@code paramsOrNull} is null, else adopts the given vector. */
    protected DenseClassifier(int numFeatures, List<Integer> hidden, int numClasses, SplittableRandom init, INDArray paramsOrNull) {
        this(numFeatures, List.copyOf(hidden), numClasses, new ParameterLayout(), init, paramsOrNull);
    }

    private DenseClassifier(int numFeatures, List<Integer> hidden, int numClasses, ParameterLayout layout, SplittableRandom init, INDArray paramsOrNull) {
        // the stack is built (filling the layout) before super() needs the layout's parameter vector
        this(numFeatures, hidden, numClasses, new DenseStack(numFeatures, hidden, numClasses, layout), layout, init, paramsOrNull);
    }

    private DenseClassifier(int numFeatures, List<Integer> hidden, int numClasses, DenseStack stack, ParameterLayout layout, SplittableRandom init, INDArray paramsOrNull) {
        super(layout.parameters(init, paramsOrNull));
        this.numFeatures = numFeatures;
        this.hidden = hidden;
        this.numClasses = numClasses;
        this.stack = stack;
        stack.bindParameters(params);
    }

    @Override
    protected void bindGradients(INDArray gradOut) {
        stack.bindGradients(gradOut);
    }

    @Override
    public double lossAndGradient(INDArray features, INDArray oneHot, INDArray gradOut) {
        int batch = batchSize(features, oneHot, numFeatures, numClasses);
        useGradientVector(gradOut);
        Scratch scratch = scratch(batch, Scratch::new);
        INDArray logits = stack.forward(features, scratch.buffers);
        double loss = scratch.loss.lossAndGradientInPlace(logits, oneHot);
        stack.backward(features, scratch.buffers, null);
        return loss;
    }

    @Override
    public INDArray predictProbabilities(INDArray features) {
        int batch = batchSize(features, null, numFeatures, numClasses);
        Scratch scratch = scratch(batch, Scratch::new);
        return scratch.loss.probabilities(stack.forward(features, scratch.buffers));
    }
}
