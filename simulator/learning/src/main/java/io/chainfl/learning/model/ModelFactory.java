package io.chainfl.learning.model;

import io.chainfl.engine.config.ModelConfig;
import io.chainfl.learning.data.ImageShape;
import java.util.SplittableRandom;

/** Builds the configured architecture with a deterministic initialisation drawn from {@code init}. */
public final class ModelFactory {
    private ModelFactory() {}

    public static Model create(ModelConfig config, int numFeatures, ImageShape imageShape, int numClasses, SplittableRandom init) {
        return switch (config.type()) {
            case SOFTMAX -> new SoftmaxRegression(numFeatures, numClasses, init);
            case MLP -> new Mlp(numFeatures, config.hidden(), numClasses, init);
            case CNN -> {
                if (imageShape == null) {
                    throw new IllegalArgumentException("the cnn needs image-shaped data; this data set has no image shape");
                }
                if (imageShape.size() != numFeatures) {
                    throw new IllegalArgumentException("image shape " + imageShape + " does not match " + numFeatures + " features");
                }
                yield new SmallCnn(config.cnn(), imageShape, numClasses, init);
            }
        };
    }
}
