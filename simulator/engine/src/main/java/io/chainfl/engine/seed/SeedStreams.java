package io.chainfl.engine.seed;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;

/**
 * Derives an independent random stream for every named consumer (a participant, a data split, a model
 * initialisation, an adversary) from one master seed. Streams are keyed by a stable name rather than
 * by creation order, so adding a consumer never shifts the randomness of another one.
 */
public final class SeedStreams {
    private final long masterSeed;

    public SeedStreams(long masterSeed) {
        this.masterSeed = masterSeed;
    }

    public long masterSeed() {
        return masterSeed;
    }

    /** A 64-bit seed derived from the master seed and the name (first 8 bytes of SHA-256). */
    public long seedFor(String name) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(masterSeed).array());
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    public SplittableRandom stream(String name) {
        return new SplittableRandom(seedFor(name));
    }

    /** Convenience for hierarchical names such as {@code participant/3/round/7}. */
    public SplittableRandom stream(String first, Object... rest) {
        StringBuilder sb = new StringBuilder(first);
        for (Object part : rest) {
            sb.append('/').append(part);
        }
        return stream(sb.toString());
    }
}
