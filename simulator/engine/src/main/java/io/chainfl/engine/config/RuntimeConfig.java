package io.chainfl.engine.config;

public record RuntimeConfig(
        @Doc("threads that train participants concurrently (0 = number of cores); results do not depend on it")
        @Range(min = 0, max = 1024) Integer threads,
        @Doc("clustered runs: what happens to the participants of a member lost mid-run (drop: they leave the remaining rounds;"
                + " reassign: re-created on a surviving member). Only a loss changes results")
        ParticipantLossPolicy onParticipantLoss) {

    public RuntimeConfig {
        threads = threads == null ? 0 : threads;
        onParticipantLoss = onParticipantLoss == null ? ParticipantLossPolicy.REASSIGN : onParticipantLoss;
    }

    public static RuntimeConfig defaults() {
        return new RuntimeConfig(null, null);
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
