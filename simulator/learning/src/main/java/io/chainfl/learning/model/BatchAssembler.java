package io.chainfl.learning.model;

import io.chainfl.learning.data.Dataset;
import java.util.HashMap;
import java.util.Map;

/**
 * Gathers mini-batches of a data set into reused feature and label arrays, so a training loop does not
 * allocate on every step. Holds one pair per batch size seen (the full size and the short last batch), which
 * is all SGD over an epoch needs; a thread's {@link TrainingScratch} keeps one across trainings, so the
 * participants that train one after another on a thread share the arrays (they are dropped when the width changes).
 */
final class BatchAssembler {
    private final Map<Integer, Batch> batches = new HashMap<>();
    private int width = -1;

    /** {@code features} is {@code labels.length x numFeatures}, row-major. */
    record Batch(float[] features, int[] labels) {}

    /** Loads rows {@code order[from .. from+count)} of {@code data}; the returned arrays are overwritten by the next call with the same count. */
    Batch load(Dataset data, int[] order, int from, int count) {
        int numFeatures = data.numFeatures();
        if (numFeatures != width) {
            batches.clear();
            width = numFeatures;
        }
        Batch batch = batches.computeIfAbsent(count, n -> new Batch(new float[n * numFeatures], new int[n]));
        float[] features = data.features();
        int[] labels = data.labels();
        for (int i = 0; i < count; i++) {
            int row = order[from + i];
            System.arraycopy(features, row * numFeatures, batch.features, i * numFeatures, numFeatures);
            batch.labels[i] = labels[row];
        }
        return batch;
    }
}
