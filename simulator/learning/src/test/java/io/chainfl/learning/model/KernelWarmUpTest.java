package io.chainfl.learning.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chainfl.engine.config.ModelConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The kernels' warm-up runs beside a run's loading: it must leave the run's training exactly as it would be without it. */
class KernelWarmUpTest {

    private static float[] trainedMlp() {
        SplittableRandom random = new SplittableRandom(7);
        float[] x = new float[64 * 20];
        int[] y = new int[64];
        for (int i = 0; i < 64; i++) {
            y[i] = random.nextInt(4);
            for (int f = 0; f < 20; f++) {
                x[i * 20 + f] = (float) (random.nextGaussian() + (f % 4 == y[i] ? 1.5 : 0));
            }
        }
        Model model = new Mlp(20, List.of(12), 4, new SplittableRandom(8));
        LocalTrainer.train(model, new Dataset("d", x, y, 20, 4, null), new TrainingConfig(0.1, 8, 2), new SplittableRandom(9));
        return model.params().clone();
    }

    @Test
    void trainingWhileTheWarmUpRunsGivesTheSameBits() throws InterruptedException {
        float[] before = trainedMlp();
        Thread warmUp = new Thread(() -> KernelWarmUp.run(new ModelConfig(ModelType.MLP, List.of(128), null)));
        warmUp.start();
        float[] during = trainedMlp();
        warmUp.join();
        assertArrayEquals(before, during);
        assertArrayEquals(before, trainedMlp(), "after the warm-up, on compiled kernels");
    }

    @Test
    void aCnnWarmsUpTooAndOnlyOneWarmUpStartsPerJvm() throws InterruptedException {
        // the default CNN warms up on the 28x28 shape too; nothing it meets may throw out of the warm-up
        KernelWarmUp.run(new ModelConfig(ModelType.CNN, null, null));
        Thread first = KernelWarmUp.startOnce(new ModelConfig(ModelType.SOFTMAX, null, null));
        if (first != null) {
            first.join();
        }
        assertNull(KernelWarmUp.startOnce(new ModelConfig(ModelType.SOFTMAX, null, null)));
    }
}
