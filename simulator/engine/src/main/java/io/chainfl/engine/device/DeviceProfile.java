package io.chainfl.engine.device;

/**
 * One device's speed, and the virtual time its work takes. Every duration is a whole number of milliseconds,
 * rounded UP from the exact quotient (a piece of work that takes any time takes at least 1 ms, and a sum of pieces
 * never undercounts); the double arithmetic is IEEE-strict in Java 17, so the rounding is the same everywhere.
 *
 * @param computeFlops      floating-point operations per second the device sustains while training or evaluating
 * @param uploadBytesPerS   bytes per second it sends
 * @param downloadBytesPerS bytes per second it receives
 * @param latencyMs         milliseconds every transfer waits before its first byte arrives (one way)
 * @param dropout           probability that the device is offline in a round
 * @param modexp            how long its modular exponentiations take (Paillier's unit of cost, {@link ModexpTimes})
 */
public record DeviceProfile(double computeFlops, double uploadBytesPerS, double downloadBytesPerS, double latencyMs, double dropout, ModexpTimes modexp) {
    public DeviceProfile {
        if (!(computeFlops > 0) || !(uploadBytesPerS > 0) || !(downloadBytesPerS > 0) || !(latencyMs >= 0) || !(dropout >= 0 && dropout <= 1)
                || modexp == null) {
            throw new IllegalArgumentException("a device needs positive rates, a latency >= 0, a dropout in [0, 1] and modexp times: " + this);
        }
    }

    /** A device with the laptop preset's modular arithmetic (where only training and transfers are costed). */
    public DeviceProfile(double computeFlops, double uploadBytesPerS, double downloadBytesPerS, double latencyMs, double dropout) {
        this(computeFlops, uploadBytesPerS, downloadBytesPerS, latencyMs, dropout, DevicePreset.LAPTOP_MODEXP);
    }

    /** Milliseconds of work that takes {@code seconds} (already summed from its operations), rounded up like every piece. */
    public long millis(double seconds) {
        return ceilMillis(seconds);
    }

    /** Milliseconds to compute {@code flops} floating-point operations. */
    public long computeMillis(double flops) {
        return ceilMillis(flops / computeFlops);
    }

    /** Milliseconds to receive {@code bytes}: the latency plus the bytes over the download bandwidth. */
    public long downloadMillis(long bytes) {
        return ceilMillis(latencyMs / 1000.0 + bytes / downloadBytesPerS);
    }

    /** Milliseconds to send {@code bytes}: the latency plus the bytes over the upload bandwidth. */
    public long uploadMillis(long bytes) {
        return ceilMillis(latencyMs / 1000.0 + bytes / uploadBytesPerS);
    }

    /** The same device {@code factor} times slower: rates divided by it, the latency multiplied. */
    public DeviceProfile slowedBy(double factor) {
        return new DeviceProfile(computeFlops / factor, uploadBytesPerS / factor, downloadBytesPerS / factor, latencyMs * factor, dropout,
                modexp.slowedBy(factor));
    }

    private static long ceilMillis(double seconds) {
        return (long) Math.ceil(seconds * 1000.0);
    }
}
