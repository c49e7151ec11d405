package io.chainfl.learning.model;

import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import java.util.SplittableRandom;

/** Plain mini-batch SGD on one participant's data, updating the model's parameters in place. */
public final class LocalTrainer {
    private LocalTrainer() {}

    /**
     * Runs {@code cfg.localEpochs()} epochs; each epoch visits the rows in a fresh Fisher-Yates permutation
     * drawn from {@code shuffle}, in batches of {@code cfg.batchSize()} (the last one may be shorter).
     */
    public static TrainResult train(Model model, Dataset data, TrainingConfig cfg, SplittableRandom shuffle) {
        int batchesPerEpoch = (data.size() + cfg.batchSize() - 1) / cfg.batchSize();
        // an epoch is one pass of batches over a fresh permutation: exactly what trainSteps does per permutation
        return trainSteps(model, data, cfg, cfg.localEpochs() * batchesPerEpoch, shuffle);
    }

    /**
     * Runs exactly {@code steps} mini-batch iterations (DeepChain counts iterations, not epochs): rows are visited in
     * Fisher-Yates permutations drawn from {@code shuffle}, a fresh one whenever the previous is used up.
     */
    public static TrainResult trainSteps(Model model, Dataset data, TrainingConfig cfg, int steps, SplittableRandom shuffle) {
        if (data.size() == 0 || steps == 0) {
            return new TrainResult(Double.NaN, 0, 0);
        }
        // this thread's gradient, order and batch arrays, reused from the participant that trained here before
        TrainingScratch scratch = TrainingScratch.acquire();
        try {
            int[] order = scratch.identityOrder(data.size());
            BatchAssembler assembler = scratch.batches();
            float[] gradient = scratch.gradient(model.numParams());
            float[] params = model.params();
            float learningRate = (float) (double) cfg.lr();
            double weightedLossSum = 0;
            long samples = 0;
            int from = order.length;
            for (int step = 0; step < steps; step++) {
                if (from >= order.length) {
                    shuffleInPlace(order, shuffle);
                    from = 0;
                }
                int count = Math.min(cfg.batchSize(), order.length - from);
                BatchAssembler.Batch batch = assembler.load(data, order, from, count);
                from += count;
                double loss = model.lossAndGradient(batch.features(), batch.labels(), gradient);
                sgdStep(params, gradient, learningRate);
                weightedLossSum += loss * count;
                samples += count;
            }
            return new TrainResult(weightedLossSum / samples, samples, steps);
        } finally {
            scratch.release();
        }
    }

    /**
     * {@code params -= lr * gradient}, the product and the difference each rounded to float: BLAS's axpy (which
     * ND4J called here) fuses them into an FMA on some CPUs and not on others.
     */
    public static void sgdStep(float[] params, float[] gradient, float lr) {
        for (int i = 0; i < params.length; i++) {
            params[i] = params[i] - lr * gradient[i];
        }
    }

    static void shuffleInPlace(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
