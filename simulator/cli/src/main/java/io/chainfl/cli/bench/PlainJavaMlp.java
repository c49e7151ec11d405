package io.chainfl.cli.bench;

import java.util.SplittableRandom;

/** Plain-loop baseline of a one-hidden-layer ReLU MLP trained by SGD, for the benchmark. */
public final class PlainJavaMlp {
    private final int inputs;
    private final int hidden;
    private final int classes;
    private final float[] w1;
    private final float[] b1;
    private final float[] w2;
    private final float[] b2;
    private final float[] w1Grad;
    private final float[] b1Grad;
    private final float[] w2Grad;
    private final float[] b2Grad;
    private float[] hiddenOut = new float[0];
    private float[] hiddenGrad = new float[0];
    private float[] logits = new float[0];

    public PlainJavaMlp(int inputs, int hidden, int classes, SplittableRandom init) {
        this.inputs = inputs;
        this.hidden = hidden;
        this.classes = classes;
        w1 = PlainJavaMath.gaussian(inputs * hidden, Math.sqrt(2.0 / inputs), init);
        b1 = new float[hidden];
        w2 = PlainJavaMath.gaussian(hidden * classes, Math.sqrt(2.0 / (hidden + classes)), init);
        b2 = new float[classes];
        w1Grad = new float[w1.length];
        b1Grad = new float[hidden];
        w2Grad = new float[w2.length];
        b2Grad = new float[classes];
    }

    public double step(float[] x, int[] labels, int batch, float lr) {
        if (logits.length != batch * classes) {
            hiddenOut = new float[batch * hidden];
            hiddenGrad = new float[batch * hidden];
            logits = new float[batch * classes];
        }
        PlainJavaMath.affine(x, batch, inputs, w1, b1, hidden, hiddenOut);
        for (int i = 0; i < hiddenOut.length; i++) {
            hiddenOut[i] = Math.max(0f, hiddenOut[i]);
        }
        PlainJavaMath.affine(hiddenOut, batch, hidden, w2, b2, classes, logits);
        double loss = PlainJavaMath.softmaxCrossEntropyInPlace(logits, labels, batch, classes);

        PlainJavaMath.transposedTimes(hiddenOut, logits, batch, hidden, classes, w2Grad);
        PlainJavaMath.columnSums(logits, batch, classes, b2Grad);
        PlainJavaMath.timesTransposed(logits, batch, classes, w2, hidden, hiddenGrad);
        for (int i = 0; i < hiddenGrad.length; i++) {
            if (hiddenOut[i] <= 0f) {
                hiddenGrad[i] = 0f;
            }
        }
        PlainJavaMath.transposedTimes(x, hiddenGrad, batch, inputs, hidden, w1Grad);
        PlainJavaMath.columnSums(hiddenGrad, batch, hidden, b1Grad);

        PlainJavaMath.descend(w1, w1Grad, lr);
        PlainJavaMath.descend(b1, b1Grad, lr);
        PlainJavaMath.descend(w2, w2Grad, lr);
        PlainJavaMath.descend(b2, b2Grad, lr);
        return loss;
    }
}
