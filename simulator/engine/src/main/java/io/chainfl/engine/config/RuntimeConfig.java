package io.chainfl.engine.config;

public record RuntimeConfig(
        @Doc("threads that train participants concurrently (0 = number of cores); with 2 or more, a fresh run also computes the"
                + " centralized baseline on a thread of its own beside the scenario; results do not depend on it")
        @Range(min = 0, max = 1024) Integer threads,
        @Doc("a participant whose training (or, in seccl, scoring; in deepchain, encrypting or decrypting) throws: fail (the run stops"
                + " with the error), drop (the round completes without it and it takes no further part) or restart (its step is retried"
                + " once with the same seed streams, then it is dropped); each failure is an event in events.csv; a dropped deepchain party"
                + " forfeits its deposit like a silent one; fedavg, seccl and deepchain")
        ParticipantFailurePolicy onParticipantFailure,
        @Doc("write a checkpoint (checkpoint/ in the run folder) every this many rounds (fedavg, seccl, deepchain and the centralized"
                + " baseline; for sum, every this many virtual days, at the day's end); 0 = only when interrupted. chainfl run --resume DIR"
                + " continues from it; results do not depend on it")
        @Range(min = 0, max = 1_000_000) Integer checkpointEvery,
        @Doc("clustered runs: what happens to the participants of a member lost mid-run (drop: they leave the remaining rounds;"
                + " reassign: re-created on a surviving member). Only a loss changes results")
        ParticipantLossPolicy onParticipantLoss) {

    public RuntimeConfig {
        threads = threads == null ? 0 : threads;
        onParticipantFailure = onParticipantFailure == null ? ParticipantFailurePolicy.FAIL : onParticipantFailure;
        checkpointEvery = checkpointEvery == null ? 1 : checkpointEvery;
        onParticipantLoss = onParticipantLoss == null ? ParticipantLossPolicy.REASSIGN : onParticipantLoss;
    }

    public RuntimeConfig(Integer threads) {
        this(threads, null, null, null);
    }

    public static RuntimeConfig defaults() {
        return new RuntimeConfig(null, null, null, null);
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /** These settings with those that never change results reset, for comparing two configs' results. */
    public RuntimeConfig withoutExecutionSettings() {
        return new RuntimeConfig(null, onParticipantFailure, null, onParticipantLoss);
    }
}
