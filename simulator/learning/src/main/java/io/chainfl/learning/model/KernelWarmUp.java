package io.chainfl.learning.model;

import io.chainfl.engine.config.ModelConfig;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains a throwaway model of the run's type on random digits-shaped data on a background thread, once per JVM, so
 * that the JIT has compiled the kernels before the first round. Until C2 compiles them, the Vector API kernels run
 * interpreted or C1-compiled, allocating an object per vector operation: a fresh quickstart's first FedAvg round
 * trained about 8x slower than its later ones, and the centralized baseline, running afterwards, never paid it
 * (docs/benchmarks-and-tests.md, parallel training). Started before the data loads, the warm-up runs on the core the
 * loading leaves free. It touches nothing of the run (its own model, data and random stream) and compiled code
 * computes the same bits as interpreted code (the kernels fix their order), so results do not depend on it.
 */
public final class KernelWarmUp {
    /** Training steps of the throwaway model: enough for C2 to compile the matrix products' tiles (JFR: none left interpreted after them). */
    static final int STEPS = 300;
    private static final int ROWS = 256;
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private KernelWarmUp() {}

    /**
     * Starts the warm-up for {@code model} unless this JVM already started one or {@code -Dchainfl.kernelWarmUp=false}
     * turns it off (to measure what it saves); returns the thread, or null when none was started.
     */
    public static Thread startOnce(ModelConfig model) {
        if (model == null || "false".equals(System.getProperty("chainfl.kernelWarmUp")) || !STARTED.compareAndSet(false, true)) {
            return null;
        }
        Thread thread = new Thread(() -> run(model), "chainfl-kernel-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
        return thread;
    }

    /** The warm-up itself, on the calling thread; best effort: a model type this shape cannot build is skipped. */
    static void run(ModelConfig config) {
        ImageShape shape = new ImageShape(1, 28, 28);
        SplittableRandom random = new SplittableRandom(19);
        float[] x = new float[ROWS * shape.size()];
        int[] y = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            y[i] = random.nextInt(10);
            for (int f = 0; f < shape.size(); f++) {
                x[i * shape.size() + f] = (float) random.nextDouble();
            }
        }
        try {
            Dataset data = new Dataset("warm-up", x, y, shape.size(), 10, shape);
            Model model = ModelFactory.create(config, shape.size(), shape, 10, random.split());
            LocalTrainer.trainSteps(model, data, new TrainingConfig(0.01, 32, 1), STEPS, random.split());
            Evaluation.evaluate(model, data, 64);
        } catch (RuntimeException e) {
            // a configuration this shape does not fit (a CNN for other images): the run then warms up as before
        }
    }
}
