package io.chainfl.learning.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.engine.config.CnnConfig;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Pins down what the CNN computes, which the gradient check cannot: the gradient may match the loss of a
 * wrong network. The reference is a direct loop transcription of conv (OIHW weights, SAME padding with
 * (k-1)/2 zeros before) -> ReLU -> max-pool -> NCHW flatten -> dense ReLU layers ([in, out] weights) -> softmax.
 */
class CnnForwardTest {

    @Test
    void probabilitiesMatchADirectLoopImplementation() {
        // two blocks, two input channels, odd map sizes and an even kernel exercise padding and dropped pool rows
        assertMatchesReference(new CnnConfig(List.of(3, 2), 3, 2, List.of(5)), new ImageShape(2, 9, 7), 4, 5);
        assertMatchesReference(new CnnConfig(List.of(3), 2, 2, List.of(4)), new ImageShape(1, 6, 5), 3, 3);
        assertMatchesReference(new CnnConfig(List.of(2), 3, 3, List.of()), new ImageShape(1, 7, 7), 3, 2);
    }

    @Test
    void largeBatchesPredictExactlyLikeSmallBatches() {
        ImageShape shape = new ImageShape(1, 8, 8);
        SmallCnn model = new SmallCnn(new CnnConfig(List.of(3), 3, 2, List.of(6)), shape, 4, new SplittableRandom(3));
        int n = 600; // more than two prediction chunks, and a short last one
        float[] features = randomFeatures(n, shape.size(), 7);
        float[] all = model.predictProbabilities(features);
        for (int from = 0; from < n; from += 50) {
            float[] rows = java.util.Arrays.copyOfRange(features, from * shape.size(), (from + 50) * shape.size());
            // every output element is summed in its own fixed order, so the batch it came in changes no bit
            assertArrayEquals(java.util.Arrays.copyOfRange(all, from * 4, (from + 50) * 4), model.predictProbabilities(rows), 0f, "rows from " + from);
        }
    }

    @Test
    void cnnTrainingIsReproducibleForEqualSeeds() {
        ImageShape shape = new ImageShape(1, 8, 8);
        float[] x = randomFeatures(40, shape.size(), 11);
        int[] y = new int[40];
        for (int i = 0; i < y.length; i++) {
            y[i] = i % 3;
        }
        Dataset data = new Dataset("noise", x, y, shape.size(), 3, shape);
        CnnConfig config = new CnnConfig(List.of(3, 4), 3, 2, List.of(5));
        Model first = new SmallCnn(config, shape, 3, new SplittableRandom(8));
        Model second = new SmallCnn(config, shape, 3, new SplittableRandom(8));
        TrainingConfig cfg = new TrainingConfig(0.05, 7, 2);
        LocalTrainer.train(first, data, cfg, new SplittableRandom(9));
        LocalTrainer.train(second, data, cfg, new SplittableRandom(9));
        assertArrayEquals(first.params(), second.params());
    }

    private static float[] randomFeatures(int n, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * size];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        return x;
    }

    private static void assertMatchesReference(CnnConfig config, ImageShape shape, int classes, int batch) {
        SmallCnn model = new SmallCnn(config, shape, classes, new SplittableRandom(21));
        float[] params = model.params().clone();
        // non-zero biases, so that a bias applied at the wrong place shows
        SplittableRandom random = new SplittableRandom(22);
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (0.05 * random.nextGaussian());
        }
        model.setParams(params);
        float[] x = randomFeatures(batch, shape.size(), 23);
        float[] actual = model.predictProbabilities(x);
        for (int b = 0; b < batch; b++) {
            double[] expected = reference(config, shape, classes, params, java.util.Arrays.copyOfRange(x, b * shape.size(), (b + 1) * shape.size()));
            for (int c = 0; c < classes; c++) {
                assertEquals(expected[c], actual[b * classes + c], 1e-5, "sample " + b + " class " + c);
            }
        }
    }

    private static double[] reference(CnnConfig config, ImageShape shape, int classes, float[] p, float[] image) {
        int offset = 0;
        int channels = shape.channels();
        int height = shape.height();
        int width = shape.width();
        double[] maps = new double[image.length];
        for (int i = 0; i < image.length; i++) {
            maps[i] = image[i];
        }
        int k = config.kernel();
        int pad = (k - 1) / 2;
        int pool = config.pool();
        for (int filters : config.filters()) {
            int biasAt = offset + filters * channels * k * k;
            double[] conv = new double[filters * height * width];
            for (int o = 0; o < filters; o++) {
                for (int y = 0; y < height; y++) {
                    for (int xx = 0; xx < width; xx++) {
                        double sum = p[biasAt + o];
                        for (int c = 0; c < channels; c++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = y + ky - pad;
                                    int ix = xx + kx - pad;
                                    if (iy >= 0 && iy < height && ix >= 0 && ix < width) {
                                        sum += p[offset + ((o * channels + c) * k + ky) * k + kx] * maps[(c * height + iy) * width + ix];
                                    }
                                }
                            }
                        }
                        conv[(o * height + y) * width + xx] = Math.max(0, sum);
                    }
                }
            }
            offset = biasAt + filters;
            int pooledHeight = height / pool;
            int pooledWidth = width / pool;
            double[] pooled = new double[filters * pooledHeight * pooledWidth];
            for (int o = 0; o < filters; o++) {
                for (int py = 0; py < pooledHeight; py++) {
                    for (int px = 0; px < pooledWidth; px++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int dy = 0; dy < pool; dy++) {
                            for (int dx = 0; dx < pool; dx++) {
                                max = Math.max(max, conv[(o * height + py * pool + dy) * width + px * pool + dx]);
                            }
                        }
                        pooled[(o * pooledHeight + py) * pooledWidth + px] = max;
                    }
                }
            }
            maps = pooled;
            channels = filters;
            height = pooledHeight;
            width = pooledWidth;
        }
        double[] activations = maps;
        List<Integer> widths = new java.util.ArrayList<>(config.dense());
        widths.add(classes);
        for (int layer = 0; layer < widths.size(); layer++) {
            int in = activations.length;
            int out = widths.get(layer);
            double[] next = new double[out];
            for (int j = 0; j < out; j++) {
                double sum = p[offset + in * out + j];
                for (int i = 0; i < in; i++) {
                    sum += activations[i] * p[offset + i * out + j];
                }
                next[j] = layer < widths.size() - 1 ? Math.max(0, sum) : sum;
            }
            offset += in * out + out;
            activations = next;
        }
        double max = java.util.Arrays.stream(activations).max().orElseThrow();
        double partition = java.util.Arrays.stream(activations).map(v -> Math.exp(v - max)).sum();
        return java.util.Arrays.stream(activations).map(v -> Math.exp(v - max) / partition).toArray();
    }
}
