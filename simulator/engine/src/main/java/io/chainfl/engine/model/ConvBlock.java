package io.chainfl.engine.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * conv (kernel x kernel, SAME padding, stride 1) -> ReLU -> max-pool (pool x pool, stride pool, no padding),
 * in NCHW, using libnd4j's conv2d / maxpool2d ops and their _bp counterparts. Weights are stored
 * {@code [outChannels, inChannels, kernel, kernel]} (libnd4j weight format 1, PyTorch's layout).
 */
final class ConvBlock {
    private static final int SAME_PADDING = 1;
    private static final int VALID_PADDING = 0;
    private static final int NCHW = 0;
    private static final int WEIGHTS_OIHW = 1;

    final int inChannels;
    final int outChannels;
    final int height;
    final int width;
    final int pooledHeight;
    final int pooledWidth;
    private final int kernel;
    private final int pool;
    private final long weightOffset;
    private final long biasOffset;
    private INDArray weights;
    private INDArray bias;
    private INDArray weightGrad;
    private INDArray biasGrad;

    ConvBlock(int inChannels, int height, int width, int outChannels, int kernel, int pool, ParameterLayout layout) {
        if (height / pool < 1 || width / pool < 1) {
            throw new IllegalArgumentException("a " + pool + "x" + pool + " pool does not fit a " + height + "x" + width + " feature map");
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.height = height;
        this.width = width;
        this.kernel = kernel;
        this.pool = pool;
        this.pooledHeight = height / pool;
        this.pooledWidth = width / pool;
        this.weightOffset = layout.allocate(ParameterLayout.heStd((long) inChannels * kernel * kernel), outChannels, inChannels, kernel, kernel);
        this.biasOffset = layout.allocate(0, outChannels);
    }

    long pooledSize() {
        return (long) outChannels * pooledHeight * pooledWidth;
    }

    void bindParameters(INDArray flat) {
        weights = ParameterLayout.view(flat, weightOffset, outChannels, inChannels, kernel, kernel);
        bias = ParameterLayout.view(flat, biasOffset, outChannels);
    }

    void bindGradients(INDArray flatGrad) {
        weightGrad = ParameterLayout.view(flatGrad, weightOffset, outChannels, inChannels, kernel, kernel);
        biasGrad = ParameterLayout.view(flatGrad, biasOffset, outChannels);
    }

    /** Per-batch scratch; {@code activated} keeps the post-ReLU conv output that both backward ops need. */
    final class Buffers {
        final INDArray activated;
        final INDArray pooled;
        final INDArray activatedGrad;
        final INDArray inputGrad;

        Buffers(int batch) {
            activated = Activations.scratch(batch, outChannels, height, width);
            pooled = Activations.scratch(batch, outChannels, pooledHeight, pooledWidth);
            activatedGrad = Activations.scratch(batch, outChannels, height, width);
            inputGrad = Activations.scratch(batch, inChannels, height, width);
        }
    }

    /** {@code input} is {@code [batch, inChannels, height, width]}; returns the pooled output held in {@code buffers}. */
    INDArray forward(INDArray input, Buffers buffers) {
        Nd4j.exec(DynamicCustomOp.builder("conv2d")
                .addInputs(input, weights, bias)
                .addOutputs(buffers.activated)
                .addIntegerArguments(convArguments())
                .build());
        Activations.reluInPlace(buffers.activated);
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d")
                .addInputs(buffers.activated)
                .addOutputs(buffers.pooled)
                .addIntegerArguments(poolArguments())
                .build());
        return buffers.pooled;
    }

    /** Fills the bound gradient slices from {@code pooledGrad}; leaves {@code dLoss/dInput} in {@code buffers.inputGrad}. */
    void backward(INDArray input, Buffers buffers, INDArray pooledGrad) {
        Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp")
                .addInputs(buffers.activated, pooledGrad)
                .addOutputs(buffers.activatedGrad)
                .addIntegerArguments(poolArguments())
                .build());
        Activations.reluBackwardInPlace(buffers.activated, buffers.activatedGrad);
        Nd4j.exec(DynamicCustomOp.builder("conv2d_bp")
                .addInputs(input, weights, bias, buffers.activatedGrad)
                .addOutputs(buffers.inputGrad, weightGrad, biasGrad)
                .addIntegerArguments(convArguments())
                .build());
    }

    // libnd4j order: kH, kW, sH, sW, pH, pW, dH, dW, paddingMode, dataFormat, weightsFormat
    private int[] convArguments() {
        return new int[] {kernel, kernel, 1, 1, 0, 0, 1, 1, SAME_PADDING, NCHW, WEIGHTS_OIHW};
    }

    // libnd4j order: kH, kW, sH, sW, pH, pW, dH, dW, paddingMode, extraParam0 (unused by max), dataFormat
    private int[] poolArguments() {
        return new int[] {pool, pool, pool, pool, 0, 0, 1, 1, VALID_PADDING, 0, NCHW};
    }
}
