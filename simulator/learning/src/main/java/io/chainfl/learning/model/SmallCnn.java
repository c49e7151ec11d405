package io.chainfl.learning.model;

import io.chainfl.engine.config.CnnConfig;
import io.chainfl.learning.data.ImageShape;
import io.chainfl.learning.math.MatMul;
import java.util.SplittableRandom;

/**
 * Conv blocks ({@link ConvBlock}) followed by dense ReLU layers and a softmax output. With the default
 * {@link CnnConfig} on 1x28x28 digits this is DeepChain's network: conv(10 3x3) -> pool 2 -> 1960x128 -> 128x10.
 */
public final class SmallCnn extends LayeredModel<SmallCnn.Scratch> {
    private static final int PREDICT_CHUNK = 256;
    private final CnnConfig config;
    private final ImageShape imageShape;
    private final int numClasses;
    private final MatMul matMul;
    private final ConvBlock[] blocks;
    private final DenseStack head;

    final class Scratch {
        final int batch;
        final ConvBlock.Buffers[] blockBuffers = new ConvBlock.Buffers[blocks.length];
        final DenseStack.Buffers headBuffers;
        /** {@code dLoss/dHeadInput}, the last block's pooled maps' gradient. */
        final float[] headInputGrad;

        Scratch(int batch) {
            this.batch = batch;
            for (int i = 0; i < blocks.length; i++) {
                blockBuffers[i] = blocks[i].new Buffers(batch);
            }
            headBuffers = head.buffers(batch);
            headInputGrad = new float[batch * blocks[blocks.length - 1].pooledSize()];
        }
    }

    public SmallCnn(CnnConfig config, ImageShape imageShape, int numClasses, SplittableRandom init) {
        this(config, imageShape, numClasses, kernels(), new ParameterLayout(), init, null);
    }

    private SmallCnn(CnnConfig config, ImageShape imageShape, int numClasses, MatMul matMul, ParameterLayout layout, SplittableRandom init,
                     float[] paramsOrNull) {
        // blocks and head fill the layout before super() draws the parameter vector from it
        this(config, imageShape, numClasses, matMul, buildBlocks(config, imageShape, layout, matMul), layout, init, paramsOrNull);
    }

    private SmallCnn(CnnConfig config, ImageShape imageShape, int numClasses, MatMul matMul, ConvBlock[] blocks, ParameterLayout layout,
                     SplittableRandom init, float[] paramsOrNull) {
        this(config, imageShape, numClasses, matMul, blocks,
                new DenseStack(blocks[blocks.length - 1].pooledSize(), config.dense(), numClasses, layout, matMul), layout, init, paramsOrNull);
    }

    private SmallCnn(CnnConfig config, ImageShape imageShape, int numClasses, MatMul matMul, ConvBlock[] blocks, DenseStack head,
                     ParameterLayout layout, SplittableRandom init, float[] paramsOrNull) {
        super(layout.parameters(init, paramsOrNull));
        this.config = config;
        this.imageShape = imageShape;
        this.numClasses = numClasses;
        this.matMul = matMul;
        this.blocks = blocks;
        this.head = head;
    }

    private static ConvBlock[] buildBlocks(CnnConfig config, ImageShape shape, ParameterLayout layout, MatMul matMul) {
        if (config.filters().isEmpty()) {
            throw new IllegalArgumentException("a cnn needs at least one conv layer");
        }
        ConvBlock[] blocks = new ConvBlock[config.filters().size()];
        int channels = shape.channels();
        int height = shape.height();
        int width = shape.width();
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new ConvBlock(channels, height, width, config.filters().get(i), config.kernel(), config.pool(), layout, matMul);
            channels = blocks[i].outChannels;
            height = blocks[i].pooledHeight;
            width = blocks[i].pooledWidth;
        }
        return blocks;
    }

    @Override
    public int numFeatures() {
        return imageShape.size();
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public double lossAndGradient(float[] features, int[] labels, float[] gradOut) {
        int batch = trainingBatch(features, labels, gradOut);
        Scratch scratch = scratch(batch, Scratch::new);
        float[] headInput = convolve(features, scratch);
        float[] logits = head.forward(params, headInput, scratch.headBuffers);
        double loss = SoftmaxCrossEntropy.lossAndGradientInPlace(logits, labels, numClasses);
        head.backward(params, headInput, scratch.headBuffers, gradOut, scratch.headInputGrad);
        float[] pooledGrad = scratch.headInputGrad;
        for (int i = blocks.length - 1; i >= 0; i--) {
            // the first block's input is the data: its gradient is never needed
            blocks[i].backward(params, scratch.blockBuffers[i], pooledGrad, gradOut, i > 0);
            pooledGrad = scratch.blockBuffers[i].inputGrad;
        }
        return loss;
    }

    /**
     * Runs in chunks of at most {@value #PREDICT_CHUNK} rows, since the conv scratch (the im2col patch matrix
     * above all) grows with the batch and evaluation batches can be large; rows do not interact, so the chunking
     * changes no value.
     */
    @Override
    public float[] predictProbabilities(float[] features) {
        int batch = predictionBatch(features);
        int imageSize = imageShape.size();
        float[] probabilities = new float[batch * numClasses];
        float[] chunkImages = batch <= PREDICT_CHUNK ? features : null;
        for (int from = 0; from < batch; from += PREDICT_CHUNK) {
            int count = Math.min(PREDICT_CHUNK, batch - from);
            if (chunkImages != features) {
                chunkImages = java.util.Arrays.copyOfRange(features, from * imageSize, (from + count) * imageSize);
            }
            Scratch scratch = scratch(count, Scratch::new);
            float[] logits = head.forward(params, convolve(chunkImages, scratch), scratch.headBuffers);
            System.arraycopy(logits, 0, probabilities, from * numClasses, count * numClasses);
        }
        SoftmaxCrossEntropy.probabilitiesInPlace(probabilities, batch, numClasses);
        return probabilities;
    }

    /** Runs the conv blocks on {@code images}; returns the last pooled maps ({@code batch x features}, each sample's maps in NCHW order). */
    private float[] convolve(float[] images, Scratch scratch) {
        float[] current = images;
        for (int i = 0; i < blocks.length; i++) {
            current = blocks[i].forward(params, current, scratch.blockBuffers[i]);
        }
        return current;
    }

    @Override
    public Model copy() {
        return new SmallCnn(config, imageShape, numClasses, matMul, new ParameterLayout(), null, params.clone());
    }
}
