package io.chainfl.engine.metrics;

/** Wall-clock duration of one phase of a round. Kept apart from results: it is the only non-deterministic output. */
public record TimingRecord(String series, int round, String phase, double millis) {}
