package io.chainfl.engine.checkpoint;

import java.util.Optional;

/**
 * The run's side of checkpointing, as a scenario sees it: where to start a series and what to call after each
 * round. {@link #NONE} never resumes and saves nothing (tests, variants).
 */
public interface RunCheckpoints {
    /** Where a resumed series continues: after {@code round}, from {@code state}. */
    record Restored(int round, Snapshot state) {}

    /**
     * The state to continue the series from; empty to start at round 1. A series that already finished
     * returns its last round, so the scenario runs nothing.
     */
    Optional<Restored> resume(String series);

    /**
     * Called after the round's results went to the listener: writes a checkpoint (when due) and, when the user
     * asked the run to stop, throws {@link RunInterrupted} after the checkpoint is on disk.
     */
    void roundDone(String series, int round, Checkpointable state);

    RunCheckpoints NONE = new RunCheckpoints() {
        @Override
        public Optional<Restored> resume(String series) {
            return Optional.empty();
        }

        @Override
        public void roundDone(String series, int round, Checkpointable state) {}
    };

    /** The first round a scenario should run for {@code series}. */
    default int firstRound(String series) {
        return resume(series).map(r -> r.round() + 1).orElse(1);
    }
}
