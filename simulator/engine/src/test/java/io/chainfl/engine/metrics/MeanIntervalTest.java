package io.chainfl.engine.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MeanIntervalTest {

    @Test
    void studentTQuantilesMatchTheTables() {
        // two-sided 95% critical values, as printed in every statistics table (and scipy.stats.t.ppf(0.975, df));
        // Hipparchus's quantile with our solver accuracy agrees to about 1e-13
        assertEquals(12.706204736174694, MeanInterval.studentTQuantile(0.975, 1), 1e-12);
        assertEquals(4.302652729749462, MeanInterval.studentTQuantile(0.975, 2), 1e-12);
        assertEquals(2.7764451051977934, MeanInterval.studentTQuantile(0.975, 4), 1e-12);
        assertEquals(2.228138851986274, MeanInterval.studentTQuantile(0.975, 10), 1e-12);
        assertEquals(2.0422724563012378, MeanInterval.studentTQuantile(0.975, 30), 1e-12);
        assertEquals(-2.228138851986274, MeanInterval.studentTQuantile(0.025, 10), 1e-12);
    }

    @Test
    void intervalOfOneToFiveByHand() {
        // mean 3; s^2 = (4+1+0+1+4)/4 = 2.5; standard error sqrt(2.5/5) = 0.70710678; t(0.975, 4) = 2.77644511
        // half width 2.77644511 * 0.70710678 = 1.96324316
        MeanInterval ci = MeanInterval.of95(new double[] {1, 2, 3, 4, 5});
        assertEquals(3.0, ci.mean(), 1e-15);
        assertEquals(3.0 - 1.963243161477557, ci.lower(), 1e-9);
        assertEquals(3.0 + 1.963243161477557, ci.upper(), 1e-9);
        assertEquals(5, ci.n());
    }

    @Test
    void intervalOfThreeAccuracies() {
        // mean 0.81333; s = 0.025166; se = 0.014530; t(0.975, 2) = 4.302653: [0.750817, 0.875849]
        MeanInterval ci = MeanInterval.of95(new double[] {0.81, 0.84, 0.79});
        assertEquals(0.8133333333333334, ci.mean(), 1e-12);
        assertEquals(0.7508172385395757, ci.lower(), 1e-9);
        assertEquals(0.875849428127091, ci.upper(), 1e-9);
    }

    @Test
    void oneValueHasNoWidthAndNoneIsNaN() {
        MeanInterval one = MeanInterval.of95(new double[] {0.9});
        assertEquals(0.9, one.lower());
        assertEquals(0.9, one.upper());
        assertTrue(Double.isNaN(MeanInterval.of95(new double[0]).mean()));
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.studentTQuantile(1.0, 3));
        assertThrows(IllegalArgumentException.class, () -> MeanInterval.studentTQuantile(0.975, 0));
    }
}
