package io.chainfl.learning.model;

import io.chainfl.learning.math.MatMul;
import java.util.Arrays;

/**
 * conv (kernel x kernel, SAME padding, stride 1) -> ReLU -> max-pool (pool x pool, stride pool, no padding),
 * on NCHW maps held in heap {@code float[]}s. Weights are stored {@code [outChannels, inChannels, kernel, kernel]}
 * (PyTorch's layout) and the bias {@code [outChannels]}.
 *
 * <p>The convolution is im2col + one fixed-order product ({@link MatMul}) over the whole batch: the patch matrix {@code cols}
 * ({@code [inChannels*kernel*kernel, batch*height*width]}) is built once in the forward pass and reused by the
 * backward pass for the weight gradient {@code dAct cols^T} (see {@link #backward}). The input gradient
 * ({@code W^T dAct}, then col2im) is computed only when asked for, i.e. not for the first block, whose input
 * is the data. Bias, ReLU and max-pool and their derivatives are plain loops in a fixed order. SAME padding puts {@code (kernel-1)/2} zeros before and the rest
 * after, like libnd4j and PyTorch; pooling windows are scanned row-major and the first maximum wins.
 */
final class ConvBlock {
    final int inChannels;
    final int outChannels;
    final int height;
    final int width;
    final int pooledHeight;
    final int pooledWidth;
    private final int kernel;
    private final int pool;
    private final int padBefore;
    private final int patchSize;
    private final int weightOffset;
    private final int biasOffset;
    private final MatMul matMul;
    private final float[] patchGrad;

    ConvBlock(int inChannels, int height, int width, int outChannels, int kernel, int pool, ParameterLayout layout, MatMul matMul) {
        if (height / pool < 1 || width / pool < 1) {
            throw new IllegalArgumentException("a " + pool + "x" + pool + " pool does not fit a " + height + "x" + width + " feature map");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.height = height;
        this.width = width;
        this.kernel = kernel;
        this.pool = pool;
        this.padBefore = (kernel - 1) / 2;
        this.patchSize = inChannels * kernel * kernel;
        this.pooledHeight = height / pool;
        this.pooledWidth = width / pool;
        this.weightOffset = layout.allocate(ParameterLayout.heStd((long) inChannels * kernel * kernel), outChannels, inChannels, kernel, kernel);
        this.biasOffset = layout.allocate(0, outChannels);
        this.matMul = matMul;
        this.patchGrad = new float[patchSize];
    }

    int pooledSize() {
        return outChannels * pooledHeight * pooledWidth;
    }

    int inputSize() {
        return inChannels * height * width;
    }

    /** Per-batch scratch: the patch matrix and pooling arg-maxes that the backward pass needs, plus work arrays. */
    final class Buffers {
        final int batch;
        final int positions;
        final float[] cols;
        /** Conv output {@code [outChannels, batch*height*width]} (bias not added); reused for its gradient. */
        final float[] conv;
        /** Index into {@code conv} of each pooled window's maximum (whether or not ReLU then zeroed it). */
        final int[] argMax;
        final float[] pooled;
        final float[] inputGrad;
        private float[] colsGrad;

        Buffers(int batch) {
            this.batch = batch;
            this.positions = batch * height * width;
            cols = new float[patchSize * positions];
            conv = new float[outChannels * positions];
            argMax = new int[batch * pooledSize()];
            pooled = new float[batch * pooledSize()];
            inputGrad = new float[batch * inputSize()];
        }

        private void ensureColsGrad() {
            if (colsGrad == null) {
                colsGrad = new float[patchSize * positions];
            }
        }
    }

    /** {@code input} is {@code [batch, inChannels, height, width]}; returns the pooled output held in {@code buffers}. */
    float[] forward(float[] params, float[] input, Buffers buffers) {
        im2col(input, buffers.cols, buffers.batch);
        Arrays.fill(buffers.conv, 0f);
        // the weight tensor [O, C, k, k] is the matrix [O, C*k*k]
        matMul.multiply(params, weightOffset, buffers.cols, 0, buffers.conv, 0, outChannels, buffers.positions, patchSize);
        biasReluPool(params, buffers);
        return buffers.pooled;
    }

    /**
     * Overwrites this block's slices of {@code grad} from {@code pooledGrad} ({@code [batch, outChannels, pooledHeight,
     * pooledWidth]}); when {@code wantInputGrad}, also leaves {@code dLoss/dInput} in {@code buffers.inputGrad}.
     *
     * <p>Only a window's arg-max receives gradient, so the weight gradient {@code dConv cols^T} is accumulated
     * straight from the arg-maxes: one patch-matrix column per pooled value instead of a dense gemm over all
     * {@code batch*height*width} positions (three quarters of them zero with 2x2 pooling). The dense
     * {@code dConv} is materialised only for the input gradient.
     */
    void backward(float[] params, Buffers buffers, float[] pooledGrad, float[] grad, boolean wantInputGrad) {
        float[] convGrad = buffers.conv; // the forward values are no longer needed
        if (wantInputGrad) {
            Arrays.fill(convGrad, 0f);
        }
        float[] pooled = buffers.pooled;
        int[] argMax = buffers.argMax;
        float[] cols = buffers.cols;
        int positions = buffers.positions;
        int pooledPerChannel = pooledHeight * pooledWidth;
        Arrays.fill(grad, weightOffset, weightOffset + outChannels * patchSize, 0f);
        Arrays.fill(grad, biasOffset, biasOffset + outChannels, 0f);
        float[] patchGrad = this.patchGrad;
        int i = 0;
        for (int b = 0; b < buffers.batch; b++) {
            for (int o = 0; o < outChannels; o++) {
                Arrays.fill(patchGrad, 0f);
                float biasSum = 0f;
                int channelStart = o * positions; // arg-maxes index [outChannels, positions], cols columns are positions
                for (int end = i + pooledPerChannel; i < end; i++) {
                    // ReLU passes the gradient only where the pooled output is positive (pooled is never -0):
                    // an all-ones or all-zeros bit mask, since a branch here would be mispredicted half the time
                    int alive = -Float.floatToRawIntBits(pooled[i]) >> 31;
                    float g = Float.intBitsToFloat(Float.floatToRawIntBits(pooledGrad[i]) & alive);
                    int at = argMax[i];
                    biasSum += g;
                    for (int r = 0, column = at - channelStart; r < patchSize; r++, column += positions) {
                        patchGrad[r] += g * cols[column];
                    }
                    if (wantInputGrad) {
                        // windows do not overlap, so each conv position receives at most one pooled gradient
                        convGrad[at] = g;
                    }
                }
                grad[biasOffset + o] += biasSum;
                int row = weightOffset + o * patchSize;
                for (int r = 0; r < patchSize; r++) {
                    grad[row + r] += patchGrad[r];
                }
            }
        }
        if (wantInputGrad) {
            buffers.ensureColsGrad();
            Arrays.fill(buffers.colsGrad, 0f);
            // W^T dConv: W is [outChannels, patchSize], dConv [outChannels, positions]
            matMul.multiplyTransposedA(params, weightOffset, convGrad, 0, buffers.colsGrad, 0, patchSize, positions, outChannels);
            col2im(buffers.colsGrad, buffers.inputGrad, buffers.batch);
        }
    }

    /** Row {@code (c*k + ky)*k + kx}, column {@code (b*height + y)*width + x} holds {@code input[b, c, y+ky-pad, x+kx-pad]} or 0. */
    private void im2col(float[] input, float[] cols, int batch) {
        int mapSize = height * width;
        int positions = batch * mapSize;
        for (int c = 0; c < inChannels; c++) {
            for (int ky = 0; ky < kernel; ky++) {
                for (int kx = 0; kx < kernel; kx++) {
                    int rowStart = ((c * kernel + ky) * kernel + kx) * positions;
                    int dx = kx - padBefore;
                    int xFrom = Math.max(0, -dx);
                    int xTo = Math.min(width, width - dx);
                    for (int b = 0; b < batch; b++) {
                        int inputMap = (b * inChannels + c) * mapSize;
                        for (int y = 0; y < height; y++) {
                            int out = rowStart + b * mapSize + y * width;
                            int iy = y + ky - padBefore;
                            if (iy < 0 || iy >= height || xFrom >= xTo) {
                                Arrays.fill(cols, out, out + width, 0f);
                                continue;
                            }
                            Arrays.fill(cols, out, out + xFrom, 0f);
                            System.arraycopy(input, inputMap + iy * width + xFrom + dx, cols, out + xFrom, xTo - xFrom);
                            Arrays.fill(cols, out + xTo, out + width, 0f);
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #im2col}: sums every patch-matrix entry back onto the input position it was copied from. */
    private void col2im(float[] cols, float[] inputGrad, int batch) {
        Arrays.fill(inputGrad, 0f);
        int mapSize = height * width;
        int positions = batch * mapSize;
        for (int c = 0; c < inChannels; c++) {
            for (int ky = 0; ky < kernel; ky++) {
                for (int kx = 0; kx < kernel; kx++) {
                    int rowStart = ((c * kernel + ky) * kernel + kx) * positions;
                    int dx = kx - padBefore;
                    int xFrom = Math.max(0, -dx);
                    int xTo = Math.min(width, width - dx);
                    for (int b = 0; b < batch; b++) {
                        int inputMap = (b * inChannels + c) * mapSize;
                        for (int y = 0; y < height; y++) {
                            int iy = y + ky - padBefore;
                            if (iy < 0 || iy >= height) {
                                continue;
                            }
                            int from = rowStart + b * mapSize + y * width;
                            int to = inputMap + iy * width + dx;
                            for (int x = xFrom; x < xTo; x++) {
                                inputGrad[to + x] += cols[from + x];
                            }
                        }
                    }
                }
            }
        }
    }

    /** pooled = max(0, bias + max over window of conv); ReLU and max commute, so only the window maximum gets the bias. */
    private void biasReluPool(float[] params, Buffers buffers) {
        if (pool == 2) {
            biasReluPool2x2(params, buffers);
            return;
        }
        float[] conv = buffers.conv;
        float[] pooled = buffers.pooled;
        int[] argMax = buffers.argMax;
        int mapSize = height * width;
        int positions = buffers.positions;
        int out = 0;
        for (int b = 0; b < buffers.batch; b++) {
            for (int o = 0; o < outChannels; o++) {
                int map = o * positions + b * mapSize;
                float channelBias = params[biasOffset + o];
                for (int py = 0; py < pooledHeight; py++) {
                    for (int px = 0; px < pooledWidth; px++) {
                        int windowStart = map + py * pool * width + px * pool;
                        int best = windowStart;
                        float max = conv[best];
                        for (int dy = 0; dy < pool; dy++) {
                            int row = windowStart + dy * width;
                            for (int dx = 0; dx < pool; dx++) {
                                if (conv[row + dx] > max) {
                                    max = conv[row + dx];
                                    best = row + dx;
                                }
                            }
                        }
                        float activated = max + channelBias;
                        pooled[out] = activated > 0 ? activated : 0f;
                        argMax[out] = best;
                        out++;
                    }
                }
            }
        }
    }

    /**
     * {@link #biasReluPool} for 2x2 windows, written with selects instead of branches: on real-valued maps the
     * comparisons are coin flips, and mispredicted branches made the generic loop the most expensive part of a
     * step. Same result, including the tie rule (the first maximum in row-major order wins).
     */
    private void biasReluPool2x2(float[] params, Buffers buffers) {
        float[] conv = buffers.conv;
        float[] pooled = buffers.pooled;
        int[] argMax = buffers.argMax;
        int mapSize = height * width;
        int positions = buffers.positions;
        int out = 0;
        for (int b = 0; b < buffers.batch; b++) {
            for (int o = 0; o < outChannels; o++) {
                int map = o * positions + b * mapSize;
                float channelBias = params[biasOffset + o];
                for (int py = 0; py < pooledHeight; py++) {
                    int top = map + 2 * py * width;
                    for (int px = 0; px < pooledWidth; px++) {
                        int i = top + 2 * px;
                        float v0 = conv[i];
                        float v1 = conv[i + 1];
                        float v2 = conv[i + width];
                        float v3 = conv[i + width + 1];
                        int upper = v1 > v0 ? i + 1 : i;
                        float upperMax = Math.max(v0, v1);
                        int lower = v3 > v2 ? i + width + 1 : i + width;
                        float lowerMax = Math.max(v2, v3);
                        int best = lowerMax > upperMax ? lower : upper;
                        float activated = Math.max(upperMax, lowerMax) + channelBias;
                        pooled[out] = activated > 0 ? activated : 0f;
                        argMax[out] = best;
                        out++;
                    }
                }
            }
        }
    }
}
