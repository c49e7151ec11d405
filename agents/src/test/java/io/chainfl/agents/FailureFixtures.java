package io.chainfl.agents;

import io.chainfl.engine.config.ModelConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.ModelFactory;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

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

    /** A listener that keeps every round's metrics and the events of the kinds {@code kept} accepts, in arrival order. */
    public static final class Recorder implements RunListener {
        public final List<RoundMetrics> rounds = new ArrayList<>();
        public final List<RunEvent> events = new ArrayList<>();
        private final Predicate<String> kept;

        public Recorder(Predicate<String> kept) {
            this.kept = kept;
        }

        @Override
        public void onRound(RoundMetrics metrics) {
            rounds.add(metrics);
        }

        @Override
        public void onEvent(RunEvent event) {
            if (kept.test(event.kind())) {
                events.add(event);
            }
        }
    }
}
