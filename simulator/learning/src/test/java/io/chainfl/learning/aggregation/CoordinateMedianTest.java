package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CoordinateMedianTest {
    private final CoordinateMedian median = new CoordinateMedian();

    @Test
    void oddCountTakesTheMiddleValueOfEachCoordinate() {
        // column 0: {1, 3, 2} sorted 1, 2, 3 -> 2; column 1: {10, -2, 4} sorted -2, 4, 10 -> 4;
        // column 2: {0, 0, 7} -> 0 (each coordinate on its own: no single client wins)
        float[] result = median.aggregate(updates(v(1, 10, 0), v(3, -2, 0), v(2, 4, 7)));
        assertArrayEquals(new float[] {2f, 4f, 0f}, result, 1e-6f);
    }

    @Test
    void evenCountAveragesTheTwoMiddleValues() {
        // column 0: sorted 1, 2, 3, 10 -> (2 + 3) / 2 = 2.5; column 1: sorted -2, 0, 4, 10 -> (0 + 4) / 2 = 2
        float[] result = median.aggregate(updates(v(1, 10), v(3, -2), v(2, 4), v(10, 0)));
        assertArrayEquals(new float[] {2.5f, 2f}, result, 1e-6f);
    }

    @Test
    void ignoresDataSizes() {
        // weights 100, 1, 1 change nothing: median of {0, 5, 6} is 5
        float[] result = median.aggregate(List.of(
                new ClientUpdate(0, v(0), 100), new ClientUpdate(1, v(5), 1), new ClientUpdate(2, v(6), 1)));
        assertArrayEquals(new float[] {5f}, result, 1e-6f);
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        List<ClientUpdate> in = updates(v(1, 10, -3), v(3, -2, 8), v(2, 4, 1), v(10, 0, 0), v(-5, 7, 2));
        float[] expected = median.aggregate(in);
        // column 0: -5, 1, 2, 3, 10 -> 2; column 1: -2, 0, 4, 7, 10 -> 4; column 2: -3, 0, 1, 2, 8 -> 1
        assertArrayEquals(new float[] {2f, 4f, 1f}, expected, 1e-6f);
        for (long seed = 1; seed <= 5; seed++) {
            assertArrayEquals(expected, median.aggregate(Fixtures.shuffled(in, seed)), 0f);
        }
    }

    @Test
    void staysWithTheHonestClientsWhenTwoOfNineAreFarAway() {
        List<ClientUpdate> in = Fixtures.withByzantine(v(1, -2, 3, 0.5f), 7, 2);
        float[] honest = Fixtures.mean(in, 7);
        assertTrue(Fixtures.maxAbsDiff(median.aggregate(in), honest) < 0.2);
        assertTrue(Fixtures.maxAbsDiff(new FedAvg().aggregate(in), honest) > 100);
    }

    @Test
    void aNanValueCountsAsAnExtremeOne() {
        // column 0: {1, 2, NaN} -> NaN sorts as +inf: 1, 2, +inf -> 2; column 1: {5, 3, 4} -> 4
        float[] result = median.aggregate(updates(v(1, 5), v(2, 3), v(Float.NaN, 4)));
        assertArrayEquals(new float[] {2f, 4f}, result, 1e-6f);
        // trimmed mean f = 1 drops it the same way: (2), (4)
        assertArrayEquals(new float[] {2f, 4f}, TrimmedMean.ofCount(1).aggregate(updates(v(1, 5), v(2, 3), v(Float.NaN, 4))), 1e-6f);
    }

    @Test
    void rejectsTwoUpdatesFromOneParticipant() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> median.aggregate(List.of(
                new ClientUpdate(3, v(1), 1), new ClientUpdate(1, v(2), 1), new ClientUpdate(3, v(0), 1))));
        assertEquals("participant 3 sent more than one update this round", e.getMessage());
    }

    @Test
    void rejectsAnEmptyRound() {
        assertThrows(IllegalArgumentException.class, () -> median.aggregate(List.of()));
        assertEquals("median", median.name());
    }
}
