package io.chainfl.scenarios.sum;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.SoftmaxRegression;
import io.chainfl.scenarios.ModelState;
import java.util.SplittableRandom;

/** Two-class softmax regression (the engine's model) taking one SGD step per contribution. */
final class OnlineSoftmax implements OnlineModel {
    private final Model model;
    private final double learningRate;
    private final float[] gradient;

    OnlineSoftmax(int numFeatures, double learningRate, SplittableRandom init) {
        this(new SoftmaxRegression(numFeatures, 2, init), learningRate);
    }

    private OnlineSoftmax(Model model, double learningRate) {
        this.model = model;
        this.learningRate = learningRate;
        this.gradient = new float[model.numParams()];
    }

    @Override
    public int predict(float[] x) {
        return predictAll(x)[0];
    }

    @Override
    public boolean update(float[] x, int label) {
        model.lossAndGradient(x, new int[] {label}, gradient);
        LocalTrainer.sgdStep(model.params(), gradient, (float) learningRate);
        return true;
    }

    @Override
    public int[] predictAll(float[] features) {
        float[] probabilities = model.predictProbabilities(features);
        int[] out = new int[probabilities.length / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = probabilities[2 * i + 1] > probabilities[2 * i] ? 1 : 0;
        }
        return out;
    }

    @Override
    public double loss(float[] features, int[] labels) {
        float[] probabilities = model.predictProbabilities(features);
        double error = 0;
        for (int i = 0; i < labels.length; i++) {
            error += 1 - probabilities[2 * i + labels[i]];
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
