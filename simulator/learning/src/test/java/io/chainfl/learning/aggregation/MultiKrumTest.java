package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiKrumTest {
    /*
     * n = 5, f = 1: each score sums the n - f - 2 = 2 smallest squared distances to the others.
     * u0 = (0,0), u1 = (1,0), u2 = (0,2), u3 = (3,3), u4 = (-20,0)
     * d01 = 1, d02 = 4, d03 = 18, d04 = 400, d12 = 1 + 4 = 5, d13 = 4 + 9 = 13, d14 = 441,
     * d23 = 9 + 1 = 10, d24 = 400 + 4 = 404, d34 = 529 + 9 = 538
     * score(u0) = 1 + 4 = 5, score(u1) = 1 + 5 = 6, score(u2) = 4 + 5 = 9, score(u3) = 10 + 13 = 23,
     * score(u4) = 400 + 404 = 804 -> ranking u0, u1, u2, u3, u4
     */
    private final List<ClientUpdate> five = updates(v(0, 0), v(1, 0), v(0, 2), v(3, 3), v(-20, 0));

    @Test
    void krumPicksTheLowestScore() {
        MultiKrum krum = MultiKrum.krum(1);
        assertEquals("krum", krum.name());
        assertArrayEquals(new float[] {0f, 0f}, krum.aggregate(five), 1e-6f);
    }

    @Test
    void multiKrumAveragesTheMLowestScores() {
        // m = 3: u0, u1, u2 -> ((0+1+0)/3, (0+0+2)/3) = (1/3, 2/3)
        assertArrayEquals(new float[] {1f / 3, 2f / 3}, new MultiKrum(1, 3).aggregate(five), 1e-6f);
        // m unset = n - f = 4: u0..u3 -> ((0+1+0+3)/4, (0+0+2+3)/4) = (1, 1.25)
        assertArrayEquals(new float[] {1f, 1.25f}, new MultiKrum(1, null).aggregate(five), 1e-6f);
    }

    @Test
    void averagesWithoutDataSizeWeights() {
        List<ClientUpdate> weighted = new ArrayList<>();
        for (ClientUpdate u : five) {
            weighted.add(new ClientUpdate(u.participantId(), u.delta(), 1 + 10L * u.participantId()));
        }
        assertArrayEquals(new float[] {1f / 3, 2f / 3}, new MultiKrum(1, 3).aggregate(weighted), 1e-6f);
    }

    @Test
    void tiesGoToTheLowerParticipantIdWhateverTheInputOrder() {
        /*
         * ids 10..14: a = (0,0), b = (1,0), c = (0,1), d = (1,1), e = (10,10), f = 1, 2 nearest neighbours.
         * d(a,b) = d(a,c) = d(b,d) = d(c,d) = 1, d(a,d) = d(b,c) = 2, d(a,e) = 200, d(b,e) = d(c,e) = 181, d(d,e) = 162
         * score(a) = score(b) = score(c) = score(d) = 1 + 1 = 2, score(e) = 162 + 181 = 343
         * Krum: four-way tie -> lowest id 10 = (0,0); m = 2: ids 10, 11 -> (0.5, 0)
         */
        float[][] points = {v(0, 0), v(1, 0), v(0, 1), v(1, 1), v(10, 10)};
        List<ClientUpdate> in = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            in.add(new ClientUpdate(10 + i, points[i], 1));
        }
        for (long seed = 0; seed <= 6; seed++) {
            List<ClientUpdate> order = seed == 0 ? in : Fixtures.shuffled(in, seed);
            assertArrayEquals(new float[] {0f, 0f}, MultiKrum.krum(1).aggregate(order), 0f);
            assertArrayEquals(new float[] {0.5f, 0f}, new MultiKrum(1, 2).aggregate(order), 0f);
        }
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        float[] expected = new MultiKrum(1, 3).aggregate(five);
        for (long seed = 1; seed <= 5; seed++) {
            assertArrayEquals(expected, new MultiKrum(1, 3).aggregate(Fixtures.shuffled(five, seed)), 0f);
            assertArrayEquals(new float[] {0f, 0f}, MultiKrum.krum(1).aggregate(Fixtures.shuffled(five, seed)), 0f);
        }
    }

    @Test
    void staysWithTheHonestClientsWhenTwoOfNineAreFarAway() {
        List<ClientUpdate> in = Fixtures.withByzantine(v(1, -2, 3, 0.5f), 7, 2);
        float[] honest = Fixtures.mean(in, 7);
        assertTrue(Fixtures.maxAbsDiff(MultiKrum.krum(2).aggregate(in), honest) < 0.2);
        assertTrue(Fixtures.maxAbsDiff(new MultiKrum(2, null).aggregate(in), honest) < 1e-5);
        assertTrue(Fixtures.maxAbsDiff(new FedAvg().aggregate(in), honest) > 100);
    }

    @Test
    void aNanUpdateGetsTheWorstScore() {
        // u4 = (NaN, 0) is infinitely far from everyone; the others keep their scores 5, 6, 9, 23 from above
        List<ClientUpdate> in = updates(v(0, 0), v(1, 0), v(0, 2), v(3, 3), v(Float.NaN, 0));
        assertArrayEquals(new float[] {0f, 0f}, MultiKrum.krum(1).aggregate(in), 0f);
        assertArrayEquals(new float[] {1f, 1.25f}, new MultiKrum(1, null).aggregate(in), 1e-6f);
    }

    @Test
    void rejectsTooFewUpdatesForF() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MultiKrum.krum(1).aggregate(updates(v(0), v(1), v(2), v(3))));
        assertEquals("krum with f = 1 needs n > 2f + 2 = 4 updates, got 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MultiKrum(1, 5).aggregate(five));
        assertEquals("multi_krum m = 5 must be at most n - f = 4 (n = 5, f = 1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MultiKrum(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new MultiKrum(1, 0));
    }
}
