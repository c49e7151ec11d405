package io.chainfl.engine.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers for the in-place nonlinearities shared by the dense and convolutional layers. */
final class Activations {
    private Activations() {}

    static INDArray scratch(long... shape) {
        return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
    }

    static void reluInPlace(INDArray x) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear(x, x, 0.0));
    }

    /**
     * Masks {@code grad} in place with the ReLU derivative; {@code activated} may be the ReLU input or
     * output since both are positive at exactly the same positions.
     */
    static void reluBackwardInPlace(INDArray activated, INDArray grad) {
        Nd4j.exec(new org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative(activated, grad, grad));
    }
}
