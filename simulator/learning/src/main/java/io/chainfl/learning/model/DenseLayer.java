package io.chainfl.learning.model;

import io.chainfl.learning.math.MatMul;
import java.util.Arrays;

/**
 * A fully connected layer {@code z = x W + b}; W ({@code inputs x outputs}, row-major) and b are slices of the flat
 * parameter vector, and their gradients the same slices of the flat gradient vector.
 */
final class DenseLayer {
    final int inputs;
    final int outputs;
    private final int weightOffset;
    private final int biasOffset;
    private final MatMul matMul;
    /** W^T for the input gradient, filled by the kernel on each use; allocated when first needed (a first layer never is). */
    private float[] transposedWeights;

    DenseLayer(int inputs, int outputs, double initStd, ParameterLayout layout, MatMul matMul) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.weightOffset = layout.allocate(initStd, inputs, outputs);
        this.biasOffset = layout.allocate(0, outputs);
        this.matMul = matMul;
    }

    /** Writes {@code x W + b} into {@code out} ({@code batch x outputs}): each element starts from its bias and adds the products over the inputs in order. */
    void forward(float[] params, float[] x, float[] out, int batch) {
        for (int row = 0; row < batch; row++) {
            System.arraycopy(params, biasOffset, out, row * outputs, outputs);
        }
        matMul.multiply(x, 0, params, weightOffset, out, 0, batch, outputs, inputs);
    }

    /**
     * Overwrites this layer's gradient slices from the upstream delta {@code dz = dLoss/dz} ({@code batch x
     * outputs}): {@code dW = x^T dz} and {@code db} = the column sums of dz, both summed over the batch in row
     * order; writes {@code dLoss/dx = dz W^T} into {@code inputGradOrNull} when given.
     */
    void backward(float[] params, float[] x, float[] dz, int batch, float[] grad, float[] inputGradOrNull) {
        Arrays.fill(grad, weightOffset, weightOffset + inputs * outputs, 0f);
        matMul.multiplyTransposedA(x, 0, dz, 0, grad, weightOffset, inputs, outputs, batch);
        Arrays.fill(grad, biasOffset, biasOffset + outputs, 0f);
        for (int row = 0; row < batch; row++) {
            int from = row * outputs;
            for (int j = 0; j < outputs; j++) {
                grad[biasOffset + j] += dz[from + j];
            }
        }
        if (inputGradOrNull != null) {
            if (transposedWeights == null) {
                transposedWeights = new float[inputs * outputs];
            }
            Arrays.fill(inputGradOrNull, 0, batch * inputs, 0f);
            matMul.multiplyTransposedB(dz, 0, params, weightOffset, inputGradOrNull, 0, batch, inputs, outputs, transposedWeights);
        }
    }
}
