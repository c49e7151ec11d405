package io.chainfl.learning.crypto;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * A {@link Random} fed by a seeded {@link SplittableRandom}, so prime generation and Paillier's randomness r
 * are reproducible from the run's seed. This is for reproducible simulation, NOT for security: a real
 * deployment draws r and the primes from a SecureRandom.
 */
public final class DeterministicRandom extends Random {
    private final SplittableRandom source;

    public DeterministicRandom(SplittableRandom source) {
        super(0);
        this.source = source;
    }

    @Override
    protected int next(int bits) {
        // the super constructor calls setSeed before source is assigned; next() is only used afterwards
        return (int) (source.nextLong() >>> (64 - bits));
    }
}
