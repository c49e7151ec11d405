package io.chainfl.learning.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.CnnConfig;
import io.chainfl.learning.data.ImageShape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Compares every analytic gradient coordinate with a central finite difference of the loss. The math is
 * float, so the step is moderate (eps = 1e-3: float rounding of the loss contributes ~1e-4; larger steps cross max-pool near-ties in the CNN) and
 * the tolerance is 2% relative plus 2e-4 absolute; a wrong layout, transpose or op argument gives errors
 * of order 100%.
 */
class GradientCheckTest {
    private static final double EPS = 1e-3;
    private static final double RELATIVE_TOLERANCE = 2e-2;
    private static final double ABSOLUTE_TOLERANCE = 2e-4;

    @Test
    void softmaxRegressionGradientMatchesFiniteDifferences() {
        assertGradientMatches(new SoftmaxRegression(5, 3, new SplittableRandom(1)), 5, 3, 6);
    }

    @Test
    void mlpGradientMatchesFiniteDifferences() {
        assertGradientMatches(new Mlp(6, List.of(5, 4), 3, new SplittableRandom(2)), 6, 3, 5);
    }

    @Test
    void cnnWithTwoConvBlocksGradientMatchesFiniteDifferences() {
        CnnConfig config = new CnnConfig(List.of(2, 3), 3, 2, List.of(5));
        assertGradientMatches(new SmallCnn(config, new ImageShape(1, 6, 6), 3, new SplittableRandom(3)), 36, 3, 4);
    }

    @Test
    void cnnWithSeveralInputChannelsAndOddSizesGradientMatchesFiniteDifferences() {
        CnnConfig config = new CnnConfig(List.of(3), 3, 2, List.of(4));
        // 7x5 maps pool to 3x2: the dropped last row/column must receive zero gradient
        assertGradientMatches(new SmallCnn(config, new ImageShape(2, 7, 5), 4, new SplittableRandom(4)), 70, 4, 3);
    }

    /**
     * Biases start at exactly zero, so a sample whose previous layer is entirely dead has pre-activations of
     * exactly 0, where ReLU has no derivative and the central difference returns half the one-sided slope.
     * Jittering all parameters moves such points off the kink so the comparison is meaningful.
     */
    private static void moveOffReluKinks(Model model, SplittableRandom random) {
        float[] params = model.params();
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (0.1 * random.nextGaussian());
        }
    }

    private static void assertGradientMatches(Model model, int numFeatures, int numClasses, int batch) {
        SplittableRandom data = new SplittableRandom(99);
        float[] x = new float[batch * numFeatures];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) data.nextGaussian();
        }
        int[] labels = new int[batch];
        for (int row = 0; row < batch; row++) {
            labels[row] = data.nextInt(numClasses);
        }
        moveOffReluKinks(model, data);

        float[] analytic = new float[model.numParams()];
        double loss = model.lossAndGradient(x, labels, analytic);
        assertTrue(loss > 0 && Double.isFinite(loss), "loss " + loss);
        float[] scratchGradient = new float[model.numParams()];
        float[] params = model.params();

        double worst = 0;
        int nonZero = 0;
        for (int i = 0; i < model.numParams(); i++) {
            float original = params[i];
            params[i] = (float) (original + EPS);
            double lossPlus = model.lossAndGradient(x, labels, scratchGradient);
            params[i] = (float) (original - EPS);
            double lossMinus = model.lossAndGradient(x, labels, scratchGradient);
            params[i] = original;
            double numeric = (lossPlus - lossMinus) / (2 * EPS);
            double error = Math.abs(numeric - analytic[i]);
            double allowed = RELATIVE_TOLERANCE * Math.max(Math.abs(numeric), Math.abs(analytic[i])) + ABSOLUTE_TOLERANCE;
            assertTrue(error <= allowed, "parameter " + i + ": analytic " + analytic[i] + " numeric " + numeric);
            worst = Math.max(worst, error);
            if (Math.abs(analytic[i]) > 1e-3) {
                nonZero++;
            }
        }
        // guards against a vacuous pass where both sides are zero everywhere
        assertTrue(nonZero > model.numParams() / 3, "only " + nonZero + " of " + model.numParams() + " gradient coordinates are non-zero");
        assertEquals(loss, model.lossAndGradient(x, labels, scratchGradient), 1e-6, "perturbations were not undone");
    }
}
