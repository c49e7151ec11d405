package io.chainfl.scenarios.danku;

import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import io.chainfl.learning.model.Model;

/**
 * The bridge between the learning code's floats and the contract's integers: average pooling (so a model fits the
 * gas of one block), features as int16 rows, a softmax model's weights as int32. A float score x W + b becomes
 * (x * featureScale) (W * weightScale) + b * featureScale * weightScale, the same argmax up to rounding.
 */
final class FixedPoint {
    private FixedPoint() {}

    /** Averages {@code pool x pool} blocks of every channel; datasets without an image shape are left as they are. */
    static Dataset pooled(Dataset data, int pool) {
        ImageShape shape = data.imageShape();
        if (pool <= 1 || shape == null) {
            return data;
        }
        int h = shape.height() / pool;
        int w = shape.width() / pool;
        int features = shape.channels() * h * w;
        float[] out = new float[data.size() * features];
        float[] in = data.features();
        for (int row = 0; row < data.size(); row++) {
            int base = row * data.numFeatures();
            for (int c = 0; c < shape.channels(); c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        float sum = 0;
                        for (int dy = 0; dy < pool; dy++) {
                            for (int dx = 0; dx < pool; dx++) {
                                sum += in[base + c * shape.height() * shape.width() + (y * pool + dy) * shape.width() + x * pool + dx];
                            }
                        }
                        out[row * features + (c * h + y) * w + x] = sum / (pool * pool);
                    }
                }
            }
        }
        return new Dataset(data.name() + "/pool" + pool, out, data.labels(), features, data.numClasses(), new ImageShape(shape.channels(), h, w));
    }

    /** Rows of {@code features} int16 values then the label, for the given row numbers. */
    static short[] rows(Dataset data, int[] rowNumbers, int featureScale) {
        int f = data.numFeatures();
        short[] out = new short[rowNumbers.length * (f + 1)];
        for (int i = 0; i < rowNumbers.length; i++) {
            int r = rowNumbers[i];
            for (int j = 0; j < f; j++) {
                long v = Math.round((double) data.features()[r * f + j] * featureScale);
                out[i * (f + 1) + j] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
            }
            out[i * (f + 1) + f] = (short) data.labels()[r];
        }
        return out;
    }

    /** A softmax regression's W (features x classes, row-major) and b as the contract's per-class weights then bias. */
    static int[] weights(Model model, int weightScale, int featureScale) {
        float[] p = model.params();
        int f = model.numFeatures();
        int c = model.numClasses();
        int[] out = new int[c * (f + 1)];
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < f; j++) {
                out[k * (f + 1) + j] = clamp(Math.round((double) p[j * c + k] * weightScale));
            }
            out[k * (f + 1) + f] = clamp(Math.round((double) p[f * c + k] * weightScale * featureScale));
        }
        return out;
    }

    private static int clamp(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** Accuracy of fixed-point weights on fixed-point rows: the contract's own rule (argmax, ties to the lower class). */
    static double accuracy(int[] weights, short[] rows, int features, int classes) {
        int width = features + 1;
        int samples = rows.length / width;
        if (samples == 0) {
            return 0;
        }
        int[] predicted = predict(weights, rows, features, classes);
        long correct = 0;
        for (int i = 0; i < samples; i++) {
            if (predicted[i] == rows[i * width + features]) {
                correct++;
            }
        }
        return (double) correct / samples;
    }

    /** The contract's prediction for every row: the argmax of the integer scores, ties to the lower class. */
    static int[] predict(int[] weights, short[] rows, int features, int classes) {
        int width = features + 1;
        int[] predicted = new int[rows.length / width];
        for (int r = 0; r < rows.length; r += width) {
            int best = 0;
            long bestScore = 0;
            for (int k = 0; k < classes; k++) {
                long score = weights[k * width + width - 1];
                for (int j = 0; j < features; j++) {
                    score += (long) weights[k * width + j] * rows[r + j];
                }
                if (k == 0 || score > bestScore) {
                    best = k;
                    bestScore = score;
                }
            }
            predicted[r / width] = best;
        }
        return predicted;
    }
}
