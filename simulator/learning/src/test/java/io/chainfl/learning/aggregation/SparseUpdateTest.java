package io.chainfl.learning.aggregation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparseUpdateTest {
    @Test
    void keepsTheLargestMagnitudesSortedByIndex() {
        SparseUpdate top = SparseUpdate.topK(new float[] {0.1f, -5f, 0.3f, 2f, -0.2f, 4f}, 0.5);
        assertArrayEquals(new int[] {1, 3, 5}, top.indices());
        assertArrayEquals(new float[] {-5f, 2f, 4f}, top.values());
    }

    @Test
    void tiesGoToTheLowerIndex() {
        SparseUpdate top = SparseUpdate.topK(new float[] {1f, -1f, 1f, 1f}, 0.5);
        assertArrayEquals(new int[] {0, 1}, top.indices());
    }

    @Test
    void atLeastOneEntryAndCeilOfFraction() {
        assertEquals(1, SparseUpdate.topK(new float[] {1, 2, 3}, 0.01).size());
        assertEquals(4, SparseUpdate.topK(new float[10], 0.31).size());
    }

    @Test
    void addsIntoDenseVectorAndHashesItsBytes() {
        float[] target = {1, 1, 1};
        SparseUpdate u = new SparseUpdate(new int[] {0, 2}, new float[] {2f, -1f});
        u.addTo(target);
        assertArrayEquals(new float[] {3, 1, 0}, target);
        assertEquals(4 + 2 * 8, u.bytes().length);
        assertFalse(Arrays.equals(u.hash(), u.withValue(0, 2.5f).hash()), "a changed value changes the hash");
    }

    @Test
    void coordinateMeanAveragesOnlyWhereUploaded() {
        float[] mean = CoordinateMean.of(List.of(
                new SparseUpdate(new int[] {0, 1}, new float[] {2f, 4f}),
                new SparseUpdate(new int[] {1, 3}, new float[] {6f, 8f})), 4);
        // index 0: only the first (2); index 1: (4 + 6) / 2; index 2: nobody; index 3: only the second (8)
        assertArrayEquals(new float[] {2f, 5f, 0f, 8f}, mean);
    }
}
