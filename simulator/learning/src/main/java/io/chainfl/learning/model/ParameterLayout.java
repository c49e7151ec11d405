package io.chainfl.learning.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assigns every weight and bias tensor a slice of one flat parameter vector and knows how to initialise it.
 * Keeping the layout in one place guarantees that parameter and gradient vectors are sliced identically.
 */
final class ParameterLayout {

    private record Segment(long offset, long length, double initStd) {}

    private final List<Segment> segments = new ArrayList<>();
    private long size;

    /**
     * Reserves a tensor of the given shape.
     *
     * @param initStd standard deviation of the Gaussian initialisation, 0 for zeros (biases)
     * @return the tensor's offset in the flat vector
     */
    long allocate(double initStd, long... shape) {
        long length = 1;
        for (long dim : shape) {
            length *= dim;
        }
        long offset = size;
        segments.add(new Segment(offset, length, initStd));
        size += length;
        return offset;
    }

    long size() {
        return size;
    }

    /** Adopts {@code givenOrNull} when present (copies of a model), else draws a fresh initialisation. */
    INDArray parameters(SplittableRandom init, INDArray givenOrNull) {
        if (givenOrNull != null) {
            requireFlatVector(givenOrNull, size, "params");
            return givenOrNull;
        }
        return initialParameters(init);
    }

    /** Draws the initial parameters in layout order, so equal seeds always give equal models. */
    INDArray initialParameters(SplittableRandom init) {
        if (size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("model too large: " + size + " parameters");
        }
        float[] values = new float[(int) size];
        for (Segment segment : segments) {
            if (segment.initStd == 0) {
                continue;
            }
            for (long i = segment.offset; i < segment.offset + segment.length; i++) {
                values[(int) i] = (float) (init.nextGaussian() * segment.initStd);
            }
        }
        return Nd4j.create(values, new long[] {size}, DataType.FLOAT);
    }

    /** He initialisation, suited to layers followed by ReLU. */
    static double heStd(long fanIn) {
        return Math.sqrt(2.0 / fanIn);
    }

    /** Xavier (Glorot) initialisation, used for the linear softmax output layer. */
    static double xavierStd(long fanIn, long fanOut) {
        return Math.sqrt(2.0 / (fanIn + fanOut));
    }

    /**
     * A c-ordered view of {@code shape} starting {@code offset} elements into the contiguous vector
     * {@code flat}; writes through the view change {@code flat} and vice versa.
     */
    static INDArray view(INDArray flat, long offset, long... shape) {
        return Nd4j.create(flat.data(), shape, Nd4j.getStrides(shape, 'c'), flat.offset() + offset, 'c', DataType.FLOAT);
    }

    /** Rejects vectors that the views cannot alias: wrong length, strided or not FLOAT. */
    static void requireFlatVector(INDArray flat, long expectedLength, String what) {
        if (flat.dataType() != DataType.FLOAT || flat.length() != expectedLength || !flat.isVectorOrScalar()
                || (flat.length() > 1 && flat.elementWiseStride() != 1)) {
            throw new IllegalArgumentException(what + " must be a contiguous FLOAT vector of length " + expectedLength
                    + ", got " + flat.dataType() + " " + java.util.Arrays.toString(flat.shape()));
        }
    }
}
