package io.chainfl.learning.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.CnnConfig;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import io.chainfl.learning.math.MatMul;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The models give the same bits on the Vector API kernels as on the scalar ones (the choice a JVM without the
 * incubator module, or {@code chainfl.kernels=scalar}, makes): loss, gradient, probabilities and parameters after
 * SGD epochs, for each architecture, on shapes with column tails (10 classes, 5 filters, odd widths).
 */
class KernelChoiceTest {

    @Test
    void softmaxGivesTheSameBitsOnBothKernels() {
        assertSameBits(() -> new SoftmaxRegression(784, 10, new SplittableRandom(1)), digits(96, 784, null));
    }

    @Test
    void mlpGivesTheSameBitsOnBothKernels() {
        assertSameBits(() -> new Mlp(784, List.of(128, 37), 10, new SplittableRandom(2)), digits(96, 784, null));
    }

    @Test
    void cnnGivesTheSameBitsOnBothKernels() {
        ImageShape shape = new ImageShape(2, 14, 13);
        assertSameBits(() -> new SmallCnn(new CnnConfig(List.of(5, 3), 3, 2, List.of(33)), shape, 10, new SplittableRandom(3)),
                digits(40, shape.size(), shape));
    }

    private static void assertSameBits(Supplier<Model> factory, Dataset data) {
        Model vector = build(factory, null);
        Model scalar = build(factory, "scalar");
        assertArrayEquals(vector.params(), scalar.params());

        int[] rows = java.util.Arrays.copyOf(data.allRows(), 32);
        float[] features = data.featureMatrix(rows);
        int[] labels = data.labelsOf(rows);
        float[] vectorGradient = new float[vector.numParams()];
        float[] scalarGradient = new float[scalar.numParams()];
        double vectorLoss = vector.lossAndGradient(features, labels, vectorGradient);
        double scalarLoss = scalar.lossAndGradient(features, labels, scalarGradient);
        assertEquals(Double.doubleToRawLongBits(vectorLoss), Double.doubleToRawLongBits(scalarLoss), "loss " + vectorLoss + " vs " + scalarLoss);
        assertArrayEquals(vectorGradient, scalarGradient, "gradient");
        assertTrue(java.util.Arrays.stream(box(vectorGradient)).filter(g -> g != 0f).count() > vectorGradient.length / 10, "a vacuous gradient");

        TrainingConfig training = new TrainingConfig(0.1, 16, 2);
        LocalTrainer.train(vector, data, training, new SplittableRandom(5));
        LocalTrainer.train(scalar, data, training, new SplittableRandom(5));
        assertArrayEquals(vector.params(), scalar.params(), "parameters after training");
        assertArrayEquals(vector.predictProbabilities(data.features()), scalar.predictProbabilities(data.features()), "probabilities");
    }

    /** Builds with {@code chainfl.kernels} set to {@code kernelsProperty} (null: unset), restoring it afterwards. */
    private static Model build(Supplier<Model> factory, String kernelsProperty) {
        String before = System.getProperty(MatMul.PROPERTY);
        try {
            if (kernelsProperty == null) {
                System.clearProperty(MatMul.PROPERTY);
            } else {
                System.setProperty(MatMul.PROPERTY, kernelsProperty);
            }
            return factory.get();
        } finally {
            if (before == null) {
                System.clearProperty(MatMul.PROPERTY);
            } else {
                System.setProperty(MatMul.PROPERTY, before);
            }
        }
    }

    private static Dataset digits(int n, int features, ImageShape shape) {
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[n * features];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(10);
            for (int f = 0; f < features; f++) {
                // sparse non-negative pixels like digits, with a class-dependent bright band
                x[i * features + f] = random.nextDouble() < 0.3 || f % 10 == y[i] ? (float) random.nextDouble() : 0f;
            }
        }
        return new Dataset("digits", x, y, features, 10, shape);
    }

    private static Float[] box(float[] values) {
        Float[] boxed = new Float[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
