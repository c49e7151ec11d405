package io.chainfl.engine.config;

public record RuntimeConfig(
        @Doc("threads that train participants concurrently (0 = number of cores); results do not depend on it")
        @Range(min = 0, max = 1024) Integer threads) {

    public RuntimeConfig {
        threads = threads == null ? 0 : threads;
    }

    public static RuntimeConfig defaults() {
        return new RuntimeConfig(null);
    }

    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
