package io.chainfl.agents.adversary;

import java.util.Arrays;

/**
 * Binary L2-regularised logistic regression by full-batch gradient descent: the property-inference adversary's
 * classifier. Deterministic: starts from zero weights and draws nothing at random. Plain loops in double, rows in
 * the order given and features in index order, and the sigmoid through {@link StrictMath#exp} (which the JIT may
 * not swap for a CPU-specific intrinsic), so the scores are the same bits on every CPU.
 *
 * <p><b>Why not Tribuo's linear trainers.</b> Tribuo's {@code LinearSGDTrainer} (logistic or multiclass log loss)
 * shuffles with its own generator and computes its loss and softmax with {@code Math.exp}/{@code Math.log}, which
 * the JIT may replace by CPU-specific intrinsics: the scores feed {@code property_inference_auc}, a metrics.csv
 * column that must be the same bits on every machine, and SGD's path would move docs/attacks.md's table for no
 * gain on 19 examples a round. Full-batch descent from zero weights is twenty lines and draws nothing.
 */
public final class LogisticRegression {
    private final double[] weights;
    private double bias;

    private LogisticRegression(double[] weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * @param features one example per row, all of one length
     * @param labels   1 or 0 per row
     */
    public static LogisticRegression fit(float[][] features, double[] labels, int iterations, double learningRate, double l2) {
        int rows = features.length;
        if (labels.length != rows) {
            throw new IllegalArgumentException(rows + " examples for " + labels.length + " labels");
        }
        int columns = rows == 0 ? 0 : features[0].length;
        LogisticRegression model = new LogisticRegression(new double[columns], 0);
        double[] error = new double[rows];
        double[] gradient = new double[columns];
        for (int step = 0; step < iterations; step++) {
            double errorSum = 0;
            for (int i = 0; i < rows; i++) {
                error[i] = sigmoid(model.score(features[i])) - labels[i];
                errorSum += error[i];
            }
            Arrays.fill(gradient, 0);
            for (int i = 0; i < rows; i++) {
                float[] x = features[i];
                for (int j = 0; j < columns; j++) {
                    gradient[j] += x[j] * error[i];
                }
            }
            for (int j = 0; j < columns; j++) {
                // the L2 term uses the weights before this step, as the gradient does
                model.weights[j] -= learningRate * (gradient[j] / rows + l2 * model.weights[j]);
            }
            model.bias -= learningRate * (errorSum / rows);
        }
        return model;
    }

    /** The logit of each row; higher means "has the property". */
    public double[] scores(float[][] features) {
        double[] out = new double[features.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = score(features[i]);
        }
        return out;
    }

    private double score(float[] x) {
        double sum = 0;
        for (int j = 0; j < weights.length; j++) {
            sum += x[j] * weights[j];
        }
        return sum + bias;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + StrictMath.exp(-z));
    }
}
