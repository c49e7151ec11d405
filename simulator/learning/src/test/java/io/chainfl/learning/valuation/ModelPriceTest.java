package io.chainfl.learning.valuation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelPriceTest {
    /**
     * Two classes, 10 rows: truth 0 predicted 0 four times and 1 once; truth 1 predicted 1 three times and 0 twice.
     * accuracy 7/10; precision: class 0 4/6, class 1 3/4, mean 17/24; recall: class 0 4/5, class 1 3/5, mean 7/10.
     * With base 1000 and weights 1, 1, 1: 1000 * (0.7 + 17/24 + 0.7) / 3 = 702.777...
     */
    @Test
    void priceFromAccuracyPrecisionAndRecall() {
        int[][] confusion = {{4, 1}, {2, 3}};
        assertEquals(1000 * (0.7 + 17.0 / 24 + 0.7) / 3, new ModelPrice(1000, 1, 1, 1).of(confusion), 1e-9);
        assertEquals(1000 * 17.0 / 24, new ModelPrice(1000, 0, 1, 0).of(confusion), 1e-9);
        assertEquals(1000.0, new ModelPrice(1000, 1, 1, 1).of(new int[][]{{5, 0}, {0, 5}}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new ModelPrice(1000, 0, 0, 0));
    }
}
