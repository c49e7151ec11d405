package io.chainfl.engine.metrics;

/**
 * The only place results code reads the wall clock. What it measures goes to {@code timing.csv} and
 * progress output, never into metrics, so it cannot break reproducibility.
 */
public final class Stopwatch {
    private final long start = System.nanoTime();

    public static Stopwatch start() {
        return new Stopwatch();
    }

    public double elapsedMillis() {
        return (System.nanoTime() - start) / 1e6;
    }
}
