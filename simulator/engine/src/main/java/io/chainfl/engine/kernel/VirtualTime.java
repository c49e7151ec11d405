package io.chainfl.engine.kernel;

import io.chainfl.engine.metrics.Metric;

/**
 * The clock's time as a result: the {@value #COLUMN} column every scenario's {@code metrics.csv} carries (declared
 * once here; {@code Scenario.metricDeclarations} adds it to every series). The clock counts whole milliseconds, so the
 * column is written with exactly three decimals: the same text on every machine, and never in exponent notation,
 * however long a run lasts.
 */
public final class VirtualTime {
    public static final String COLUMN = "virtual_time_s";
    public static final Metric METRIC = new Metric(COLUMN, "s",
            "the run's virtual clock at the end of the round (sum: of the day), in seconds with millisecond precision", 3);

    private VirtualTime() {}

    /** Virtual milliseconds as the column's seconds; written with three decimals, they read back as the exact milliseconds. */
    public static double seconds(long millis) {
        return millis / 1000.0;
    }
}
