package io.chainfl.scenarios;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.ModelFactory;
import io.chainfl.engine.seed.SeedStreams;

/** The configured model with the run's shared initialisation (every copy starts from the same parameters). */
public final class ModelBuilder {
    private ModelBuilder() {}

    public static Model build(RunConfig config, Dataset shapeSource, SeedStreams seeds) {
        return ModelFactory.create(config.model(), shapeSource.numFeatures(), shapeSource.imageShape(), shapeSource.numClasses(),
                seeds.stream("model/init"));
    }
}
