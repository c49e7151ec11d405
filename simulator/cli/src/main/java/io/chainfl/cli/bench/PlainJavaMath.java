package io.chainfl.cli.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Row-major dense kernels for the plain-Java baselines. Loops are ordered so the innermost one walks
 * contiguous memory (i-k-j), which is what lets the JIT vectorise them.
 */
final class PlainJavaMath {
    private PlainJavaMath() {}

    static float[] gaussian(int length, double std, SplittableRandom random) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return values;
    }

    /** out ({@code rows x outputs}) = x ({@code rows x inputs}) W ({@code inputs x outputs}) + b. */
    static void affine(float[] x, int rows, int inputs, float[] w, float[] b, int outputs, float[] out) {
        for (int r = 0; r < rows; r++) {
            int outRow = r * outputs;
            System.arraycopy(b, 0, out, outRow, outputs);
            for (int k = 0; k < inputs; k++) {
                float xk = x[r * inputs + k];
                if (xk == 0f) {
                    continue;
                }
                int wRow = k * outputs;
                for (int j = 0; j < outputs; j++) {
                    out[outRow + j] += xk * w[wRow + j];
                }
            }
        }
    }

    /** out ({@code inputs x outputs}) = a^T ({@code inputs x rows}) d ({@code rows x outputs}). */
    static void transposedTimes(float[] a, float[] d, int rows, int inputs, int outputs, float[] out) {
        Arrays.fill(out, 0f);
        for (int r = 0; r < rows; r++) {
            int dRow = r * outputs;
            for (int k = 0; k < inputs; k++) {
                float ak = a[r * inputs + k];
                if (ak == 0f) {
                    continue;
                }
                int outRow = k * outputs;
                for (int j = 0; j < outputs; j++) {
                    out[outRow + j] += ak * d[dRow + j];
                }
            }
        }
    }

    /** out ({@code rows x inputs}) = d ({@code rows x outputs}) W^T, with W {@code inputs x outputs}. */
    static void timesTransposed(float[] d, int rows, int outputs, float[] w, int inputs, float[] out) {
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inputs; k++) {
                float sum = 0f;
                int wRow = k * outputs;
                for (int j = 0; j < outputs; j++) {
                    sum += d[r * outputs + j] * w[wRow + j];
                }
                out[r * inputs + k] = sum;
            }
        }
    }

    static void columnSums(float[] d, int rows, int columns, float[] out) {
        Arrays.fill(out, 0f);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < columns; j++) {
                out[j] += d[r * columns + j];
            }
        }
    }

    /** Mean stable softmax cross-entropy; overwrites logits with (softmax - onehot) / rows. */
    static double softmaxCrossEntropyInPlace(float[] logits, int[] labels, int rows, int classes) {
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * classes;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < classes; j++) {
                max = Math.max(max, logits[row + j]);
            }
            double sum = 0;
            for (int j = 0; j < classes; j++) {
                sum += Math.exp(logits[row + j] - max);
            }
            loss += Math.log(sum) - (logits[row + labels[r]] - max);
            for (int j = 0; j < classes; j++) {
                logits[row + j] = (float) (Math.exp(logits[row + j] - max) / sum / rows);
            }
            logits[row + labels[r]] -= 1f / rows;
        }
        return loss / rows;
    }

    static void descend(float[] params, float[] grad, float lr) {
        for (int i = 0; i < params.length; i++) {
            params[i] -= lr * grad[i];
        }
    }
}
