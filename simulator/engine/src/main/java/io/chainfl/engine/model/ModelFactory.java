package io.chainfl.engine.model;

import io.chainfl.engine.config.ModelConfig;
import io.chainfl.engine.data.ImageShape;
import java.util.SplittableRandom;

/** Builds the configured architecture with a deterministic initialisation drawn from {@code init}. */
public final class ModelFactory {
    private ModelFactory() {}

    public static Model create(ModelConfig config, int numFeatures, ImageShape imageShape, int numClasses, SplittableRandom init) {
        throw new UnsupportedOperationException("TODO: models");
    }
}
