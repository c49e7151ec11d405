package io.chainfl.learning.privacy;

import java.util.SplittableRandom;

/**
 * The two steps every differentially private upload takes: clip a vector to an L2 norm, add Gaussian noise.
 *
 * <p>Same bits everywhere: the norm is a double sum in index order, and the normal draws are Box-Muller pairs from a
 * seeded {@link SplittableRandom} through {@link StrictMath}'s log, cos and sin (the JDK's {@code nextGaussian} may
 * reach {@code Math.exp}, which the JIT can replace with a CPU-specific intrinsic).
 */
public final class GaussianMechanism {
    private GaussianMechanism() {}

    /** The L2 norm of {@code values}, summed in double in index order. */
    public static double norm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return Math.sqrt(sum);
    }

    /**
     * The factor that brings {@code values} to norm at most {@code clipNorm}: min(1, clipNorm / ||values||); 1 for a
     * zero vector. A NaN or infinite entry gives 0 (the upload then counts as the zero update: clipping must bound it).
     */
    public static double clipFactor(float[] values, double clipNorm) {
        double norm = norm(values);
        if (!Double.isFinite(norm)) {
            return 0;
        }
        return norm <= clipNorm ? 1.0 : clipNorm / norm;
    }

    /** Adds independent N(0, std^2) draws to every entry of {@code target}, in index order. */
    public static void addNoise(double[] target, double std, SplittableRandom random) {
        int i = 0;
        while (i < target.length) {
            // Box-Muller: 1 - nextDouble() lies in (0, 1], so the log is finite
            double radius = Math.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
            double angle = 2 * StrictMath.PI * random.nextDouble();
            target[i++] += std * radius * StrictMath.cos(angle);
            if (i < target.length) {
                target[i++] += std * radius * StrictMath.sin(angle);
            }
        }
    }

    /** {@code values} clipped to {@code clipNorm}, plus N(0, std^2) per entry: what a participant under local DP uploads. */
    public static float[] clipAndNoise(float[] values, double clipNorm, double std, SplittableRandom random) {
        double factor = clipFactor(values, clipNorm);
        double[] noisy = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            noisy[i] = Double.isFinite(values[i]) ? values[i] * factor : 0;
        }
        addNoise(noisy, std, random);
        return toFloat(noisy);
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
