package io.chainfl.learning.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FedAvgTest {
    @Test
    void weightsByDataSize() {
        // (1*[1,2] + 3*[5,-2]) / 4 = [4, -1]
        float[] result = new FedAvg().aggregate(List.of(
                new ClientUpdate(0, new float[] {1, 2}, 1),
                new ClientUpdate(1, new float[] {5, -2}, 3)));
        assertArrayEquals(new float[] {4f, -1f}, result, 1e-6f);
    }

    @Test
    void equalWeightsWhenNoSizesAreKnown() {
        float[] result = new FedAvg().aggregate(List.of(
                new ClientUpdate(0, new float[] {1, 3}, 0),
                new ClientUpdate(1, new float[] {3, 5}, 0)));
        assertArrayEquals(new float[] {2f, 4f}, result, 1e-6f);
    }

    @Test
    void mismatchedLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new FedAvg().aggregate(List.of(
                new ClientUpdate(0, new float[] {1, 3}, 1),
                new ClientUpdate(1, new float[] {3}, 1))));
    }
}
