package io.chainfl.learning.aggregation;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * The geometric median of the updates by the smoothed Weiszfeld algorithm: RFA (Pillutla, Kakade and Harchaoui,
 * "Robust Aggregation for Federated Learning", IEEE Trans. Signal Processing 2022). It approximately minimises
 * {@code g(v) = sum_i alpha_i ||v - w_i||}, {@code alpha_i} the data-size weights (the paper weighs each client by its
 * number of samples, as FedAvg does). It starts at the weighted mean and repeats
 * {@code beta_i = alpha_i / max(nu, ||v - w_i||)}, {@code v = sum_i beta_i w_i / sum_i beta_i} at most
 * {@code max_iterations} times, stopping early once a step improves {@code g} by less than {@code tolerance * g}
 * (the stopping rule of the authors' code). {@code nu} is the paper's smoothing: a client sitting on the current
 * estimate cannot take all the weight. Everything is in double, clients in participant order, coordinates in
 * index order; the result is rounded to float once.
 */
public final class GeometricMedian implements Aggregator {

    /** The config section, e.g. {@code {type: geometric_median, max_iterations: 10}}. */
    public record Params(
            @Doc("smoothing nu: the smallest distance a client's weight is divided by, so a client on the estimate cannot take all the weight")
            @Range(min = 0, max = 1e6, exclusiveMin = true) Double nu,
            @Doc("Weiszfeld steps at most") @Range(min = 1, max = 100_000) Integer maxIterations,
            @Doc("stop once a step improves the weighted sum of distances by less than this fraction of it")
            @Range(min = 0, max = 1) Double tolerance)
            implements AggregatorParams {
        public Params {
            nu = nu == null ? 1e-6 : nu;
            maxIterations = maxIterations == null ? 100 : maxIterations;
            tolerance = tolerance == null ? 1e-6 : tolerance;
        }
    }

    private final double nu;
    private final int maxIterations;
    private final double tolerance;
    private int lastIterations;

    public GeometricMedian(double nu, int maxIterations, double tolerance) {
        if (!(nu > 0) || Double.isInfinite(nu)) {
            throw new IllegalArgumentException("geometric_median nu must be a finite value > 0, got " + nu);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("geometric_median max_iterations must be >= 1, got " + maxIterations);
        }
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("geometric_median tolerance must be >= 0, got " + tolerance);
        }
        this.nu = nu;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
    }

    @Override
    public String name() {
        return "geometric_median";
    }

    /** Weiszfeld steps the last call took (for tests of the stopping rule). */
    synchronized int lastIterations() {
        return lastIterations;
    }

    @Override
    public synchronized float[] aggregate(List<ClientUpdate> updates) {
        List<ClientUpdate> ordered = Updates.byParticipant(updates);
        float[][] rows = UpdateMatrix.stack(ordered);
        double[] alpha = Updates.dataSizeWeights(ordered);
        double[] v = weightedMean(rows, alpha);
        double[] distances = distances(rows, v);
        double objective = objective(alpha, distances);
        int steps = 0;
        double[] beta = new double[rows.length];
        while (steps < maxIterations) {
            for (int i = 0; i < rows.length; i++) {
                beta[i] = alpha[i] / Math.max(nu, distances[i]);
            }
            v = weightedMean(rows, beta);
            steps++;
            distances = distances(rows, v);
            double next = objective(alpha, distances);
            boolean settled = Math.abs(objective - next) <= tolerance * next;
            objective = next;
            if (settled) {
                break;
            }
        }
        lastIterations = steps;
        return Updates.toFloat(v);
    }

    /** {@code sum_i factors_i rows_i / sum_i factors_i}, in double. */
    private static double[] weightedMean(float[][] rows, double[] factors) {
        double total = 0;
        for (double f : factors) {
            total += f;
        }
        double[] sum = new double[rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            double factor = factors[i] / total;
            for (int j = 0; j < sum.length; j++) {
                sum[j] += factor * rows[i][j];
            }
        }
        return sum;
    }

    private static double[] distances(float[][] rows, double[] v) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double squared = 0;
            for (int j = 0; j < v.length; j++) {
                double diff = rows[i][j] - v[j];
                squared += diff * diff;
            }
            out[i] = Math.sqrt(squared);
        }
        return out;
    }

    private static double objective(double[] alpha, double[] distances) {
        double sum = 0;
        for (int i = 0; i < alpha.length; i++) {
            sum += alpha[i] * distances[i];
        }
        return sum;
    }
}
