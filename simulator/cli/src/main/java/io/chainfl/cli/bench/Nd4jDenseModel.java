package io.chainfl.cli.bench;

import io.chainfl.learning.data.Dataset;
import java.util.List;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The benchmark's "before": a dense classifier's SGD step as chainfl computed it until its models moved to the
 * fixed-order kernels, on ND4J and its bundled OpenBLAS (a trimmed copy of that DenseLayer, DenseStack,
 * SoftmaxCrossEntropy and LocalTrainer math: bias and product as two gemm calls, libnd4j's ReLU, the loss on heap
 * copies, BLAS axpy for the update). OpenBLAS picks its kernel from the CPU, so this path's results differ between
 * machines in the last bits; it is kept only to measure what determinism costs, never on the results path.
 */
final class Nd4jDenseModel {
    private final int[] widths;
    private final INDArray params;
    private final INDArray gradient;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final INDArray[] weightGrads;
    private final INDArray[] biasGrads;
    private final INDArray features;
    private final INDArray ones;
    private final INDArray[] outputs;
    private final INDArray[] deltas;
    private final float[] featureStage;
    private final float[] logitRows;
    private final int batch;

    /**
     * Why ND4J cannot run in this JVM, or null when it can: lib/ holds the natives of the platform chainfl was built
     * on (javacpp.platform), so on another platform, or one ND4J has no natives for, loading them fails here.
     */
    static String unavailableReason() {
        try {
            Nd4j.create(new float[] {1f}, new long[] {1}, DataType.FLOAT);
            return null;
        } catch (LinkageError | RuntimeException e) {
            // the initializer's error wraps the loader's, which names the library it could not find
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause.toString();
        }
    }

    Nd4jDenseModel(int inputs, List<Integer> hidden, int classes, int batch, SplittableRandom init) {
        this.batch = batch;
        int layers = hidden.size() + 1;
        widths = new int[layers + 1];
        widths[0] = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            widths[i + 1] = hidden.get(i);
        }
        widths[layers] = classes;
        long size = 0;
        for (int i = 0; i < layers; i++) {
            size += (long) widths[i] * widths[i + 1] + widths[i + 1];
        }
        float[] initial = new float[(int) size];
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        weightGrads = new INDArray[layers];
        biasGrads = new INDArray[layers];
        outputs = new INDArray[layers];
        deltas = new INDArray[layers];
        int offset = 0;
        for (int i = 0; i < layers; i++) {
            double std = i < layers - 1 ? Math.sqrt(2.0 / widths[i]) : Math.sqrt(2.0 / (widths[i] + widths[i + 1]));
            for (int w = 0; w < widths[i] * widths[i + 1]; w++) {
                initial[offset + w] = (float) (init.nextGaussian() * std);
            }
            offset += widths[i] * widths[i + 1] + widths[i + 1];
        }
        params = Nd4j.create(initial, new long[] {size}, DataType.FLOAT);
        gradient = Nd4j.zeros(DataType.FLOAT, size);
        offset = 0;
        for (int i = 0; i < layers; i++) {
            weights[i] = view(params, offset, widths[i], widths[i + 1]);
            weightGrads[i] = view(gradient, offset, widths[i], widths[i + 1]);
            offset += widths[i] * widths[i + 1];
            biases[i] = view(params, offset, 1, widths[i + 1]);
            biasGrads[i] = view(gradient, offset, 1, widths[i + 1]);
            offset += widths[i + 1];
            outputs[i] = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, widths[i + 1]}, 'c');
            deltas[i] = i == layers - 1 ? outputs[i] : Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, widths[i + 1]}, 'c');
        }
        features = Nd4j.createUninitialized(DataType.FLOAT, new long[] {batch, inputs}, 'c');
        ones = Nd4j.ones(DataType.FLOAT, batch, 1);
        featureStage = new float[batch * inputs];
        logitRows = new float[batch * classes];
    }

    /** One epoch over {@code data} in a fresh permutation, in full batches (as LocalTrainer visits rows); returns the samples seen. */
    long trainEpoch(Dataset data, SplittableRandom shuffle, float lr) {
        int[] order = data.allRows();
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] labels = new int[batch];
        long samples = 0;
        for (int from = 0; from + batch <= order.length; from += batch) {
            for (int i = 0; i < batch; i++) {
                System.arraycopy(data.features(), order[from + i] * widths[0], featureStage, i * widths[0], widths[0]);
                labels[i] = data.labels()[order[from + i]];
            }
            step(labels, lr);
            samples += batch;
        }
        return samples;
    }

    private void step(int[] labels, float lr) {
        ((FloatPointer) features.data().addressPointer()).put(featureStage, 0, featureStage.length);
        int layers = weights.length;
        INDArray current = features;
        for (int i = 0; i < layers; i++) {
            Nd4j.gemm(ones, biases[i], outputs[i], false, false, 1.0, 0.0);
            Nd4j.gemm(current, weights[i], outputs[i], false, false, 1.0, 1.0);
            if (i < layers - 1) {
                Nd4j.exec(new RectifiedLinear(outputs[i], outputs[i], 0.0));
            }
            current = outputs[i];
        }
        softmaxCrossEntropyGradient(outputs[layers - 1], labels);
        for (int i = layers - 1; i >= 0; i--) {
            INDArray input = i == 0 ? features : outputs[i - 1];
            Nd4j.gemm(input, deltas[i], weightGrads[i], true, false, 1.0, 0.0);
            Nd4j.gemm(ones, deltas[i], biasGrads[i], true, false, 1.0, 0.0);
            if (i > 0) {
                Nd4j.gemm(deltas[i], weights[i], deltas[i - 1], false, true, 1.0, 0.0);
                Nd4j.exec(new RectifiedLinearDerivative(outputs[i - 1], deltas[i - 1], deltas[i - 1]));
            }
        }
        Nd4j.getBlasWrapper().level1().axpy(params.length(), -lr, gradient, params);
    }

    /** Overwrites the logits with {@code (softmax - onehot) / batch}, on a heap copy as the old loss did. */
    private void softmaxCrossEntropyGradient(INDArray logits, int[] labels) {
        int classes = widths[widths.length - 1];
        FloatPointer pointer = (FloatPointer) logits.data().addressPointer();
        pointer.get(logitRows, 0, logitRows.length);
        for (int sample = 0; sample < batch; sample++) {
            int row = sample * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = row; c < row + classes; c++) {
                max = Math.max(max, logitRows[c]);
            }
            double partition = 0;
            for (int c = row; c < row + classes; c++) {
                partition += Math.exp(logitRows[c] - max);
            }
            double logPartition = Math.log(partition);
            for (int c = row; c < row + classes; c++) {
                double probability = Math.exp(logitRows[c] - max - logPartition);
                logitRows[c] = (float) ((probability - (c - row == labels[sample] ? 1 : 0)) / batch);
            }
        }
        pointer.put(logitRows, 0, logitRows.length);
    }

    private static INDArray view(INDArray flat, long offset, long rows, long columns) {
        long[] shape = {rows, columns};
        return Nd4j.create(flat.data(), shape, Nd4j.getStrides(shape, 'c'), offset, 'c', DataType.FLOAT);
    }
}
