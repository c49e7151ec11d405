package io.chainfl.engine.model;

import io.chainfl.engine.config.CnnConfig;
import io.chainfl.engine.data.ImageShape;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Conv blocks ({@link ConvBlock}) followed by dense ReLU layers and a softmax output. With the default
 * {@link CnnConfig} on 1x28x28 digits this is DeepChain's network: conv(10 3x3) -> pool 2 -> 1960x128 -> 128x10.
 */
public final class SmallCnn extends LayeredModel<SmallCnn.Scratch> {
    private final CnnConfig config;
    private final ImageShape imageShape;
    private final int numClasses;
    private final ConvBlock[] blocks;
    private final DenseStack head;

    final class Scratch {
        final ConvBlock.Buffers[] blockBuffers = new ConvBlock.Buffers[blocks.length];
        final DenseStack.Buffers headBuffers;
        final INDArray headInputGrad;
        final SoftmaxCrossEntropy loss;

        Scratch(int batch) {
            for (int i = 0; i < blocks.length; i++) {
                blockBuffers[i] = blocks[i].new Buffers(batch);
            }
            headBuffers = head.buffers(batch);
            headInputGrad = Activations.scratch(batch, blocks[blocks.length - 1].pooledSize());
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
        INDArray images = asImages(features, batch);
        INDArray headInput = convolve(images, scratch, batch);
        INDArray logits = head.forward(headInput, scratch.headBuffers);
        double loss = scratch.loss.lossAndGradientInPlace(logits, oneHot);
        head.backward(headInput, scratch.headBuffers, scratch.headInputGrad);
        INDArray pooledGrad = scratch.headInputGrad.reshape('c', scratch.blockBuffers[blocks.length - 1].pooled.shape());
        for (int i = blocks.length - 1; i >= 0; i--) {
            INDArray blockInput = i == 0 ? images : scratch.blockBuffers[i - 1].pooled;
            blocks[i].backward(blockInput, scratch.blockBuffers[i], pooledGrad);
            pooledGrad = scratch.blockBuffers[i].inputGrad;
        }
        return loss;
    }

    @Override
    public INDArray predictProbabilities(INDArray features) {
        int batch = batchSize(features, null, imageShape.size(), numClasses);
        Scratch scratch = scratch(batch, Scratch::new);
        INDArray headInput = convolve(asImages(features, batch), scratch, batch);
        return scratch.loss.probabilities(head.forward(headInput, scratch.headBuffers));
    }

    /** Runs the conv blocks; returns the last pooled map flattened to {@code batch x features} (a view). */
    private INDArray convolve(INDArray images, Scratch scratch, int batch) {
        INDArray current = images;
        for (int i = 0; i < blocks.length; i++) {
            current = blocks[i].forward(current, scratch.blockBuffers[i]);
        }
        return current.reshape('c', batch, blocks[blocks.length - 1].pooledSize());
    }

    private INDArray asImages(INDArray features, int batch) {
        return features.reshape('c', batch, imageShape.channels(), imageShape.height(), imageShape.width());
    }

    @Override
    public Model copy() {
        return new SmallCnn(config, imageShape, numClasses, new ParameterLayout(), null, params.dup());
    }
}
