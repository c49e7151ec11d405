package io.chainfl.engine.metrics;

import java.util.List;
import java.util.Optional;

/** Everything a run measured, in memory: what reports read. */
public record RunResult(String name, long seed, List<RoundMetrics> rounds, List<RunEvent> events) {
    public RunResult {
        rounds = List.copyOf(rounds);
        events = List.copyOf(events);
    }

    public List<String> series() {
        return rounds.stream().map(RoundMetrics::series).distinct().toList();
    }

    public List<RoundMetrics> series(String name) {
        return rounds.stream().filter(r -> r.series().equals(name)).toList();
    }

    public Optional<RoundMetrics> last(String seriesName) {
        List<RoundMetrics> s = series(seriesName);
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(s.size() - 1));
    }
}
