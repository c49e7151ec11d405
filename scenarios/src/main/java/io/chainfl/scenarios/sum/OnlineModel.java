package io.chainfl.scenarios.sum;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.seed.SeedStreams;

/** The hosted binary classifier, updated one contribution at a time (labels 0 and 1). */
interface OnlineModel {
    int predict(float[] x);

    /** Learns from one sample; false when the parameters did not change (a perceptron that was already right). */
    boolean update(float[] x, int label);

    /** Predicted labels of every row of {@code features} ({@code rows x numFeatures}, row-major). */
    int[] predictAll(float[] features);

    OnlineModel copy();

    /** Saves the parameters bit for bit in sections named after {@code name}. */
    void save(Snapshot.Builder out, String name);

    /** Takes back the parameters {@link #save} wrote. */
    void restore(Snapshot in, String name);

    static OnlineModel create(SumParams params, int numFeatures, SeedStreams seeds) {
        return switch (params.model()) {
            case PERCEPTRON -> new Perceptron(numFeatures);
            case ONLINE_SOFTMAX -> new OnlineSoftmax(numFeatures, params.learningRate(), seeds.stream("sum/model/init"));
        };
    }

    /**
     * The market's loss L(h, D) in [0, 1]: the 0-1 error for a hard classifier; a probabilistic model overrides it
     * with the expected error 1 - p(y | x), which moves with every step rather than only when a prediction flips.
     */
    default double loss(float[] features, int[] labels) {
        return 1 - accuracy(features, labels);
    }

    /** Fraction of rows predicted right. */
    default double accuracy(float[] features, int[] labels) {
        int[] predicted = predictAll(features);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return labels.length == 0 ? Double.NaN : right / (double) labels.length;
    }
}
