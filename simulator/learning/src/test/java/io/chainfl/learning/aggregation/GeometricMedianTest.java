package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.shuffled;
import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GeometricMedianTest {
    @Test
    void oneWeiszfeldStepFromTheMean() {
        // points 0, 1, 10 (equal weights): v0 = 11/3; distances 11/3, 8/3, 19/3; beta_i proportional to 1/d_i
        // v1 = (0 * 3/11 + 1 * 3/8 + 10 * 3/19) / (3/11 + 3/8 + 3/19) = (99/152) / (449/1672) = 1089/449
        GeometricMedian gm = new GeometricMedian(1e-6, 1, 0);
        assertArrayEquals(v(1089f / 449), gm.aggregate(updates(v(0), v(1), v(10))), 1e-6f);
        assertEquals(1, gm.lastIterations());
    }

    @Test
    void convergesToTheMedianPointIn1D() {
        // in one dimension the geometric median is the median, 1, where the pulls of 0 and 10 cancel
        GeometricMedian gm = new GeometricMedian(1e-6, 2000, 0);
        assertArrayEquals(v(1), gm.aggregate(updates(v(0), v(1), v(10))), 1e-4f);
        assertTrue(gm.lastIterations() < 2000, "tolerance 0 still stops once the objective no longer changes at all: " + gm.lastIterations());
    }

    @Test
    void weighsClientsByDataSize() {
        // alpha = 3/5, 1/5, 1/5: a point holding at least half the weight is the geometric median
        List<ClientUpdate> updates = List.of(new ClientUpdate(0, v(0, 0), 3), new ClientUpdate(1, v(1, 0), 1), new ClientUpdate(2, v(0, 1), 1));
        assertArrayEquals(v(0, 0), new GeometricMedian(1e-6, 2000, 0).aggregate(updates), 1e-4f);
        // with equal weights it is the Fermat point of the triangle (0,0), (1,0), (0,1): (x, x) with x = (3 - sqrt(3)) / 6
        float x = (float) ((3 - Math.sqrt(3)) / 6);
        assertArrayEquals(v(x, x), new GeometricMedian(1e-6, 2000, 0).aggregate(updates(v(0, 0), v(1, 0), v(0, 1))), 1e-4f);
    }

    @Test
    void stopsWhenTheObjectiveSettles() {
        GeometricMedian gm = new GeometricMedian(1e-6, 100, 1e-3);
        gm.aggregate(updates(v(0), v(1), v(10)));
        assertTrue(gm.lastIterations() > 1 && gm.lastIterations() < 100, "stopped after " + gm.lastIterations());
        GeometricMedian loose = new GeometricMedian(1e-6, 100, 1);
        loose.aggregate(updates(v(0), v(1), v(10)));
        assertEquals(1, loose.lastIterations(), "tolerance 1: the first step settles");
    }

    @Test
    void ignoresFarOutliersAndInputOrder() {
        List<ClientUpdate> updates = Fixtures.withByzantine(v(0.5f, -0.5f, 2f), 7, 3);
        float[] result = new GeometricMedian(1e-6, 100, 1e-6).aggregate(updates);
        assertTrue(Fixtures.maxAbsDiff(result, v(0.5f, -0.5f, 2f)) < 0.2, java.util.Arrays.toString(result));
        assertArrayEquals(result, new GeometricMedian(1e-6, 100, 1e-6).aggregate(shuffled(updates, 3)), 0f);
    }

    @Test
    void refusesBadParameters() {
        assertThrows(IllegalArgumentException.class, () -> new GeometricMedian(0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new GeometricMedian(1e-6, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new GeometricMedian(1e-6, 1, -1));
    }
}
