package io.chainfl.learning.model;

import io.chainfl.learning.math.MatMul;
import java.util.List;

/**
 * Dense ReLU hidden layers followed by a linear output layer producing logits. With no hidden layers it is
 * multinomial logistic regression. Per-batch activations live in a caller-owned {@link Buffers} so that
 * repeated steps with the same batch size allocate nothing.
 */
final class DenseStack {
    private final DenseLayer[] layers;

    DenseStack(int inputs, List<Integer> hidden, int numClasses, ParameterLayout layout, MatMul matMul) {
        layers = new DenseLayer[hidden.size() + 1];
        int width = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            layers[i] = new DenseLayer(width, hidden.get(i), ParameterLayout.heStd(width), layout, matMul);
            width = hidden.get(i);
        }
        layers[hidden.size()] = new DenseLayer(width, numClasses, ParameterLayout.xavierStd(width, numClasses), layout, matMul);
    }

    /** Activation scratch for one batch size: {@code outputs[i]} is layer i's (ReLU'd) output, the last one the logits. */
    final class Buffers {
        final int batch;
        final float[][] outputs = new float[layers.length][];
        final float[][] deltas = new float[layers.length][];

        Buffers(int batch) {
            this.batch = batch;
            for (int i = 0; i < layers.length; i++) {
                outputs[i] = new float[batch * layers[i].outputs];
                // the output layer's delta is written over its logits, hidden layers need their own
                deltas[i] = i == layers.length - 1 ? outputs[i] : new float[batch * layers[i].outputs];
            }
        }

        float[] logits() {
            return outputs[layers.length - 1];
        }
    }

    Buffers buffers(int batch) {
        return new Buffers(batch);
    }

    /** Runs the stack on {@code input} ({@code batch x inputs}); returns the logits held in {@code buffers}. */
    float[] forward(float[] params, float[] input, Buffers buffers) {
        float[] current = input;
        for (int i = 0; i < layers.length; i++) {
            layers[i].forward(params, current, buffers.outputs[i], buffers.batch);
            if (i < layers.length - 1) {
                Activations.reluInPlace(buffers.outputs[i], buffers.outputs[i].length);
            }
            current = buffers.outputs[i];
        }
        return current;
    }

    /**
     * Back-propagates the logit gradient, which the caller has written over {@code buffers.logits()}, filling
     * the gradient slices of {@code grad}; writes {@code dLoss/dInput} into {@code inputGradOrNull} when given.
     */
    void backward(float[] params, float[] input, Buffers buffers, float[] grad, float[] inputGradOrNull) {
        for (int i = layers.length - 1; i >= 0; i--) {
            float[] layerInput = i == 0 ? input : buffers.outputs[i - 1];
            float[] inputGrad = i == 0 ? inputGradOrNull : buffers.deltas[i - 1];
            layers[i].backward(params, layerInput, buffers.deltas[i], buffers.batch, grad, inputGrad);
            if (i > 0) {
                Activations.reluBackwardInPlace(buffers.outputs[i - 1], buffers.deltas[i - 1], buffers.deltas[i - 1].length);
            }
        }
    }
}
