package io.chainfl.engine.metrics;

import java.util.Objects;

/**
 * One column of {@code metrics.csv}. Whoever emits a metric owns its declaration as a constant and uses the same
 * constant to declare the column (a scenario's {@code metrics()}) and to fill it ({@link MetricValues#put}), so a
 * column cannot be filled under a name nobody declared.
 *
 * @param name        the column name
 * @param unit        what one unit of the value is ("transactions", "bytes", "fraction"), for people reading the CSV
 * @param description one line saying what the value measures
 * @param decimals    digits after the point in {@code metrics.csv}, for values that are exact at a known precision (virtual
 *                    seconds with millisecond precision); -1, the default, writes the shortest text that round-trips the double
 */
public record Metric(String name, String unit, String description, int decimals) {
    public Metric(String name, String unit, String description) {
        this(name, unit, description, -1);
    }

    public Metric {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(description, "description");
        if (name == null || name.isBlank() || name.contains(",")) {
            throw new IllegalArgumentException("a metric needs a name without commas, got '" + name + "'");
        }
    }

    /** The value as {@code metrics.csv} writes it (NaN: an empty cell). */
    public String format(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        return decimals < 0 ? Double.toString(value) : String.format(java.util.Locale.ROOT, "%." + decimals + "f", value);
    }
}
