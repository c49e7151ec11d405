package io.chainfl.learning.data;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.SyntheticConfig;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * A seeded Gaussian mixture: one cluster per class, unit-variance isotropic noise around each class mean.
 *
 * <p>Means are drawn from N(0, s^2 I) with {@code s = separation / sqrt(2 * features)}, which makes the expected
 * squared distance between two class means {@code separation^2} whatever the dimension. With the default
 * separation 3, two neighbouring classes overlap like two unit Gaussians three standard deviations apart
 * (about 7% pairwise Bayes error), so ten classes are learnable but not trivially separable.
 */
public final class SyntheticSource {
    public static final String STREAM = "data/synthetic";

    private SyntheticSource() {}

    public static Dataset generate(SyntheticConfig config, SplittableRandom rng) {
        int samples = config.samples();
        int features = config.features();
        int classes = config.classes();
        long cells = (long) samples * features;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new UserError("data.synthetic: samples x features = " + cells + " values do not fit in one array;"
                    + " lower data.synthetic.samples or data.synthetic.features");
        }
        return rows("synthetic", classMeans(config, rng), samples, features, classes, rng);
    }

    /** The class means, {@code classes x features} row-major: the first draws of the stream. */
    static double[] classMeans(SyntheticConfig config, SplittableRandom rng) {
        double meanScale = config.separation() / Math.sqrt(2.0 * config.features());
        double[] means = new double[config.classes() * config.features()];
        for (int i = 0; i < means.length; i++) {
            means[i] = meanScale * RandomDraws.gaussian(rng);
        }
        return means;
    }

    /**
     * {@code samples} rows around the given class means, balanced over the classes in a random order, the noise drawn
     * in pairs ({@link RandomDraws#gaussians}): for data generated per participant, which no pool-based run reproduces.
     */
    static Dataset pairedRows(String name, double[] means, int samples, int features, int classes, SplittableRandom rng) {
        return aroundMeans(name, means, samples, features, classes, rng, true);
    }

    /** {@code samples} rows around the given class means, balanced over the classes in a random order. */
    static Dataset rows(String name, double[] means, int samples, int features, int classes, SplittableRandom rng) {
        return aroundMeans(name, means, samples, features, classes, rng, false);
    }

    /**
     * The labels first (balanced: class i % classes, then shuffled so that the file order carries no label information),
     * then the noise in row-major order, one draw per value or in pairs: both modes keep their streams' draw order.
     */
    private static Dataset aroundMeans(String name, double[] means, int samples, int features, int classes, SplittableRandom rng,
            boolean pairedNoise) {
        int[] labels = new int[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = i % classes;
        }
        RandomDraws.shuffle(labels, rng);
        DoubleSupplier noise;
        if (pairedNoise) {
            double[] drawn = new double[samples * features];
            RandomDraws.gaussians(drawn, rng);
            int[] next = {0};
            noise = () -> drawn[next[0]++];
        } else {
            noise = () -> RandomDraws.gaussian(rng);
        }
        float[] x = new float[samples * features];
        for (int row = 0; row < samples; row++) {
            int meanOffset = labels[row] * features;
            for (int f = 0; f < features; f++) {
                x[row * features + f] = (float) (means[meanOffset + f] + noise.getAsDouble());
            }
        }
        return new Dataset(name, x, labels, features, classes, null);
    }
}
