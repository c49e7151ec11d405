package io.chainfl.scenarios.sum;

import io.chainfl.engine.checkpoint.Snapshot;

/**
 * The reference's hosted model: a perceptron that adds (2y - 1) x to its weights when it gets a sample wrong.
 * Scores are plain loops (features in index order, summed in double), so a prediction is the same on every CPU,
 * which a BLAS product, whose kernel the CPU picks, does not promise.
 */
final class Perceptron implements OnlineModel {
    private final float[] weights;
    private double bias;

    Perceptron(int numFeatures) {
        this(new float[numFeatures], 0);
    }

    private Perceptron(float[] weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    @Override
    public int predict(float[] x) {
        return score(x, 0) + bias >= 0 ? 1 : 0;
    }

    /** The dot product of the weights with the {@code weights.length} values of {@code features} from {@code offset}. */
    private double score(float[] features, int offset) {
        double sum = 0;
        for (int j = 0; j < weights.length; j++) {
            sum += (double) features[offset + j] * weights[j];
        }
        return sum;
    }

    @Override
    public boolean update(float[] x, int label) {
        if (predict(x) == label) {
            return false;
        }
        int sign = label == 1 ? 1 : -1;
        for (int j = 0; j < weights.length; j++) {
            weights[j] += sign * x[j];
        }
        bias += sign;
        return true;
    }

    @Override
    public int[] predictAll(float[] features) {
        int rows = features.length / weights.length;
        int[] out = new int[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = score(features, i * weights.length) + bias >= 0 ? 1 : 0;
        }
        return out;
    }

    @Override
    public void save(Snapshot.Builder out, String name) {
        out.floats(name + "/weights", weights.clone());
        out.longs(name + "/bias", Double.doubleToRawLongBits(bias));
    }

    @Override
    public void restore(Snapshot in, String name) {
        float[] saved = in.requireFloats(name + "/weights");
        if (saved.length != weights.length) {
            throw new IllegalStateException("checkpoint section '" + name + "/weights' has " + saved.length + " weights, the perceptron " + weights.length);
        }
        System.arraycopy(saved, 0, weights, 0, weights.length);
        bias = Double.longBitsToDouble(in.longs(name + "/bias").orElseThrow(() -> new IllegalStateException("checkpoint has no perceptron bias"))[0]);
    }

    @Override
    public OnlineModel copy() {
        return new Perceptron(weights.clone(), bias);
    }
}
