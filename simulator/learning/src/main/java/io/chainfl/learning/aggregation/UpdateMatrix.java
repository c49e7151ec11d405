package io.chainfl.learning.aggregation;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The round's updates stacked as one {@code clients x params} matrix, so aggregators use matrix ops. */
public final class UpdateMatrix {
    private UpdateMatrix() {}

    public static INDArray stack(List<ClientUpdate> updates) {
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("no updates to stack");
        }
        int length = updates.get(0).delta().length;
        float[] data = new float[updates.size() * length];
        for (int i = 0; i < updates.size(); i++) {
            float[] delta = updates.get(i).delta();
            if (delta.length != length) {
                throw new IllegalArgumentException("participant " + updates.get(i).participantId() + " sent " + delta.length + " values, expected " + length);
            }
            System.arraycopy(delta, 0, data, i * length, length);
        }
        return Nd4j.create(data, new long[] {updates.size(), length}, DataType.FLOAT);
    }
}
