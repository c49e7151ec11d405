package io.chainfl.learning.model;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Shared plumbing of the concrete models: owns the flat parameter vector, re-slices gradient views only when
 * a different gradient vector is passed, and caches activation scratch per batch size.
 *
 * @param <B> the model's per-batch scratch type
 */
abstract class LayeredModel<B> implements Model {
    /** Training alternates between the full batch size and a short last batch; evaluation adds one or two more. */
    private static final int MAX_CACHED_BATCH_SIZES = 4;

    protected final INDArray params;
    private final Map<Integer, B> scratchByBatchSize = new HashMap<>();
    private INDArray boundGradient;

    protected LayeredModel(INDArray initialParams) {
        this.params = initialParams;
    }

    @Override
    public final long numParams() {
        return params.length();
    }

    @Override
    public final INDArray params() {
        return params;
    }

    /** Makes this model's gradient views alias {@code gradOut}. */
    protected abstract void bindGradients(INDArray gradOut);

    protected final void useGradientVector(INDArray gradOut) {
        if (gradOut != boundGradient) {
            ParameterLayout.requireFlatVector(gradOut, numParams(), "gradOut");
            bindGradients(gradOut);
            boundGradient = gradOut;
        }
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

    protected static int batchSize(INDArray features, INDArray oneHotOrNull, long numFeatures, long numClasses) {
        if (features.rank() != 2 || features.size(1) != numFeatures) {
            throw new IllegalArgumentException("features must be batch x " + numFeatures + ", got " + java.util.Arrays.toString(features.shape()));
        }
        if (oneHotOrNull != null && (oneHotOrNull.rank() != 2 || oneHotOrNull.size(0) != features.size(0) || oneHotOrNull.size(1) != numClasses)) {
            throw new IllegalArgumentException("labels must be " + features.size(0) + " x " + numClasses + ", got " + java.util.Arrays.toString(oneHotOrNull.shape()));
        }
        return (int) features.size(0);
    }
}
