package io.chainfl.learning.cost;

import io.chainfl.engine.config.ModelConfig;
import io.chainfl.learning.data.ImageShape;
import java.util.ArrayList;
import java.util.List;

/**
 * What one sample costs a model, computed from the model's config and the data's shape alone (pure arithmetic, the
 * same on every machine, whatever kernels train the model).
 *
 * <p>Convention: a multiply-accumulate is 2 FLOPs, and only the layers' products are counted: a dense layer's forward
 * pass is {@code 2 * in * out}; a conv layer's is {@code 2 * C * k * k} per output pixel per filter (same padding,
 * stride 1: {@code H * W} output pixels per filter). Biases, activations, pooling and the softmax are O(outputs), a
 * small fraction of the products, and are left out. Training a sample costs its forward pass plus a backward pass of
 * twice the forward (the gradients with respect to the inputs and to the weights each cost one forward's products):
 * 3x forward in all, the convention of Kaplan et al., "Scaling Laws for Neural Language Models" (2020, sec. 2.1: C = 6N
 * per token, i.e. 2N forward + 4N backward) and of OpenAI's "AI and Compute" (2018). Evaluation is the forward pass.
 *
 * @param parameters          trainable parameters (weights and biases), the size of a dense model upload in floats
 * @param forwardFlopsPerSample FLOPs of one sample's forward pass
 */
public record ModelCost(long parameters, long forwardFlopsPerSample) {
    /** Bytes per parameter on the wire (float32). */
    public static final int BYTES_PER_PARAMETER = 4;

    /** The configured model on data of this shape (the image shape is needed for the cnn only). */
    public static ModelCost of(ModelConfig model, int features, ImageShape image, int classes) {
        return switch (model.type()) {
            case SOFTMAX -> dense(features, List.of(), classes);
            case MLP -> dense(features, model.hidden(), classes);
            case CNN -> cnn(model, image, classes);
        };
    }

    /** FLOPs to train on one sample: forward plus backward (twice the forward). */
    public long trainFlopsPerSample() {
        return 3 * forwardFlopsPerSample;
    }

    /** FLOPs to train on {@code samples} samples (the sample count over all local epochs). */
    public long trainFlops(long samples) {
        return trainFlopsPerSample() * samples;
    }

    /** FLOPs to evaluate {@code samples} samples. */
    public long evaluationFlops(long samples) {
        return forwardFlopsPerSample * samples;
    }

    /** Bytes of the whole model (or a dense update) as float32. */
    public long modelBytes() {
        return BYTES_PER_PARAMETER * parameters;
    }

    private static ModelCost dense(int in, List<Integer> hidden, int classes) {
        List<Integer> widths = new ArrayList<>();
        widths.add(in);
        widths.addAll(hidden);
        widths.add(classes);
        return denseStack(widths, 0, 0);
    }

    /** Dense layers between consecutive widths, added to what came before. */
    private static ModelCost denseStack(List<Integer> widths, long parameters, long flops) {
        for (int i = 0; i + 1 < widths.size(); i++) {
            long in = widths.get(i);
            long out = widths.get(i + 1);
            parameters += in * out + out;
            flops += 2 * in * out;
        }
        return new ModelCost(parameters, flops);
    }

    private static ModelCost cnn(ModelConfig model, ImageShape image, int classes) {
        if (image == null) {
            throw new IllegalArgumentException("the cnn needs image-shaped data; this data set has no image shape");
        }
        int kernel = model.cnn().kernel();
        int pool = model.cnn().pool();
        long channels = image.channels();
        long height = image.height();
        long width = image.width();
        long parameters = 0;
        long flops = 0;
        for (int filters : model.cnn().filters()) {
            parameters += filters * channels * kernel * kernel + filters;
            flops += 2 * channels * kernel * kernel * filters * height * width;
            channels = filters;
            height /= pool;
            width /= pool;
        }
        List<Integer> widths = new ArrayList<>();
        widths.add(Math.toIntExact(channels * height * width));
        widths.addAll(model.cnn().dense());
        widths.add(classes);
        return denseStack(widths, parameters, flops);
    }
}
