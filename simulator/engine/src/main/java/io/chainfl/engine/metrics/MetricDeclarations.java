package io.chainfl.engine.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which metrics each series of a run declares, and so which columns {@code metrics.csv} has: the union of the
 * series' metrics, in the order first declared. A series declaring none (the centralized baseline) leaves the
 * extra cells of its rows empty. {@link #check} is what makes a declaration binding: a row with an undeclared or
 * a missing metric, or of a series nobody declared, is a bug in the emitter, so it fails loudly instead of
 * being dropped or written as an empty cell.
 */
public final class MetricDeclarations {
    private final List<Metric> columns;
    private final Map<String, Set<String>> namesBySeries;
    private final List<Metric> participantColumns;

    private MetricDeclarations(Map<String, List<Metric>> bySeries, List<Metric> participantColumns) {
        this.participantColumns = List.copyOf(participantColumns);
        LinkedHashMap<String, Metric> union = new LinkedHashMap<>();
        Map<String, Set<String>> names = new LinkedHashMap<>();
        bySeries.forEach((series, metrics) -> {
            Set<String> own = new LinkedHashSet<>();
            for (Metric m : metrics) {
                Metric earlier = union.putIfAbsent(m.name(), m);
                if (earlier != null && !earlier.equals(m)) {
                    throw new IllegalArgumentException("metric " + m.name() + " is declared twice with different meanings: " + earlier + " and " + m);
                }
                if (!own.add(m.name())) {
                    throw new IllegalArgumentException("series " + series + " declares metric " + m.name() + " twice");
                }
            }
            names.put(series, Set.copyOf(own));
        });
        this.columns = List.copyOf(union.values());
        this.namesBySeries = Map.copyOf(names);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One series declaring {@code metrics}. */
    public static MetricDeclarations of(String series, List<Metric> metrics) {
        return builder().series(series, metrics).build();
    }

    /** Every declared metric, in column order. */
    public List<Metric> columns() {
        return columns;
    }

    /**
     * The columns {@code participants.csv} adds after its fixed ones (none for most runs, so their files keep the
     * header they always had); a row leaves a column it has no value for empty.
     */
    public List<Metric> participantColumns() {
        return participantColumns;
    }

    public List<String> columnNames() {
        return columns.stream().map(Metric::name).toList();
    }

    /**
     * @throws IllegalStateException naming the series, the round and the metric when the row's series is not
     *                               declared, or the row carries a metric its series did not declare, or lacks one it did
     */
    public void check(RoundMetrics row) {
        Set<String> declared = namesBySeries.get(row.series());
        if (declared == null) {
            throw new IllegalStateException("series " + row.series() + ", round " + row.round() + ": the series declares no metrics (declared series: "
                    + namesBySeries.keySet().stream().sorted().toList() + ")");
        }
        for (String name : row.extra().keySet()) {
            if (!declared.contains(name)) {
                throw new IllegalStateException("series " + row.series() + ", round " + row.round() + ": metric " + name + " is not declared by the series");
            }
        }
        List<String> missing = new ArrayList<>();
        for (Metric m : columns) {
            if (declared.contains(m.name()) && !row.extra().containsKey(m.name())) {
                missing.add(m.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("series " + row.series() + ", round " + row.round() + ": declared metric " + String.join(", ", missing)
                    + " is missing");
        }
    }

    /** Collects series in order: the first series' metrics come first in the header. */
    public static final class Builder {
        private final LinkedHashMap<String, List<Metric>> bySeries = new LinkedHashMap<>();
        private List<Metric> participantColumns = List.of();

        public Builder series(String series, List<Metric> metrics) {
            List<Metric> earlier = bySeries.putIfAbsent(series, List.copyOf(metrics));
            if (earlier != null && !earlier.equals(metrics)) {
                throw new IllegalArgumentException("series " + series + " is declared twice with different metrics");
            }
            return this;
        }

        /** Extra columns of {@code participants.csv}, in order. */
        public Builder participantColumns(List<Metric> metrics) {
            this.participantColumns = List.copyOf(metrics);
            return this;
        }

        public MetricDeclarations build() {
            return new MetricDeclarations(bySeries, participantColumns);
        }
    }
}
