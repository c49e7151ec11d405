package io.chainfl.agents.adversary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class RocAucTest {
    private static final boolean T = true;
    private static final boolean F = false;

    @Test
    void perfectReversedAndChanceRankings() {
        assertEquals(1.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {F, F, T, T}));
        assertEquals(0.0, RocAuc.of(new double[] {0.1, 0.2, 0.8, 0.9}, new boolean[] {T, T, F, F}));
        assertEquals(0.5, RocAuc.of(new double[] {0.5, 0.5, 0.5, 0.5}, new boolean[] {T, F, T, F}), "all tied: every pair counts one half");
    }

    @Test
    void handComputedPairCounts() {
        // positives 0.8, 0.4; negatives 0.6, 0.2, 0.1: of 6 pairs the positive wins 5 (0.4 < 0.6 loses) -> 5/6
        assertEquals(5.0 / 6, RocAuc.of(new double[] {0.8, 0.6, 0.4, 0.2, 0.1}, new boolean[] {T, F, T, F, F}), 1e-12);
        // positives 0.7, 0.3; negatives 0.3, 0.1: pairs (0.7,0.3) 1, (0.7,0.1) 1, (0.3,0.3) 1/2, (0.3,0.1) 1 -> 3.5/4
        assertEquals(3.5 / 4, RocAuc.of(new double[] {0.3, 0.7, 0.1, 0.3}, new boolean[] {F, T, F, T}), 1e-12);
        // one positive below two of three negatives: 1/3
        assertEquals(1.0 / 3, RocAuc.of(new double[] {2, 3, 1, 2.5}, new boolean[] {T, F, F, F}), 1e-12);
    }

    @Test
    void undefinedWithoutBothClasses() {
        assertTrue(Double.isNaN(RocAuc.of(new double[] {1, 2}, new boolean[] {T, T})));
        assertTrue(Double.isNaN(RocAuc.of(new double[] {}, new boolean[] {})));
        assertThrows(IllegalArgumentException.class, () -> RocAuc.of(new double[] {1}, new boolean[] {T, F}));
    }

    @Test
    void logisticRegressionSeparatesALinearlySeparableSet() {
        float[] x = {1, 0, 0.9f, 0.1f, 0.8f, 0.3f, 0, 1, 0.2f, 0.9f, 0.1f, 0.7f};
        double[] y = {1, 1, 1, 0, 0, 0};
        LogisticRegression lr = LogisticRegression.fit(Nd4j.create(x, new long[] {6, 2}, DataType.FLOAT), y, 500, 1.0, 0);
        double[] scores = lr.scores(Nd4j.create(new float[] {0.7f, 0.2f, 0.3f, 0.6f}, new long[] {2, 2}, DataType.FLOAT));
        assertTrue(scores[0] > 0 && scores[1] < 0, "the point near the positives scores positive, the other negative: " + scores[0] + ", " + scores[1]);
    }
}
