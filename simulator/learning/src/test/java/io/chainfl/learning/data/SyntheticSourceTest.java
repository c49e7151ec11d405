package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.SyntheticConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticSourceTest {

    @Test
    void balancedAndDeterministic() {
        SyntheticConfig config = new SyntheticConfig(1000, 20, 10, 3.0);
        Dataset a = SyntheticSource.generate(config, new SeedStreams(5).stream(SyntheticSource.STREAM));
        Dataset b = SyntheticSource.generate(config, new SeedStreams(5).stream(SyntheticSource.STREAM));
        Dataset c = SyntheticSource.generate(config, new SeedStreams(6).stream(SyntheticSource.STREAM));
        int[] hundredEach = new int[10];
        Arrays.fill(hundredEach, 100);
        assertArrayEquals(hundredEach, a.labelCounts());
        assertArrayEquals(a.features(), b.features());
        assertArrayEquals(a.labels(), b.labels());
        assertFalse(Arrays.equals(a.features(), c.features()));
    }

    /** Nearest-class-centroid accuracy: separation 3 should be learnable but not trivial; 0 is chance. */
    @Test
    void separationControlsDifficulty() {
        double hard = centroidAccuracy(0.0);
        double medium = centroidAccuracy(3.0);
        double easy = centroidAccuracy(12.0);
        assertTrue(hard < 0.2, "separation 0 is chance: " + hard);
        assertTrue(medium > 0.4 && medium < 0.95, "separation 3 is learnable, not trivial: " + medium);
        assertTrue(easy > 0.99, "separation 12 is nearly separable: " + easy);
    }

    private static double centroidAccuracy(double separation) {
        SyntheticConfig config = new SyntheticConfig(20_000, 20, 10, separation);
        Dataset d = SyntheticSource.generate(config, new SeedStreams(1).stream(SyntheticSource.STREAM));
        int half = d.size() / 2;
        double[][] centroid = new double[10][20];
        int[] counts = new int[10];
        for (int i = 0; i < half; i++) {
            counts[d.labels()[i]]++;
            for (int f = 0; f < 20; f++) {
                centroid[d.labels()[i]][f] += d.features()[i * 20 + f];
            }
        }
        for (int c = 0; c < 10; c++) {
            for (int f = 0; f < 20; f++) {
                centroid[c][f] /= counts[c];
            }
        }
        int correct = 0;
        for (int i = half; i < d.size(); i++) {
            int best = -1;
            double bestDistance = Double.MAX_VALUE;
            for (int c = 0; c < 10; c++) {
                double distance = 0;
                for (int f = 0; f < 20; f++) {
                    double diff = d.features()[i * 20 + f] - centroid[c][f];
                    distance += diff * diff;
                }
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = c;
                }
            }
            correct += best == d.labels()[i] ? 1 : 0;
        }
        return correct / (double) (d.size() - half);
    }
}
