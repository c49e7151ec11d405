package io.chainfl.learning.model;

import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Small helpers for the in-place nonlinearities shared by the dense and convolutional layers. */
final class Activations {
    private Activations() {}

    static INDArray scratch(long... shape) {
        return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
    }

    /** Copies a scratch array (own buffer, offset 0, c-order) to the heap: one memcpy, none of INDArray's per-call checks. */
    static void copyToHeap(INDArray scratch, float[] target) {
        requireOwnBuffer(scratch, target.length);
        ((FloatPointer) scratch.data().addressPointer()).get(target, 0, target.length);
    }

    /** Copies all of a scratch array into {@code target} starting at {@code targetOffset}. */
    static void copyToHeap(INDArray scratch, float[] target, int targetOffset) {
        int length = (int) scratch.length();
        requireOwnBuffer(scratch, length);
        ((FloatPointer) scratch.data().addressPointer()).get(target, targetOffset, length);
    }

    static void copyFromHeap(float[] source, INDArray scratch) {
        requireOwnBuffer(scratch, source.length);
        ((FloatPointer) scratch.data().addressPointer()).put(source, 0, source.length);
    }

    private static void requireOwnBuffer(INDArray array, int length) {
        if (array.offset() != 0 || array.length() != length || array.ordering() != 'c' || array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected an own c-ordered FLOAT buffer of " + length + " elements");
        }
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
