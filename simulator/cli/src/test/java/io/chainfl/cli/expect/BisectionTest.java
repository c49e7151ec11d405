package io.chainfl.cli.expect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The search itself, on synthetic monotone functions whose breaking point is known exactly. */
class BisectionTest {

    /** 0.9 up to the knee, then falling by 1 per unit: falls more than 0.05 below 0.9 just above knee + 0.05. */
    private static DoubleUnaryOperator kneeAt(double knee, List<Double> calls) {
        return x -> {
            calls.add(x);
            return x <= knee ? 0.9 : 0.9 - (x - knee);
        };
    }

    @Test
    void bracketsTheBreakingPointWithinTheTolerance() {
        for (double knee : new double[] {0.0, 0.13, 0.2, 0.37, 0.44}) {
            List<Double> calls = new ArrayList<>();
            Bisection.Result r = Bisection.search(kneeAt(knee, calls), 0.0, 0.5, 0.0, 0.05, 0.01);
            double truth = knee + 0.05;
            assertEquals(Bisection.Status.FOUND, r.status());
            assertTrue(r.lastHolding() <= truth && truth <= r.firstBreaking(), "knee " + knee + ": " + r);
            assertTrue(r.firstBreaking() - r.lastHolding() <= 0.01, "bracket within the tolerance: " + r);
            assertEquals(r.firstBreaking(), r.threshold());
            assertEquals(0.9, r.referenceValue());
            assertEquals(calls.size(), calls.stream().distinct().count(), "each value is evaluated once: " + calls);
            assertEquals(calls.size(), r.evaluated().size());
            // lo, hi and ceil(log2(0.5 / 0.01)) = 6 halvings
            assertEquals(8, calls.size(), "knee " + knee + ": " + calls);
        }
    }

    @Test
    void nothingBreaksUpToHi() {
        Bisection.Result r = Bisection.search(x -> 0.9 - 0.01 * x, 0.0, 1.0, 0.0, 0.05, 0.05);
        assertEquals(Bisection.Status.HOLDS_AT_HI, r.status());
        assertEquals(Double.POSITIVE_INFINITY, r.threshold());
        assertEquals(2, r.evaluated().size(), "stops after lo and hi");
    }

    @Test
    void alreadyBrokenAtLoWhenTheReferenceLiesBelowIt() {
        Bisection.Result r = Bisection.search(x -> 0.9 - x, 0.2, 0.6, 0.0, 0.05, 0.05);
        assertEquals(Bisection.Status.BREAKS_AT_LO, r.status());
        assertEquals(0.2, r.threshold());
        assertEquals(0.85, r.limit(), 1e-12);
    }

    @Test
    void aMissingMetricCountsAsBroken() {
        Bisection.Result r = Bisection.search(x -> x < 0.3 ? 0.9 : Double.NaN, 0.0, 1.0, 0.0, 0.05, 0.05);
        assertEquals(Bisection.Status.FOUND, r.status());
        assertTrue(r.lastHolding() < 0.3 && r.firstBreaking() >= 0.3, r.toString());
    }
}
