package io.chainfl.learning.model;

/**
 * A differentiable classifier whose parameters live in one flat float vector, so that aggregation,
 * sparsification, encryption and hashing all work on the same representation whatever the architecture.
 * Batches are row-major {@code float[]} features ({@code batch x numFeatures()}) and class indices. Every
 * implementation computes with the fixed-order kernels of {@code io.chainfl.learning.math}, so its results are
 * the same bits on every CPU. Implementations are not thread-safe; every participant owns its own instance.
 */
public interface Model {

    /** Number of trainable parameters, the length of {@link #params()}. */
    int numParams();

    /** Length of one sample's feature row. */
    int numFeatures();

    int numClasses();

    /** The live flat parameter vector; writes change the model. Callers that keep values past the next update copy them. */
    float[] params();

    /**
     * Copies {@code flat} into this model's parameters.
     *
     * @throws IllegalArgumentException when the length differs from {@link #numParams()}
     */
    default void setParams(float[] flat) {
        float[] params = params();
        if (flat.length != params.length) {
            throw new IllegalArgumentException("expected " + params.length + " parameters, got " + flat.length);
        }
        System.arraycopy(flat, 0, params, 0, flat.length);
    }

    /**
     * Applies an aggregated change: {@code params[i] = params[i] + change[i]}, each sum rounded to float.
     *
     * @throws IllegalArgumentException when the length differs from {@link #numParams()}
     */
    default void addToParams(float[] change) {
        float[] params = params();
        if (change.length != params.length) {
            throw new IllegalArgumentException("expected a change of " + params.length + " parameters, got " + change.length);
        }
        for (int i = 0; i < params.length; i++) {
            params[i] = params[i] + change[i];
        }
    }

    /**
     * Mean cross-entropy loss over the batch and its gradient with respect to the parameters.
     *
     * @param features {@code labels.length x numFeatures()}, row-major
     * @param labels   each row's class in {@code [0, numClasses())}
     * @param gradOut  array of length {@link #numParams()} that receives the gradient (overwritten)
     * @return the mean loss over the batch
     */
    double lossAndGradient(float[] features, int[] labels, float[] gradOut);

    /**
     * Class probabilities, {@code batch x numClasses()} row-major, where {@code batch = features.length /
     * numFeatures()}. The returned array belongs to the caller. A row's probabilities do not depend on the
     * other rows of the batch.
     */
    float[] predictProbabilities(float[] features);

    /** An independent deep copy with the same architecture and parameters. */
    Model copy();
}
