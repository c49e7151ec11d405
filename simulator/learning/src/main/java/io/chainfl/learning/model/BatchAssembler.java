package io.chainfl.learning.model;

import io.chainfl.learning.data.Dataset;
import java.util.HashMap;
import java.util.Map;

/**
 * Gathers mini-batches of a data set into reused feature and label arrays, so a training loop does not
 * allocate on every step. Holds one pair per batch size seen (the full size and the short last batch), which
 * is all SGD over an epoch needs.
 */
final class BatchAssembler {
    private final Dataset data;
    private final Map<Integer, Batch> batches = new HashMap<>();

    /** {@code features} is {@code labels.length x numFeatures}, row-major. */
    record Batch(float[] features, int[] labels) {}

    BatchAssembler(Dataset data) {
        this.data = data;
    }

    /** Loads rows {@code order[from .. from+count)}; the returned arrays are overwritten by the next call with the same count. */
    Batch load(int[] order, int from, int count) {
        Batch batch = batches.computeIfAbsent(count, n -> new Batch(new float[n * data.numFeatures()], new int[n]));
        int width = data.numFeatures();
        for (int i = 0; i < count; i++) {
            int row = order[from + i];
            System.arraycopy(data.features(), row * width, batch.features, i * width, width);
            batch.labels[i] = data.labels()[row];
        }
        return batch;
    }
}
