package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrimmedMeanTest {
    // column 0 sorted: 1, 2, 3, 4, 100; column 1 sorted: -50, -1, 0, 2, 5
    private final List<ClientUpdate> five = updates(v(1, 5), v(2, -1), v(3, 0), v(4, 2), v(100, -50));

    @Test
    void trimsFValuesFromEachSide() {
        // f = 1 drops 1 and 100 -> (2 + 3 + 4) / 3 = 3; drops -50 and 5 -> (-1 + 0 + 2) / 3 = 1/3
        assertArrayEquals(new float[] {3f, 1f / 3}, TrimmedMean.ofCount(1).aggregate(five), 1e-6f);
    }

    @Test
    void fractionTrimsFloorOfBetaTimesN() {
        // beta = 0.2, n = 5 -> floor(1.0) = 1 per side: same as f = 1
        assertArrayEquals(new float[] {3f, 1f / 3}, TrimmedMean.ofFraction(0.2).aggregate(five), 1e-6f);
        // beta = 0.1, n = 5 -> floor(0.5) = 0: the plain mean (1+2+3+4+100)/5 = 22, (5-1+0+2-50)/5 = -8.8
        assertArrayEquals(new float[] {22f, -8.8f}, TrimmedMean.ofFraction(0.1).aggregate(five), 1e-5f);
        // beta = 0.29, n = 100 -> 29 (not 28 from 0.29 * 100 = 28.999999999999996)
        assertEquals(29, TrimmedMean.ofFraction(0.29).trimmed(100));
    }

    @Test
    void fTwoOfSixKeepsTheTwoMiddleValues() {
        // column 0 sorted: -7, 0, 1, 3, 8, 9 -> keep 1, 3 -> 2; column 1 sorted: -1, -1, 0, 0, 4, 6 -> keep 0, 0 -> 0
        float[] result = TrimmedMean.ofCount(2).aggregate(updates(v(9, 0), v(0, -1), v(3, 4), v(-7, 6), v(1, 0), v(8, -1)));
        assertArrayEquals(new float[] {2f, 0f}, result, 1e-6f);
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        float[] expected = TrimmedMean.ofCount(1).aggregate(five);
        for (long seed = 1; seed <= 5; seed++) {
            assertArrayEquals(expected, TrimmedMean.ofCount(1).aggregate(Fixtures.shuffled(five, seed)), 0f);
        }
    }

    @Test
    void staysWithTheHonestClientsWhenTwoOfNineAreFarAway() {
        List<ClientUpdate> in = Fixtures.withByzantine(v(1, -2, 3, 0.5f), 7, 2);
        float[] honest = Fixtures.mean(in, 7);
        assertTrue(Fixtures.maxAbsDiff(TrimmedMean.ofCount(2).aggregate(in), honest) < 0.1);
        assertTrue(Fixtures.maxAbsDiff(new FedAvg().aggregate(in), honest) > 100);
    }

    @Test
    void rejectsTrimmingEverything() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrimmedMean.ofCount(2).aggregate(updates(v(1), v(2), v(3), v(4))));
        assertEquals("trimmed_mean trims 2 per side and needs more than 2k = 4 updates, got 4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrimmedMean.ofFraction(0.5));
        assertThrows(IllegalArgumentException.class, () -> TrimmedMean.ofCount(-1));
    }
}
