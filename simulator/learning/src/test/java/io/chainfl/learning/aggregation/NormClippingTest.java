package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormClippingTest {
    @Test
    void scalesLongUpdatesDownThenAveragesByDataSize() {
        // max_norm 5: (3,4) has norm 5, kept; (6,8) has norm 10, scaled by 0.5 to (3,4); (0,-1) kept; (0,0) kept
        // weights 1, 1, 2, 0 of 4: (3+3+0, 4+4-2) / 4 = (1.5, 1.5)
        float[] result = new NormClipping(5).aggregate(List.of(
                new ClientUpdate(0, v(3, 4), 1),
                new ClientUpdate(1, v(6, 8), 1),
                new ClientUpdate(2, v(0, -1), 2),
                new ClientUpdate(3, v(0, 0), 0)));
        assertArrayEquals(new float[] {1.5f, 1.5f}, result, 1e-6f);
    }

    @Test
    void boundsTheInfluenceOfOneHugeUpdate() {
        // max_norm 1, equal weights: (1000,0) becomes (1,0); (0,1) stays -> (0.5, 0.5)
        float[] result = new NormClipping(1).aggregate(Fixtures.updates(v(1000, 0), v(0, 1)));
        assertArrayEquals(new float[] {0.5f, 0.5f}, result, 1e-6f);
        List<ClientUpdate> in = Fixtures.withByzantine(v(0.1f, -0.2f, 0.3f, 0.05f), 8, 1);
        float[] honest = Fixtures.mean(in, 8);
        // one clipped Byzantine update of norm 1 among 9 moves the mean by at most 1/9
        assertTrue(Fixtures.maxAbsDiff(new NormClipping(1).aggregate(in), honest) < 0.12);
    }

    @Test
    void rejectsANonPositiveBound() {
        assertThrows(IllegalArgumentException.class, () -> new NormClipping(0));
        assertThrows(IllegalArgumentException.class, () -> new NormClipping(Double.NaN));
    }
}
