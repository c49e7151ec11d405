package io.chainfl.learning.model;

import io.chainfl.learning.data.Dataset;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Gathers mini-batches of a data set into reused feature and one-hot arrays, so a training loop does not
 * allocate off-heap memory on every step. Holds one buffer pair per batch size seen (the full size and the
 * short last batch), which is all SGD over an epoch needs.
 */
final class BatchAssembler {
    private final Dataset data;
    private final java.util.Map<Integer, Batch> batches = new java.util.HashMap<>();

    record Batch(INDArray features, INDArray oneHot, float[] featureStage, float[] labelStage) {}

    BatchAssembler(Dataset data) {
        this.data = data;
    }

    /** Loads rows {@code order[from .. from+count)}; the returned arrays are overwritten by the next call with the same count. */
    Batch load(int[] order, int from, int count) {
        Batch batch = batches.computeIfAbsent(count, this::allocate);
        int width = data.numFeatures();
        int classes = data.numClasses();
        java.util.Arrays.fill(batch.labelStage, 0f);
        for (int i = 0; i < count; i++) {
            int row = order[from + i];
            System.arraycopy(data.features(), row * width, batch.featureStage, i * width, width);
            batch.labelStage[i * classes + data.labels()[row]] = 1f;
        }
        Activations.copyFromHeap(batch.featureStage, batch.features);
        Activations.copyFromHeap(batch.labelStage, batch.oneHot);
        return batch;
    }

    private Batch allocate(int count) {
        return new Batch(
                Nd4j.createUninitialized(DataType.FLOAT, new long[] {count, data.numFeatures()}, 'c'),
                Nd4j.createUninitialized(DataType.FLOAT, new long[] {count, data.numClasses()}, 'c'),
                new float[count * data.numFeatures()],
                new float[count * data.numClasses()]);
    }
}
