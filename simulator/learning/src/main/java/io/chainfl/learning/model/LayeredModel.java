package io.chainfl.learning.model;

import io.chainfl.learning.math.MatMul;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * Shared plumbing of the concrete models: owns the flat parameter vector and the kernels, checks batch shapes,
 * and caches activation scratch per batch size.
 *
 * @param <B> the model's per-batch scratch type
 */
abstract class LayeredModel<B> implements Model {
    /** Training alternates between the full batch size and a short last batch; evaluation adds one or two more. */
    private static final int MAX_CACHED_BATCH_SIZES = 4;

    protected final float[] params;
    private final Map<Integer, B> scratchByBatchSize = new HashMap<>();

    protected LayeredModel(float[] initialParams) {
        this.params = initialParams;
    }

    @Override
    public final int numParams() {
        return params.length;
    }

    @Override
    public final float[] params() {
        return params;
    }

    protected final B scratch(int batch, IntFunction<B> factory) {
        B cached = scratchByBatchSize.get(batch);
        if (cached == null) {
            if (scratchByBatchSize.size() >= MAX_CACHED_BATCH_SIZES) {
                scratchByBatchSize.clear();
            }
            cached = factory.apply(batch);
            scratchByBatchSize.put(batch, cached);
        }
        return cached;
    }

    /** The batch of a training call; checks that features, labels and gradient fit this model. */
    protected final int trainingBatch(float[] features, int[] labels, float[] gradOut) {
        int batch = labels.length;
        if (batch == 0 || (long) batch * numFeatures() != features.length) {
            throw new IllegalArgumentException("features must be " + batch + " x " + numFeatures() + " values, got " + features.length);
        }
        for (int label : labels) {
            if (label < 0 || label >= numClasses()) {
                throw new IllegalArgumentException("label " + label + " outside [0," + numClasses() + ")");
            }
        }
        if (gradOut.length != params.length) {
            throw new IllegalArgumentException("gradOut must have " + params.length + " values, got " + gradOut.length);
        }
        return batch;
    }

    /** The batch of a prediction call: the number of whole feature rows. */
    protected final int predictionBatch(float[] features) {
        if (features.length == 0 || features.length % numFeatures() != 0) {
            throw new IllegalArgumentException("features must be a positive number of rows of " + numFeatures() + " values, got " + features.length);
        }
        return features.length / numFeatures();
    }

    /** The kernels a new model computes with: {@link MatMul#selected()} when it is built. */
    protected static MatMul kernels() {
        return MatMul.selected();
    }
}
