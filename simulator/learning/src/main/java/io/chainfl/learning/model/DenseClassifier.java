package io.chainfl.learning.model;

import io.chainfl.learning.math.MatMul;
import java.util.List;
import java.util.SplittableRandom;

/** A classifier made only of dense layers; {@link SoftmaxRegression} and {@link Mlp} differ only in their hidden widths. */
abstract class DenseClassifier extends LayeredModel<DenseStack.Buffers> {
    protected final int numFeatures;
    protected final List<Integer> hidden;
    protected final int numClasses;
    protected final MatMul matMul;
    private final DenseStack stack;

    /** Initialises from {@code init} when {@code paramsOrNull} is null, else adopts the given vector. */
    protected DenseClassifier(int numFeatures, List<Integer> hidden, int numClasses, MatMul matMul, SplittableRandom init, float[] paramsOrNull) {
        this(numFeatures, List.copyOf(hidden), numClasses, matMul, new ParameterLayout(), init, paramsOrNull);
    }

    private DenseClassifier(int numFeatures, List<Integer> hidden, int numClasses, MatMul matMul, ParameterLayout layout, SplittableRandom init,
                            float[] paramsOrNull) {
        // the stack is built (filling the layout) before super() needs the layout's parameter vector
        this(numFeatures, hidden, numClasses, matMul, new DenseStack(numFeatures, hidden, numClasses, layout, matMul), layout, init, paramsOrNull);
    }

    private DenseClassifier(int numFeatures, List<Integer> hidden, int numClasses, MatMul matMul, DenseStack stack, ParameterLayout layout,
                            SplittableRandom init, float[] paramsOrNull) {
        super(layout.parameters(init, paramsOrNull));
        this.numFeatures = numFeatures;
        this.hidden = hidden;
        this.numClasses = numClasses;
        this.matMul = matMul;
        this.stack = stack;
    }

    @Override
    public final int numFeatures() {
        return numFeatures;
    }

    @Override
    public final int numClasses() {
        return numClasses;
    }

    @Override
    public double lossAndGradient(float[] features, int[] labels, float[] gradOut) {
        int batch = trainingBatch(features, labels, gradOut);
        DenseStack.Buffers buffers = scratch(batch, stack::buffers);
        float[] logits = stack.forward(params, features, buffers);
        double loss = SoftmaxCrossEntropy.lossAndGradientInPlace(logits, labels, numClasses);
        stack.backward(params, features, buffers, gradOut, null);
        return loss;
    }

    @Override
    public float[] predictProbabilities(float[] features) {
        int batch = predictionBatch(features);
        float[] probabilities = stack.forward(params, features, scratch(batch, stack::buffers)).clone();
        SoftmaxCrossEntropy.probabilitiesInPlace(probabilities, batch, numClasses);
        return probabilities;
    }
}
