package io.chainfl.engine.metrics;

/** What one participant did in one round. */
public record ParticipantMetrics(String series, int round, int participant, int samples, double trainLoss) {}
