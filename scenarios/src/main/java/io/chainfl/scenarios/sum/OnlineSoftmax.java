package io.chainfl.scenarios.sum;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.SoftmaxRegression;
import io.chainfl.scenarios.ModelState;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Two-class softmax regression (the engine's model) taking one SGD step per contribution. */
final class OnlineSoftmax implements OnlineModel {
    private final Model model;
    private final double learningRate;
    private final INDArray gradient;

    OnlineSoftmax(int numFeatures, double learningRate, SplittableRandom init) {
        this(new SoftmaxRegression(numFeatures, 2, init), learningRate);
    }

    private OnlineSoftmax(Model model, double learningRate) {
        this.model = model;
        this.learningRate = learningRate;
        this.gradient = Nd4j.zeros(DataType.FLOAT, model.numParams());
    }

    @Override
    public int predict(float[] x) {
        return predictAll(Nd4j.create(x, new long[] {1, x.length}, DataType.FLOAT))[0];
    }

    @Override
    public boolean update(float[] x, int label) {
        INDArray features = Nd4j.create(x, new long[] {1, x.length}, DataType.FLOAT);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, 1, 2).putScalar(0, label, 1f);
        model.lossAndGradient(features, oneHot, gradient);
        model.params().subi(gradient.muli(learningRate));
        return true;
    }

    @Override
    public int[] predictAll(INDArray features) {
        INDArray probabilities = model.predictProbabilities(features);
        int[] out = new int[(int) features.rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities.getDouble(i, 1) > probabilities.getDouble(i, 0) ? 1 : 0;
        }
        return out;
    }

    @Override
    public double loss(INDArray features, int[] labels) {
        INDArray probabilities = model.predictProbabilities(features);
        double error = 0;
        for (int i = 0; i < labels.length; i++) {
            error += 1 - probabilities.getDouble(i, labels[i]);
        }
        return error / labels.length;
    }

    @Override
    public void save(Snapshot.Builder out, String name) {
        ModelState.save(out, name, model);
    }

    @Override
    public void restore(Snapshot in, String name) {
        ModelState.restore(in, name, model);
    }

    @Override
    public OnlineModel copy() {
        return new OnlineSoftmax(model.copy(), learningRate);
    }
}
