package io.chainfl.ledger.ethereum;

/**
 * How long to wait before each retry of a JSON-RPC call that failed with an I/O error: {@code initialMs}
 * before the first, doubling, never more than {@code maxMs}; after {@code retries} retries the call fails.
 * A node that restarts or drops connections for a few seconds costs a pause, not the run.
 */
record Backoff(int retries, long initialMs, long maxMs) {
    Backoff {
        maxMs = Math.max(maxMs, initialMs);
        if (retries < 0 || initialMs < 0) {
            throw new IllegalArgumentException("retries " + retries + ", initial " + initialMs + " ms, max " + maxMs + " ms");
        }
    }

    /** The pause before retry number {@code retry} (1-based). */
    long delayBeforeRetry(int retry) {
        if (retry < 1 || retry > retries) {
            throw new IllegalArgumentException("retry " + retry + " of " + retries);
        }
        long delay = initialMs;
        for (int i = 1; i < retry && delay < maxMs; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxMs);
    }

    /** The longest a call can spend waiting between attempts before it fails (the attempts themselves not counted). */
    long totalDelayMs() {
        long total = 0;
        for (int retry = 1; retry <= retries; retry++) {
            total += delayBeforeRetry(retry);
        }
        return total;
    }
}
