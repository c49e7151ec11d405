package io.chainfl.engine.config;

import java.util.Arrays;
import java.util.List;

/**
 * A bisection search for the smallest value of {@code param} at which {@code metric} (mean over the seeds) falls
 * by more than {@code drop} below its value at {@code reference}; used by {@code chainfl threshold} and by
 * threshold assertions.
 */
public record ThresholdConfig(
        @Doc("config key path(s) to vary, comma-separated when several keys take the same value (e.g. adversaries.0.fraction,adversaries.1.fraction)") String param,
        @Doc("what must not fall: final_accuracy, final_macro_f1 or final_COLUMN (the last round of a metrics.csv column); default final_accuracy") String metric,
        @Doc("series the metric is read from (default: the scenario's own series)") String series,
        @Doc("how far the metric may fall below its reference value before the parameter counts as breaking (default 0.05)") @Range(min = 0, exclusiveMin = true) Double drop,
        @Doc("lower end of the search interval (default 0)") Double lo,
        @Doc("upper end of the search interval; the metric must break there (default 1)") Double hi,
        @Doc("parameter value whose metric is the reference (default: lo)") Double reference,
        @Doc("stop when the bracket [last holding, first breaking] is at most this wide (default 0.05)") @Range(min = 0, exclusiveMin = true) Double tolerance) {

    public ThresholdConfig {
        if (param == null || param.isBlank()) {
            throw new IllegalArgumentException("param: missing; name the key to vary, e.g. param: adversaries.0.fraction");
        }
        metric = metric == null ? "final_accuracy" : metric;
        if (!metric.startsWith("final_") || metric.length() == "final_".length()) {
            throw new IllegalArgumentException("metric: expected final_accuracy, final_macro_f1 or final_COLUMN, got '" + metric + "'");
        }
        drop = drop == null ? 0.05 : drop;
        lo = lo == null ? 0.0 : lo;
        hi = hi == null ? 1.0 : hi;
        reference = reference == null ? lo : reference;
        tolerance = tolerance == null ? 0.05 : tolerance;
        if (!(hi > lo)) {
            throw new IllegalArgumentException("hi: must be above lo (" + lo + "), got " + hi);
        }
    }

    /** The key paths that all take the searched value. */
    public List<String> params() {
        return Arrays.stream(param.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The metrics.csv column the metric reads (accuracy for final_accuracy). */
    public String column() {
        return metric.substring("final_".length());
    }
}
