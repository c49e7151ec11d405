package io.chainfl.scenarios.sum;

import io.chainfl.engine.checkpoint.Snapshot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The reference's hosted model: a perceptron that adds (2y - 1) x to its weights when it gets a sample wrong. */
final class Perceptron implements OnlineModel {
    private final INDArray weights;
    private double bias;

    Perceptron(int numFeatures) {
        this(Nd4j.zeros(DataType.FLOAT, numFeatures, 1), 0);
    }

    private Perceptron(INDArray weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    @Override
    public int predict(float[] x) {
        return Nd4j.create(x, new long[] {1, x.length}, DataType.FLOAT).mmul(weights).getDouble(0) + bias >= 0 ? 1 : 0;
    }

    @Override
    public boolean update(float[] x, int label) {
        if (predict(x) == label) {
            return false;
        }
        int sign = label == 1 ? 1 : -1;
        weights.addi(OnlineModel.column(x).muli(sign));
        bias += sign;
        return true;
    }

    @Override
    public int[] predictAll(float[] features) {
        INDArray scores = Nd4j.create(features, new long[] {features.length / weights.length(), weights.length()}, DataType.FLOAT).mmul(weights);
        int[] out = new int[(int) scores.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = scores.getDouble(i, 0) + bias >= 0 ? 1 : 0;
        }
        return out;
    }

    @Override
    public void save(Snapshot.Builder out, String name) {
        out.floats(name + "/weights", weights.toFloatVector());
        out.longs(name + "/bias", Double.doubleToRawLongBits(bias));
    }

    @Override
    public void restore(Snapshot in, String name) {
        float[] saved = in.requireFloats(name + "/weights");
        if (saved.length != weights.length()) {
            throw new IllegalStateException("checkpoint section '" + name + "/weights' has " + saved.length + " weights, the perceptron " + weights.length());
        }
        weights.assign(Nd4j.create(saved, weights.shape(), DataType.FLOAT));
        bias = Double.longBitsToDouble(in.longs(name + "/bias").orElseThrow(() -> new IllegalStateException("checkpoint has no perceptron bias"))[0]);
    }

    @Override
    public OnlineModel copy() {
        return new Perceptron(weights.dup(), bias);
    }
}
