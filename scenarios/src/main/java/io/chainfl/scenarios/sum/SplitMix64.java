package io.chainfl.scenarios.sum;

import java.util.random.RandomGenerator;

/**
 * The algorithm of OpenJDK 17's {@link java.util.SplittableRandom} (SplitMix64: the seed advances by gamma, each
 * output is a mix of it), with its state readable so a checkpoint can save an agent part-way through its draws.
 * Only nextLong and nextInt are defined here; every other draw (nextInt(bound), nextDouble, nextGaussian) is the
 * {@link RandomGenerator} default that SplittableRandom inherits too, so the sequences are the same draw for draw
 * and SUM's results did not change when its agents moved to this class ({@code SplitMix64Test} checks it).
 */
final class SplitMix64 implements RandomGenerator {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long seed;
    private final long gamma;

    /** The same sequence as {@code new SplittableRandom(seed)}. */
    SplitMix64(long seed) {
        this(seed, GOLDEN_GAMMA);
    }

    private SplitMix64(long seed, long gamma) {
        this.seed = seed;
        this.gamma = gamma;
    }

    /** Continues exactly where the generator that returned {@code state} stopped. */
    static SplitMix64 restore(long[] state) {
        if (state.length != 2) {
            throw new IllegalArgumentException("a SplitMix64 state is (seed, gamma), got " + state.length + " values");
        }
        return new SplitMix64(state[0], state[1]);
    }

    /** (seed, gamma): everything the next draws depend on. */
    long[] state() {
        return new long[] {seed, gamma};
    }

    /** The state as the SUM agent messages carry it. */
    static io.chainfl.agents.sum.SumAgentActor.Draws draws(SplitMix64 random) {
        return new io.chainfl.agents.sum.SumAgentActor.Draws(random.seed, random.gamma);
    }

    private long nextSeed() {
        return seed += gamma;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    @Override
    public long nextLong() {
        return mix64(nextSeed());
    }

    @Override
    public int nextInt() {
        return mix32(nextSeed());
    }
}
