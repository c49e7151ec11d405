package io.chainfl.scenarios;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.DataShape;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.ModelFactory;
import io.chainfl.engine.seed.SeedStreams;

/** The configured model with the run's shared initialisation (every copy starts from the same parameters). */
public final class ModelBuilder {
    private ModelBuilder() {}

    public static Model build(RunConfig config, Dataset shapeSource, SeedStreams seeds) {
        return build(config, DataShape.of(shapeSource), seeds);
    }

    /** From the samples' geometry alone: what a cluster member, which holds no test set, builds its models from. */
    public static Model build(RunConfig config, DataShape shape, SeedStreams seeds) {
        return ModelFactory.create(config.model(), shape.numFeatures(), shape.imageShape(), shape.numClasses(), seeds.stream("model/init"));
    }
}
