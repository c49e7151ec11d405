package io.chainfl.learning.aggregation;

import static io.chainfl.learning.aggregation.Fixtures.updates;
import static io.chainfl.learning.aggregation.Fixtures.v;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BulyanTest {
    /*
     * n = 7, f = 1: theta = n - 2f = 5 selected, beta = theta - 2f = 3 kept per coordinate.
     * u0 = (0,6), u1 = (1,7), u2 = (2,7.5), u3 = (1,4), u4 = (3,0), u5 = (6,-8), u6 = (100,100)
     * squared distances: d01 = 2, d02 = 6.25, d03 = 5, d04 = 45, d05 = 232, d12 = 1.25, d13 = 9, d14 = 53,
     * d15 = 250, d23 = 13.25, d24 = 57.25, d25 = 256.25, d34 = 20, d35 = 169, d45 = 73, d*6 > 18000
     * iterated Krum, k = max(1, r - f - 2) nearest of the r remaining:
     *  r = 7, k = 4: u0 2+5+6.25+45 = 58.25, u1 2+1.25+9+53 = 65.25, u2 1.25+6.25+13.25+57.25 = 78,
     *                u3 5+9+13.25+20 = 47.25, u4 175.25, u5 724, u6 huge -> u3
     *  r = 6, k = 3: u0 2+6.25+45 = 53.25, u1 2+1.25+53 = 56.25, u2 64.75, u4 155.25, u5 555 -> u0
     *  r = 5, k = 2: u1 1.25+53 = 54.25, u2 1.25+57.25 = 58.5, u4 110.25, u5 323 -> u1
     *  r = 4, k = 1: u2 57.25, u4 min(57.25, 73) = 57.25, u5 73 -> tie, lower id: u2
     *  r = 3, k = 1: u4 73, u5 73 -> tie, lower id: u4
     * selected {u0..u4}.
     * column 0 sorted 0, 1, 1, 2, 3, median 1; runs of 3: [0,1,1] farthest 1, [1,1,2] farthest 1, [1,2,3] farthest 2
     *   -> tie between the first two, the lower run: (0+1+1)/3 = 2/3
     * column 1 sorted 0, 4, 6, 7, 7.5, median 6; [0,4,6] farthest 6, [4,6,7] farthest 2, [6,7,7.5] farthest 1.5
     *   -> (6+7+7.5)/3 = 20.5/3 (a plain trimmed mean would give (4+6+7)/3 = 17/3)
     */
    private final List<ClientUpdate> seven = updates(v(0, 6), v(1, 7), v(2, 7.5f), v(1, 4), v(3, 0), v(6, -8), v(100, 100));

    @Test
    void selectsByIteratedKrumThenAveragesTheValuesClosestToTheMedian() {
        Bulyan bulyan = new Bulyan(1);
        assertArrayEquals(new int[] {3, 0, 1, 2, 4}, bulyan.select(UpdateMatrix.stack(seven)));
        assertArrayEquals(new float[] {2f / 3, 20.5f / 3}, bulyan.aggregate(seven), 1e-5f);
    }

    @Test
    void withoutByzantineClientsItIsThePlainMean() {
        // f = 0: theta = beta = n, every value kept: ((1+2+6)/3, (4+0-1)/3) = (3, 1)
        assertArrayEquals(new float[] {3f, 1f}, new Bulyan(0).aggregate(updates(v(1, 4), v(2, 0), v(6, -1))), 1e-6f);
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        float[] expected = new Bulyan(1).aggregate(seven);
        for (long seed = 1; seed <= 5; seed++) {
            assertArrayEquals(expected, new Bulyan(1).aggregate(Fixtures.shuffled(seven, seed)), 0f);
        }
    }

    @Test
    void staysWithTheHonestClientsWhenTwoOfElevenAreFarAway() {
        List<ClientUpdate> in = Fixtures.withByzantine(v(1, -2, 3, 0.5f), 9, 2);
        float[] honest = Fixtures.mean(in, 9);
        assertTrue(Fixtures.maxAbsDiff(new Bulyan(2).aggregate(in), honest) < 0.1);
        assertTrue(Fixtures.maxAbsDiff(new FedAvg().aggregate(in), honest) > 100);
    }

    @Test
    void rejectsTooFewUpdatesForF() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bulyan(1).aggregate(seven.subList(0, 6)));
        assertEquals("bulyan with f = 1 needs n >= 4f + 3 = 7 updates, got 6", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Bulyan(-1));
    }
}
