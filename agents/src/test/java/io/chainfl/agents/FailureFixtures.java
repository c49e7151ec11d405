package io.chainfl.agents;

import io.chainfl.engine.config.ModelConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.ModelFactory;
import io.chainfl.engine.seed.SeedStreams;
import java.util.SplittableRandom;

/** The small task the failure-policy tests share: three separable Gaussian classes in four features. */
public final class FailureFixtures {
    private FailureFixtures() {}

    public static Dataset toyData(int seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = 48;
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) (rng.nextGaussian() + (j == y[i] ? 2 : 0));
            }
        }
        return new Dataset("toy-" + seed, x, y, 4, 3, null);
    }

    public static Model toyModel(SeedStreams seeds) {
        return ModelFactory.create(ModelConfig.defaults(), 4, null, 3, seeds.stream("model/init"));
    }
}
