package io.chainfl.learning.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.CnnConfig;
import io.chainfl.engine.config.ModelConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingTest {

    /** Three Gaussian blobs far apart in 4-d: a linear classifier can separate them almost perfectly. */
    private static Dataset separableBlobs(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(3);
            for (int f = 0; f < 4; f++) {
                x[i * 4 + f] = (float) ((f == y[i] ? 4.0 : 0.0) + 0.5 * random.nextGaussian());
            }
        }
        return new Dataset("blobs", x, y, 4, 3, null);
    }

    @Test
    void softmaxRegressionSeparatesLinearlySeparableData() {
        Dataset data = separableBlobs(300, 11);
        Model model = new SoftmaxRegression(4, 3, new SplittableRandom(1));
        double before = Evaluation.evaluate(model, data, 64).meanLoss();
        TrainResult result = LocalTrainer.train(model, data, new TrainingConfig(0.1, 16, 10), new SplittableRandom(2));
        EvalResult after = Evaluation.evaluate(model, data, 64);

        assertEquals(3000, result.samplesSeen());
        assertEquals(10 * 19, result.steps());
        assertTrue(after.accuracy() > 0.95, "train accuracy " + after.accuracy());
        assertTrue(after.meanLoss() < before / 2, "loss " + before + " -> " + after.meanLoss());
    }

    @Test
    void mlpAndCnnLossDecreasesUnderTraining() {
        Dataset blobs = separableBlobs(200, 12);
        Model mlp = new Mlp(4, List.of(8), 3, new SplittableRandom(3));
        double mlpBefore = Evaluation.evaluate(mlp, blobs, 50).meanLoss();
        LocalTrainer.train(mlp, blobs, new TrainingConfig(0.1, 16, 5), new SplittableRandom(4));
        assertTrue(Evaluation.evaluate(mlp, blobs, 50).meanLoss() < mlpBefore / 2);

        // images whose class is the quadrant holding a bright pixel
        SplittableRandom random = new SplittableRandom(5);
        int n = 120;
        float[] x = new float[n * 64];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(4);
            int row = (y[i] / 2) * 4 + random.nextInt(4);
            int col = (y[i] % 2) * 4 + random.nextInt(4);
            x[i * 64 + row * 8 + col] = 1f;
        }
        Dataset images = new Dataset("quadrants", x, y, 64, 4, new ImageShape(1, 8, 8));
        Model cnn = new SmallCnn(new CnnConfig(List.of(4), 3, 2, List.of(16)), new ImageShape(1, 8, 8), 4, new SplittableRandom(6));
        double cnnBefore = Evaluation.evaluate(cnn, images, 50).meanLoss();
        LocalTrainer.train(cnn, images, new TrainingConfig(0.1, 8, 10), new SplittableRandom(7));
        assertTrue(Evaluation.evaluate(cnn, images, 50).meanLoss() < cnnBefore / 2);
    }

    @Test
    void trainingIsReproducibleForEqualSeeds() {
        Dataset data = separableBlobs(50, 13);
        Model first = new Mlp(4, List.of(6), 3, new SplittableRandom(8));
        Model second = new Mlp(4, List.of(6), 3, new SplittableRandom(8));
        TrainingConfig cfg = new TrainingConfig(0.05, 7, 2);
        LocalTrainer.train(first, data, cfg, new SplittableRandom(9));
        LocalTrainer.train(second, data, cfg, new SplittableRandom(9));
        assertArrayEquals(first.params(), second.params());
    }

    @Test
    void initialisationIsDeterministicPerSeedForEveryArchitecture() {
        ImageShape shape = new ImageShape(1, 28, 28);
        for (ModelType type : ModelType.values()) {
            ModelConfig config = new ModelConfig(type, null, null);
            float[] a = ModelFactory.create(config, 784, shape, 10, new SplittableRandom(42)).params();
            float[] b = ModelFactory.create(config, 784, shape, 10, new SplittableRandom(42)).params();
            float[] c = ModelFactory.create(config, 784, shape, 10, new SplittableRandom(43)).params();
            assertArrayEquals(a, b, type + " differs for equal seeds");
            assertFalse(java.util.Arrays.equals(a, c), type + " is equal for different seeds");
        }
    }

    @Test
    void defaultCnnHasDeepChainShape() {
        Model cnn = ModelFactory.create(new ModelConfig(ModelType.CNN, null, null), 784, new ImageShape(1, 28, 28), 10, new SplittableRandom(1));
        long conv = 10 * 1 * 3 * 3 + 10;
        long fc1 = 1960L * 128 + 128;
        long fc2 = 128L * 10 + 10;
        assertEquals(conv + fc1 + fc2, cnn.numParams());
        assertEquals(784 * 10 + 10, ModelFactory.create(ModelConfig.defaults(), 784, null, 10, new SplittableRandom(1)).numParams());
    }

    @Test
    void parameterWritesReachTheModelAndCopiesAreIndependent() {
        Model model = new Mlp(4, List.of(5), 3, new SplittableRandom(10));
        float[] features = {1, 2, 3, 4};
        Model copy = model.copy();
        float[] before = model.predictProbabilities(features);

        model.setParams(new float[model.numParams()]);
        float[] uniform = model.predictProbabilities(features);
        for (float p : uniform) {
            assertEquals(1.0 / 3, p, 1e-6);
        }
        assertArrayEquals(before, copy.predictProbabilities(features), 0f);
        model.params()[0] = 7f;
        assertEquals(7f, model.params()[0], "params() is the live vector");
        assertNotEquals(7f, copy.params()[0], "a copy does not share the vector");
    }

    @Test
    void extremeLogitsGiveFiniteLoss() {
        Model model = new SoftmaxRegression(2, 2, new SplittableRandom(1));
        model.setParams(new float[] {1000, -1000, -1000, 1000, 0, 0});
        float[] features = {1, 0};
        double loss = model.lossAndGradient(features, new int[] {1}, new float[6]);
        assertEquals(2000.0, loss, 1e-2);
        assertArrayEquals(new float[] {1f, 0f}, model.predictProbabilities(features), 0f);
    }
}
