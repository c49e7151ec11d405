package io.chainfl.learning.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Assigns every weight and bias tensor a slice of one flat parameter vector and knows how to initialise it.
 * Keeping the layout in one place guarantees that parameter and gradient vectors are sliced identically.
 */
final class ParameterLayout {

    private record Segment(int offset, int length, double initStd) {}

    private final List<Segment> segments = new ArrayList<>();
    private int size;

    /**
     * Reserves a tensor of the given shape.
     *
     * @param initStd standard deviation of the Gaussian initialisation, 0 for zeros (biases)
     * @return the tensor's offset in the flat vector
     */
    int allocate(double initStd, int... shape) {
        long length = 1;
        for (int dim : shape) {
            length *= dim;
        }
        if (size + length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("model too large: more than " + (Integer.MAX_VALUE - 8) + " parameters");
        }
        int offset = size;
        segments.add(new Segment(offset, (int) length, initStd));
        size += (int) length;
        return offset;
    }

    int size() {
        return size;
    }

    /** Adopts {@code givenOrNull} when present (copies of a model), else draws a fresh initialisation. */
    float[] parameters(SplittableRandom init, float[] givenOrNull) {
        if (givenOrNull != null) {
            if (givenOrNull.length != size) {
                throw new IllegalArgumentException("expected " + size + " parameters, got " + givenOrNull.length);
            }
            return givenOrNull;
        }
        return initialParameters(init);
    }

    /** Draws the initial parameters in layout order, so equal seeds always give equal models. */
    float[] initialParameters(SplittableRandom init) {
        float[] values = new float[size];
        for (Segment segment : segments) {
            if (segment.initStd == 0) {
                continue;
            }
            for (int i = segment.offset; i < segment.offset + segment.length; i++) {
                values[i] = (float) (init.nextGaussian() * segment.initStd);
            }
        }
        return values;
    }

    /** He initialisation, suited to layers followed by ReLU. */
    static double heStd(long fanIn) {
        return Math.sqrt(2.0 / fanIn);
    }

    /** Xavier (Glorot) initialisation, used for the linear softmax output layer. */
    static double xavierStd(long fanIn, long fanOut) {
        return Math.sqrt(2.0 / (fanIn + fanOut));
    }
}
