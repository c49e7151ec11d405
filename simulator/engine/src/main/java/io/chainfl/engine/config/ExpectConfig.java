package io.chainfl.engine.config;

import java.util.List;

/**
 * Assertions over a config's results, evaluated by {@code chainfl check}: every seed listed here and every
 * variant of the file is run, then each assertion is checked against the outcomes.
 */
public record ExpectConfig(
        @Doc("seeds to run every variant with (empty: the config's own seed)") List<Long> seeds,
        @Doc("what must hold, each an assertion over a metric column, an event count or a threshold search") List<AssertionConfig> assertions) {

    public ExpectConfig {
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        assertions = assertions == null ? List.of() : List.copyOf(assertions);
        if (seeds.stream().distinct().count() != seeds.size()) {
            throw new IllegalArgumentException("seeds: each seed at most once (got " + seeds + ")");
        }
    }

    public static ExpectConfig defaults() {
        return new ExpectConfig(null, null);
    }

    /** The seeds to run: the listed ones, or the config's own seed. */
    public List<Long> seedsOr(long configSeed) {
        return seeds.isEmpty() ? List.of(configSeed) : seeds;
    }
}
