package io.chainfl.engine.metrics;

import java.util.SortedMap;
import java.util.TreeMap;

/** A round's values of declared metrics, filled through their {@link Metric} constants only. */
public final class MetricValues {
    private final TreeMap<String, Double> values = new TreeMap<>();

    public MetricValues put(Metric metric, double value) {
        values.put(metric.name(), value);
        return this;
    }

    /** The values as {@link RoundMetrics#extra()} holds them, by column name. */
    public SortedMap<String, Double> byName() {
        return new TreeMap<>(values);
    }

    /** Takes over values another emitter filled through its own constants (an observer's metrics). */
    public MetricValues putAll(MetricValues other) {
        values.putAll(other.values);
        return this;
    }
}
