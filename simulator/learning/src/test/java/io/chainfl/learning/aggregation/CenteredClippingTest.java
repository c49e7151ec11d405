package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CenteredClippingTest {
    @Test
    void firstRoundClipsAroundZero() {
        // tau 1, one iteration, v = 0: (3,4) norm 5 -> (0.6,0.8); (0,0.5) norm 0.5 kept; (-2,0) norm 2 -> (-1,0)
        // v = ((0.6+0-1)/3, (0.8+0.5+0)/3) = (-0.4/3, 1.3/3)
        CenteredClipping cc = new CenteredClipping(1, 1);
        assertArrayEquals(new float[] {-0.4f / 3, 1.3f / 3}, cc.aggregate(updates(v(3, 4), v(0, 0.5f), v(-2, 0))), 1e-6f);
    }

    @Test
    void nextRoundClipsAroundThePreviousAggregate() {
        CenteredClipping cc = new CenteredClipping(1, 1);
        float[] first = cc.aggregate(updates(v(3, 4), v(0, 0.5f), v(-2, 0)));
        // the same offsets from the new center c give c + (-0.4/3, 1.3/3)
        float cx = first[0];
        float cy = first[1];
        float[] second = cc.aggregate(updates(v(cx + 3, cy + 4), v(cx, cy + 0.5f), v(cx - 2, cy)));
        assertArrayEquals(new float[] {cx - 0.4f / 3, cy + 1.3f / 3}, second, 1e-5f);
        assertArrayEquals(second, cc.center(), 0f);
        cc.reset();
        assertNull(cc.center());
        assertArrayEquals(new float[] {-0.4f / 3, 1.3f / 3}, cc.aggregate(updates(v(3, 4), v(0, 0.5f), v(-2, 0))), 1e-6f);
    }

    @Test
    void iteratesFromTheCenter() {
        // tau 2, two iterations, v0 = 0, values 10, 0, 1 on the first axis:
        // iteration 1: offsets 10 -> 2, 0, 1 -> v1 = (2+0+1)/3 = 1
        // iteration 2: offsets 9 -> 2, -1, 0 -> v2 = 1 + (2-1+0)/3 = 4/3
        float[] result = new CenteredClipping(2, 2).aggregate(updates(v(10, 0), v(0, 0), v(1, 0)));
        assertArrayEquals(new float[] {4f / 3, 0f}, result, 1e-6f);
    }

    @Test
    void rejectsInvalidParameters() {
        assertThrows(IllegalArgumentException.class, () -> new CenteredClipping(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new CenteredClipping(1, 0));
    }
}
