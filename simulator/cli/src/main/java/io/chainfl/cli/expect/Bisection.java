package io.chainfl.cli.expect;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;

/**
 * Finds, by bisection, the smallest parameter value at which a metric falls by more than {@code drop} below its
 * value at a reference point. Assumes the metric falls monotonically in the parameter (more adversaries, less
 * accuracy); each parameter value is evaluated at most once.
 */
public final class Bisection {
    public enum Status {
        /** the metric holds at lo and breaks at hi: the threshold lies in [lastHolding, firstBreaking] */
        FOUND,
        /** the metric still holds at hi: the threshold is above the interval */
        HOLDS_AT_HI,
        /** the metric already breaks at lo: the threshold is at or below lo */
        BREAKS_AT_LO
    }

    /**
     * The search's outcome. {@code threshold} is the first breaking value found ({@code +Infinity} when nothing
     * broke up to hi, lo when lo already broke); {@code evaluated} maps every parameter value tried to its metric.
     */
    public record Result(Status status, double threshold, double lastHolding, double firstBreaking, double referenceValue,
                         double limit, Map<Double, Double> evaluated) {
        public Result {
            evaluated = java.util.Collections.unmodifiableMap(new TreeMap<>(evaluated));
        }
    }

    private Bisection() {}

    public static Result search(DoubleUnaryOperator metric, double lo, double hi, double reference, double drop, double tolerance) {
        if (!(hi > lo) || !(tolerance > 0) || !(drop > 0)) {
            throw new IllegalArgumentException("need lo < hi, tolerance > 0 and drop > 0: lo " + lo + " hi " + hi + " tolerance " + tolerance + " drop " + drop);
        }
        Map<Double, Double> evaluated = new TreeMap<>();
        DoubleUnaryOperator once = x -> evaluated.computeIfAbsent(x, metric::applyAsDouble);
        double referenceValue = once.applyAsDouble(reference);
        double limit = referenceValue - drop;
        // a missing or diverged metric (NaN) counts as broken
        java.util.function.DoublePredicate breaks = x -> !(once.applyAsDouble(x) >= limit);
        if (breaks.test(lo)) {
            return new Result(Status.BREAKS_AT_LO, lo, Double.NaN, lo, referenceValue, limit, evaluated);
        }
        if (!breaks.test(hi)) {
            return new Result(Status.HOLDS_AT_HI, Double.POSITIVE_INFINITY, hi, Double.NaN, referenceValue, limit, evaluated);
        }
        double holding = lo;
        double breaking = hi;
        while (breaking - holding > tolerance) {
            double mid = (holding + breaking) / 2;
            if (breaks.test(mid)) {
                breaking = mid;
            } else {
                holding = mid;
            }
        }
        return new Result(Status.FOUND, breaking, holding, breaking, referenceValue, limit, evaluated);
    }
}
