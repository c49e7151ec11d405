package io.chainfl.learning.model;

import io.chainfl.engine.config.CnnConfig;
import io.chainfl.learning.data.ImageShape;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Conv blocks ({@link ConvBlock}) followed by dense ReLU layers and a softmax output. With the default
 * {@link CnnConfig} on 1x28x28 digits this is DeepChain's network: conv(10 3x3) -> pool 2 -> 1960x128 -> 128x10.
 */
public final class SmallCnn extends LayeredModel<SmallCnn.Scratch> {
    private static final int PREDICT_CHUNK = 256;
    private final CnnConfig config;
    private final ImageShape imageShape;
    private final int numClasses;
    private final ConvBlock[] blocks;
    private final DenseStack head;

    final class Scratch {
        final int batch;
        final float[] images;
        final ConvBlock.Buffers[] blockBuffers = new ConvBlock.Buffers[blocks.length];
        final INDArray headInput;
        final DenseStack.Buffers headBuffers;
        final INDArray headInputGrad;
        final float[] headInputGradValues;
        final SoftmaxCrossEntropy loss;

        Scratch(int batch) {
            this.batch = batch;
            images = new float[batch * blocks[0].inputSize()];
            for (int i = 0; i < blocks.length; i++) {
                blockBuffers[i] = blocks[i].new Buffers(batch);
            }
            long headWidth = blocks[blocks.length - 1].pooledSize();
            headInput = Activations.scratch(batch, headWidth);
            headBuffers = head.buffers(batch);
            headInputGrad = Activations.scratch(batch, headWidth);
            headInputGradValues = new float[batch * (int) headWidth];
            loss = new SoftmaxCrossEntropy(batch, numClasses);
        }
    }

    public SmallCnn(CnnConfig config, ImageShape imageShape, int numClasses, SplittableRandom init) {
        this(config, imageShape, numClasses, new ParameterLayout(), init, null);
    }

    private SmallCnn(CnnConfig config, ImageShape imageShape, int numClasses, ParameterLayout layout, SplittableRandom init, INDArray paramsOrNull) {
        // blocks and head fill the layout before super() draws the parameter vector from it
        this(config, imageShape, numClasses, buildBlocks(config, imageShape, layout), layout, init, paramsOrNull);
    }

    private SmallCnn(CnnConfig config, ImageShape imageShape, int numClasses, ConvBlock[] blocks, ParameterLayout layout, SplittableRandom init, INDArray paramsOrNull) {
        this(config, imageShape, numClasses, blocks,
                new DenseStack((int) blocks[blocks.length - 1].pooledSize(), config.dense(), numClasses, layout), layout, init, paramsOrNull);
    }

    private SmallCnn(CnnConfig config, ImageShape imageShape, int numClasses, ConvBlock[] blocks, DenseStack head, ParameterLayout layout, SplittableRandom init, INDArray paramsOrNull) {
        super(layout.parameters(init, paramsOrNull));
        this.config = config;
        this.imageShape = imageShape;
        this.numClasses = numClasses;
        this.blocks = blocks;
        this.head = head;
        for (ConvBlock block : blocks) {
            block.bindParameters(params);
        }
        head.bindParameters(params);
    }

    private static ConvBlock[] buildBlocks(CnnConfig config, ImageShape shape, ParameterLayout layout) {
        if (config.filters().isEmpty()) {
            throw new IllegalArgumentException("a cnn needs at least one conv layer");
        }
        ConvBlock[] blocks = new ConvBlock[config.filters().size()];
        int channels = shape.channels();
        int height = shape.height();
        int width = shape.width();
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = new ConvBlock(channels, height, width, config.filters().get(i), config.kernel(), config.pool(), layout);
            channels = blocks[i].outChannels;
            height = blocks[i].pooledHeight;
            width = blocks[i].pooledWidth;
        }
        return blocks;
    }

    @Override
    protected void bindGradients(INDArray gradOut) {
        for (ConvBlock block : blocks) {
            block.bindGradients(gradOut);
        }
        head.bindGradients(gradOut);
    }

    @Override
    public double lossAndGradient(INDArray features, INDArray oneHot, INDArray gradOut) {
        int batch = batchSize(features, oneHot, imageShape.size(), numClasses);
        useGradientVector(gradOut);
        Scratch scratch = scratch(batch, Scratch::new);
        Activations.copyToHeap(features.isView() ? features.dup('c') : features, scratch.images);
        INDArray logits = head.forward(convolve(scratch), scratch.headBuffers);
        double loss = scratch.loss.lossAndGradientInPlace(logits, oneHot);
        head.backward(scratch.headInput, scratch.headBuffers, scratch.headInputGrad);
        Activations.copyToHeap(scratch.headInputGrad, scratch.headInputGradValues);
        float[] pooledGrad = scratch.headInputGradValues;
        for (int i = blocks.length - 1; i >= 0; i--) {
            // the first block's input is the data: its gradient is never needed
            blocks[i].backward(scratch.blockBuffers[i], pooledGrad, i > 0);
            pooledGrad = scratch.blockBuffers[i].inputGrad;
        }
        return loss;
    }

    /**
     * Runs in chunks of at most {@value #PREDICT_CHUNK} rows, since the conv scratch (the im2col patch matrix
     * above all) grows with the batch and evaluation batches can be large.
     */
    @Override
    public INDArray predictProbabilities(INDArray features) {
        int batch = batchSize(features, null, imageShape.size(), numClasses);
        int imageSize = blocks[0].inputSize();
        if (batch <= PREDICT_CHUNK) {
            Scratch scratch = scratch(batch, Scratch::new);
            Activations.copyToHeap(features.isView() ? features.dup('c') : features, scratch.images);
            return scratch.loss.probabilities(head.forward(convolve(scratch), scratch.headBuffers));
        }
        float[] all = new float[batch * imageSize];
        Activations.copyToHeap(features.isView() ? features.dup('c') : features, all);
        float[] probabilities = new float[batch * numClasses];
        for (int from = 0; from < batch; from += PREDICT_CHUNK) {
            int count = Math.min(PREDICT_CHUNK, batch - from);
            Scratch scratch = scratch(count, Scratch::new);
            System.arraycopy(all, from * imageSize, scratch.images, 0, count * imageSize);
            INDArray chunk = scratch.loss.probabilities(head.forward(convolve(scratch), scratch.headBuffers));
            Activations.copyToHeap(chunk, probabilities, from * numClasses);
        }
        return Nd4j.create(probabilities, new long[] {batch, numClasses}, DataType.FLOAT);
    }

    /** Runs the conv blocks on {@code scratch.images}; returns the last pooled maps as {@code scratch.headInput} ({@code batch x features}). */
    private INDArray convolve(Scratch scratch) {
        float[] current = scratch.images;
        for (int i = 0; i < blocks.length; i++) {
            current = blocks[i].forward(current, scratch.blockBuffers[i]);
        }
        Activations.copyFromHeap(current, scratch.headInput);
        return scratch.headInput;
    }

    @Override
    public Model copy() {
        return new SmallCnn(config, imageShape, numClasses, new ParameterLayout(), null, params.dup());
    }
}
