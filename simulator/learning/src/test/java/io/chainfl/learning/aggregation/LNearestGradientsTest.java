package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.shuffled;
import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LNearestGradientsTest {
    @Test
    void averagesTheGradientClosestToItsNeighboursWithThem() {
        // 0, 1, 3, 10 with l = 2. Sums of distances to the 2 nearest others: 0 -> 1 + 3 = 4, 1 -> 1 + 2 = 3,
        // 3 -> 2 + 3 = 5, 10 -> 7 + 9 = 16. The winner is 1; with its neighbours 0 and 3 the mean is 4/3 (plain mean: 3.5)
        LNearestGradients rule = new LNearestGradients(2);
        assertArrayEquals(new int[] {0, 1, 2}, rule.neighbourhood(new float[][] {v(0), v(1), v(3), v(10)}));
        assertArrayEquals(v(4f / 3), rule.aggregate(updates(v(0), v(1), v(3), v(10))), 1e-6f);
        // l = 1: 0 -> 1, 1 -> 1, 3 -> 2, 10 -> 7: 0 and 1 tie, the lower id wins: mean of 0 and 1
        assertArrayEquals(v(0.5f), new LNearestGradients(1).aggregate(updates(v(0), v(1), v(3), v(10))), 0f);
        // l = n - 1: every gradient joins, the plain mean
        assertArrayEquals(v(3.5f), new LNearestGradients(3).aggregate(updates(v(0), v(1), v(3), v(10))), 0f);
    }

    @Test
    void scoresWithDistancesNotSquaredDistances() {
        // 0, 1, 4, 6, 8 with l = 2. Distances: 0 -> 1 + 4 = 5, 1 -> 1 + 3 = 4, 4 -> 2 + 3 = 5, 6 -> 2 + 2 = 4, 8 -> 2 + 4 = 6:
        // 1 and 6 tie, the lower id (1) wins, mean of 0, 1, 4 = 5/3. Squared distances would pick 6 (8 against 10) and
        // give 6; leaving the winner out of the mean would give 2.
        assertArrayEquals(v(5f / 3), new LNearestGradients(2).aggregate(updates(v(0), v(1), v(4), v(6), v(8))), 1e-6f);
    }

    @Test
    void keepsByzantineGradientsOutWherePlainAveragingFollowsThem() {
        // five honest gradients around (1, 1), two attackers far away: the aggregate is a mean of honest ones only
        List<ClientUpdate> updates = updates(v(1, 1), v(1.2f, 0.9f), v(0.8f, 1.1f), v(-50, -50), v(1.1f, 1.0f), v(0.9f, 1.0f), v(60, -40));
        float[] robust = new LNearestGradients(4).aggregate(updates);
        // the winner is (1, 1) (id 0): its 4 nearest are ids 4, 5 (0.1 away), 1 and 2; the mean is (1.0, 1.0)
        assertArrayEquals(v(1.0f, 1.0f), robust, 1e-6f);
        // the plain mean (fedavg, equal data sizes) is (15/7, -85/7): pulled far off by the two
        assertArrayEquals(v(15f / 7, -85f / 7), new FedAvg().aggregate(updates), 1e-5f);
    }

    @Test
    void ignoresInputOrderAndRefusesTooFewGradients() {
        List<ClientUpdate> updates = List.of(new ClientUpdate(3, v(1, 2), 5), new ClientUpdate(1, v(0, 1), 2), new ClientUpdate(2, v(4, -1), 9),
                new ClientUpdate(7, v(1, 1), 1));
        LNearestGradients rule = new LNearestGradients(2);
        assertArrayEquals(rule.aggregate(updates), rule.aggregate(shuffled(updates, 4)), 0f);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new LNearestGradients(4).aggregate(updates));
        assertEquals("l_nearest with l = 4 needs n > l gradients, got 4", refused.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LNearestGradients(0));
        assertEquals(5, new LNearestGradients.Params(4).minimumUpdates().orElseThrow().minimum());
        assertEquals("l_nearest", Aggregators.nameOf(LNearestGradients.Params.class));
    }
}
