package io.chainfl.engine.metrics;

import java.util.Map;

/**
 * What one participant did in one round; {@code extra} holds the values of the participant columns its scenario
 * declared ({@link MetricDeclarations#participantColumns()}, e.g. a contribution reward's valuation and payout), by name.
 */
public record ParticipantMetrics(String series, int round, int participant, int samples, double trainLoss, Map<String, Double> extra) {
    public ParticipantMetrics {
        extra = Map.copyOf(extra);
    }

    /** A row without extra columns. */
    public ParticipantMetrics(String series, int round, int participant, int samples, double trainLoss) {
        this(series, round, participant, samples, trainLoss, Map.of());
    }

    /** This row with {@code metric} set to {@code value}. */
    public ParticipantMetrics with(Metric metric, double value) {
        java.util.Map<String, Double> more = new java.util.HashMap<>(extra);
        more.put(metric.name(), value);
        return new ParticipantMetrics(series, round, participant, samples, trainLoss, more);
    }
}
