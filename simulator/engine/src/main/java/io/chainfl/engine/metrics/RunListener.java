package io.chainfl.engine.metrics;

/** Receives a run's results as they happen, in a deterministic order per series. */
public interface RunListener {
    void onRound(RoundMetrics metrics);

    default void onParticipant(ParticipantMetrics metrics) {}

    default void onEvent(RunEvent event) {}

    default void onTiming(TimingRecord timing) {}

    RunListener NONE = metrics -> {};
}
