package io.chainfl.cli.bench;

import java.util.SplittableRandom;

/**
 * Baseline for the benchmark: softmax regression SGD written with plain loops over float arrays, to show
 * what the JIT alone achieves on the same shapes. Row-major W ({@code inputs x classes}); scratch is reused.
 */
public final class PlainJavaSoftmax {
    private final int inputs;
    private final int classes;
    private final float[] weights;
    private final float[] bias;
    private final float[] weightGrad;
    private final float[] biasGrad;
    private float[] logits = new float[0];

    public PlainJavaSoftmax(int inputs, int classes, SplittableRandom init) {
        this.inputs = inputs;
        this.classes = classes;
        weights = PlainJavaMath.gaussian(inputs * classes, Math.sqrt(2.0 / (inputs + classes)), init);
        bias = new float[classes];
        weightGrad = new float[inputs * classes];
        biasGrad = new float[classes];
    }

    /** One SGD step on {@code batch} rows of {@code x} ({@code batch x inputs}); returns the mean loss. */
    public double step(float[] x, int[] labels, int batch, float lr) {
        if (logits.length != batch * classes) {
            logits = new float[batch * classes];
        }
        PlainJavaMath.affine(x, batch, inputs, weights, bias, classes, logits);
        double loss = PlainJavaMath.softmaxCrossEntropyInPlace(logits, labels, batch, classes);
        PlainJavaMath.transposedTimes(x, logits, batch, inputs, classes, weightGrad);
        PlainJavaMath.columnSums(logits, batch, classes, biasGrad);
        PlainJavaMath.descend(weights, weightGrad, lr);
        PlainJavaMath.descend(bias, biasGrad, lr);
        return loss;
    }
}
