package io.chainfl.learning.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Participants that share a training thread share its gradient, row order and batch arrays ({@link TrainingScratch}):
 * what one training leaves there must not change the next one's result, whatever its size, width or model.
 */
class TrainingScratchTest {

    private static Dataset data(int rows, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * features];
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = random.nextInt(3);
            for (int f = 0; f < features; f++) {
                x[i * features + f] = (float) ((f % 3 == y[i] ? 2.0 : 0.0) + random.nextGaussian());
            }
        }
        return new Dataset("d" + seed, x, y, features, 3, null);
    }

    /** Trains a fresh MLP on {@code data} on a thread of its own, which has never trained before. */
    private static float[] onFreshThread(Dataset data, TrainingConfig cfg, long seed) throws InterruptedException {
        AtomicReference<float[]> result = new AtomicReference<>();
        Thread thread = new Thread(() -> result.set(trained(data, cfg, seed)));
        thread.start();
        thread.join();
        return result.get();
    }

    private static float[] trained(Dataset data, TrainingConfig cfg, long seed) {
        Model model = new Mlp(data.numFeatures(), List.of(6), 3, new SplittableRandom(seed));
        LocalTrainer.train(model, data, cfg, new SplittableRandom(seed + 1));
        return model.params().clone();
    }

    @Test
    void aTrainingAfterOthersOnTheSameThreadEqualsOneOnAFreshThread() throws InterruptedException {
        TrainingConfig cfg = new TrainingConfig(0.1, 8, 2);
        Dataset small = data(37, 5, 1);
        Dataset large = data(90, 5, 2);
        Dataset wide = data(50, 7, 3);
        float[] expected = onFreshThread(small, cfg, 10);
        // larger data, another width and another model size leave larger and other arrays behind on this thread
        trained(large, cfg, 20);
        trained(wide, new TrainingConfig(0.1, 16, 1), 30);
        assertArrayEquals(expected, trained(small, cfg, 10));
        // the same size again: now the order, gradient and batches are the very arrays the last training left
        assertArrayEquals(expected, trained(small, cfg, 10));
        assertArrayEquals(onFreshThread(wide, cfg, 40), trained(wide, cfg, 40));
    }

    @Test
    void aTrainingStartedInsideAnotherGetsArraysOfItsOwn() {
        TrainingScratch outer = TrainingScratch.acquire();
        try {
            TrainingScratch inner = TrainingScratch.acquire();
            assertNotSame(outer, inner);
            inner.release();
        } finally {
            outer.release();
        }
        TrainingScratch again = TrainingScratch.acquire();
        again.release();
        assertSame(outer, again, "the thread's own scratch is reused once released");
    }

    @Test
    void theRowOrderStartsFromTheIdentityEveryTime() {
        TrainingScratch scratch = TrainingScratch.acquire();
        try {
            int[] order = scratch.identityOrder(6);
            order[0] = 5;
            order[5] = 0;
            int[] fresh = scratch.identityOrder(6);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, fresh);
            assertEquals(4, scratch.identityOrder(4).length);
        } finally {
            scratch.release();
        }
    }
}
