package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many runs from one file ({@code chainfl sweep}): every combination of the grid's values, each with every
 * seed. The grid keeps the file's key order: the first key varies slowest, seeds fastest.
 */
public record SweepConfig(
        @Doc("config key paths (as for --set, list entries by index: adversaries.0.fraction) and the values each takes; every combination runs")
        Map<String, List<Object>> grid,
        @Doc("the seeds every grid point runs with (empty: the config's seed, or see repeats)") List<Long> seeds,
        @Doc("run every grid point with this many seeds: the config's seed, then seeds derived from it (0: use seeds)")
        @Range(min = 0, max = 10_000) Integer repeats,
        @Doc("what the sweep chart plots") SweepChartConfig chart) {

    public SweepConfig {
        grid = grid == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(grid));
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        repeats = repeats == null ? 0 : repeats;
        chart = chart == null ? SweepChartConfig.defaults() : chart;
    }

    public static SweepConfig defaults() {
        return new SweepConfig(null, null, null, null);
    }

    /** Whether this config asks for a sweep at all. */
    @JsonIgnore
    public boolean isEmpty() {
        return grid.isEmpty() && seeds.isEmpty() && repeats == 0;
    }
}
