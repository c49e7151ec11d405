package io.chainfl.learning.model;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Dense ReLU hidden layers followed by a linear output layer producing logits. With no hidden layers it is
 * multinomial logistic regression. Per-batch activations live in a caller-owned {@link Buffers} so that
 * repeated steps with the same batch size allocate nothing.
 */
final class DenseStack {
    private final DenseLayer[] layers;

    DenseStack(int inputs, List<Integer> hidden, int numClasses, ParameterLayout layout) {
        layers = new DenseLayer[hidden.size() + 1];
        int width = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            layers[i] = new DenseLayer(width, hidden.get(i), ParameterLayout.heStd(width), layout);
            width = hidden.get(i);
        }
        layers[hidden.size()] = new DenseLayer(width, numClasses, ParameterLayout.xavierStd(width, numClasses), layout);
    }

    void bindParameters(INDArray flat) {
        for (DenseLayer layer : layers) {
            layer.bindParameters(flat);
        }
    }

    void bindGradients(INDArray flatGrad) {
        for (DenseLayer layer : layers) {
            layer.bindGradients(flatGrad);
        }
    }

    /** Activation scratch for one batch size: {@code outputs[i]} is layer i's (ReLU'd) output, the last one the logits. */
    final class Buffers {
        final INDArray[] outputs = new INDArray[layers.length];
        final INDArray[] deltas = new INDArray[layers.length];
        final INDArray ones;

        Buffers(int batch) {
            ones = Activations.scratch(batch, 1).assign(1f);
            for (int i = 0; i < layers.length; i++) {
                outputs[i] = Activations.scratch(batch, layers[i].outputs);
                // the output layer's delta is written over its logits, hidden layers need their own
                deltas[i] = i == layers.length - 1 ? outputs[i] : Activations.scratch(batch, layers[i].outputs);
            }
        }

        INDArray logits() {
            return outputs[layers.length - 1];
        }
    }

    Buffers buffers(int batch) {
        return new Buffers(batch);
    }

    /** Runs the stack on {@code input} ({@code batch x inputs}); returns the logits held in {@code buffers}. */
    INDArray forward(INDArray input, Buffers buffers) {
        INDArray current = input;
        for (int i = 0; i < layers.length; i++) {
            layers[i].forward(current, buffers.outputs[i], buffers.ones);
            if (i < layers.length - 1) {
                Activations.reluInPlace(buffers.outputs[i]);
            }
            current = buffers.outputs[i];
        }
        return current;
    }

    /**
     * Back-propagates the logit gradient, which the caller has written over {@code buffers.logits()}, filling
     * the bound gradient slices; writes {@code dLoss/dInput} into {@code inputGradOrNull} when given.
     */
    void backward(INDArray input, Buffers buffers, INDArray inputGradOrNull) {
        for (int i = layers.length - 1; i >= 0; i--) {
            INDArray layerInput = i == 0 ? input : buffers.outputs[i - 1];
            INDArray inputGrad = i == 0 ? inputGradOrNull : buffers.deltas[i - 1];
            layers[i].backward(layerInput, buffers.deltas[i], inputGrad, buffers.ones);
            if (i > 0) {
                Activations.reluBackwardInPlace(buffers.outputs[i - 1], buffers.deltas[i - 1]);
            }
        }
    }
}
