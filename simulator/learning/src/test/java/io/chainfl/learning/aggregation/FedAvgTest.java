package io.chainfl.learning.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void unevenWeightsAndAnyInputOrderGiveTheSameBits() {
        // weights 1, 2, 7 of 10: (10 + 2 * 0.5 + 7 * -2) / 10 = -0.3; (-1 + 2 * 4 + 7 * 0) / 10 = 0.7
        List<ClientUpdate> inOrder = List.of(
                new ClientUpdate(0, new float[] {10, -1}, 1),
                new ClientUpdate(1, new float[] {0.5f, 4}, 2),
                new ClientUpdate(2, new float[] {-2, 0}, 7));
        float[] result = new FedAvg().aggregate(inOrder);
        assertArrayEquals(new float[] {-0.3f, 0.7f}, result, 1e-6f);
        List<ClientUpdate> reversed = List.of(inOrder.get(2), inOrder.get(0), inOrder.get(1));
        assertArrayEquals(result, new FedAvg().aggregate(reversed), 0f, "summed in participant order whatever the input order");
    }

    @Test
    void sumsInDoubleSoASmallUpdateIsNotLostBesideLargeOnes() {
        // in float, 1e8 + 1 rounds back to 1e8 and the mean comes out 0; in double it is 1/3
        float[] result = new FedAvg().aggregate(List.of(
                new ClientUpdate(0, new float[] {1e8f}, 1),
                new ClientUpdate(1, new float[] {1}, 1),
                new ClientUpdate(2, new float[] {-1e8f}, 1)));
        assertEquals(1.0 / 3, result[0], 1e-6);
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
