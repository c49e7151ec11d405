package io.chainfl.scenarios.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class SplitMix64Test {
    private static final long[] SEEDS = {0L, 1L, -1L, 42L, 0x9e3779b97f4a7c15L, Long.MIN_VALUE, 7_046_029_254_386_353_131L};
    private static final int DRAWS = 20_000;

    /** Every draw SumAgent makes, interleaved as an agent would, as raw bits so doubles compare exactly. */
    private static final ToLongFunction<RandomGenerator> MIXED_DRAW = r -> switch ((int) Long.remainderUnsigned(r.nextLong(), 6)) {
        case 0 -> r.nextInt(2);
        case 1 -> Double.doubleToRawLongBits(r.nextDouble());
        case 2 -> Double.doubleToRawLongBits(r.nextGaussian(600, 300));
        case 3 -> Double.doubleToRawLongBits(r.nextGaussian(30, 10));
        case 4 -> r.nextInt();
        default -> r.nextInt(1_000_003);
    };

    @Test
    void drawsTheSameSequencesAsSplittableRandom() {
        for (long seed : SEEDS) {
            assertSame(seed, "nextLong", RandomGenerator::nextLong);
            assertSame(seed, "nextInt", RandomGenerator::nextInt);
            assertSame(seed, "nextInt(2)", r -> r.nextInt(2));
            assertSame(seed, "nextDouble", r -> Double.doubleToRawLongBits(r.nextDouble()));
            assertSame(seed, "nextGaussian(mean, std)", r -> Double.doubleToRawLongBits(r.nextGaussian(1_800, 600)));
            assertSame(seed, "mixed", MIXED_DRAW);
        }
    }

    @Test
    void aRestoredStateContinuesTheSequence() {
        SplitMix64 original = new SplitMix64(99);
        for (int i = 0; i < 1_234; i++) {
            MIXED_DRAW.applyAsLong(original);
        }
        SplitMix64 restored = SplitMix64.restore(original.state());
        for (int i = 0; i < DRAWS; i++) {
            assertEquals(MIXED_DRAW.applyAsLong(original), MIXED_DRAW.applyAsLong(restored), "draw " + i);
        }
        assertNotEquals(new SplitMix64(99).nextLong(), restored.nextLong(), "the state is not the start's");
    }

    private static void assertSame(long seed, String what, ToLongFunction<RandomGenerator> draw) {
        SplittableRandom jdk = new SplittableRandom(seed);
        SplitMix64 ours = new SplitMix64(seed);
        for (int i = 0; i < DRAWS; i++) {
            assertEquals(draw.applyAsLong(jdk), draw.applyAsLong(ours), what + " differs at draw " + i + " for seed " + seed);
        }
    }
}
