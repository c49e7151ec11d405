package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.PartitionConfig;
import io.chainfl.engine.config.PartitionType;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class PartitionerTest {
    static final int CLASSES = 10;
    static final int[] LABELS = balancedLabels(2000, CLASSES);

    static Stream<Partitioner> all() {
        return Stream.of(new IidPartitioner(), new DirichletPartitioner(0.1), new DirichletPartitioner(100),
                new ShardsPartitioner(2), new QuantityPartitioner(1.5));
    }

    @ParameterizedTest
    @MethodSource("all")
    void disjointSortedCoveringAndDeterministic(Partitioner partitioner) {
        List<int[]> parts = partitioner.partition(LABELS, CLASSES, 10, new SplittableRandom(42));
        assertEquals(10, parts.size());
        boolean[] seen = new boolean[LABELS.length];
        for (int[] part : parts) {
            assertTrue(part.length >= 1, "nobody is empty");
            for (int i = 0; i < part.length; i++) {
                assertTrue(i == 0 || part[i - 1] < part[i], "sorted ascending");
                assertFalse(seen[part[i]], "index " + part[i] + " given twice");
                seen[part[i]] = true;
            }
        }
        for (int i = 0; i < seen.length; i++) {
            assertTrue(seen[i], "index " + i + " given to nobody");
        }
        List<int[]> again = partitioner.partition(LABELS, CLASSES, 10, new SplittableRandom(42));
        List<int[]> other = partitioner.partition(LABELS, CLASSES, 10, new SplittableRandom(43));
        for (int p = 0; p < 10; p++) {
            assertArrayEquals(parts.get(p), again.get(p));
        }
        boolean anyDifferent = false;
        for (int p = 0; p < 10; p++) {
            anyDifferent |= !java.util.Arrays.equals(parts.get(p), other.get(p));
        }
        assertTrue(anyDifferent, "another seed gives another partition");
    }

    @Test
    void iidSharesAreEqualAndMixed() {
        List<int[]> parts = new IidPartitioner().partition(LABELS, CLASSES, 7, new SplittableRandom(1));
        for (int[] part : parts) {
            assertTrue(part.length == 285 || part.length == 286, "size " + part.length);
        }
        assertTrue(meanEntropy(parts) > 0.95 * Math.log(CLASSES), "iid shares hold all classes");
    }

    @Test
    void smallAlphaIsMoreSkewedThanLargeAlpha() {
        double skewed = meanEntropy(new DirichletPartitioner(0.1).partition(LABELS, CLASSES, 10, new SplittableRandom(3)));
        double mild = meanEntropy(new DirichletPartitioner(100).partition(LABELS, CLASSES, 10, new SplittableRandom(3)));
        assertTrue(skewed < 0.6 * Math.log(CLASSES), "alpha 0.1 entropy " + skewed);
        assertTrue(mild > 0.9 * Math.log(CLASSES), "alpha 100 entropy " + mild);
    }

    @Test
    void dirichletGuaranteesTheMinimumEvenWhenDrawsCannotMeetIt() {
        // 40 participants, 2 classes, alpha tiny: almost every draw leaves most participants empty
        int[] labels = balancedLabels(800, 2);
        List<int[]> parts = new DirichletPartitioner(0.001).partition(labels, 2, 40, new SplittableRandom(9));
        int minimum = Partitioner.minimumSamples(800, 40);
        assertEquals(10, minimum);
        for (int[] part : parts) {
            assertTrue(part.length >= minimum, "size " + part.length);
        }
        assertEquals(800, parts.stream().mapToInt(p -> p.length).sum());
    }

    @Test
    void shardsLimitTheClassesEachParticipantSees() {
        List<int[]> parts = new ShardsPartitioner(2).partition(LABELS, CLASSES, 10, new SplittableRandom(4));
        for (int[] part : parts) {
            assertTrue(distinctLabels(part) <= 2, "a participant sees " + distinctLabels(part) + " classes");
            assertEquals(200, part.length);
        }
        assertThrows(UserError.class, () -> new ShardsPartitioner(100).partition(LABELS, CLASSES, 30, new SplittableRandom(4)));
    }

    @Test
    void quantitySizesVaryWithSigmaButLabelsStayMixed() {
        List<int[]> skewed = new QuantityPartitioner(1.5).partition(LABELS, CLASSES, 10, new SplittableRandom(5));
        List<int[]> equal = new QuantityPartitioner(0).partition(LABELS, CLASSES, 10, new SplittableRandom(5));
        int smallest = skewed.stream().mapToInt(p -> p.length).min().orElseThrow();
        int largest = skewed.stream().mapToInt(p -> p.length).max().orElseThrow();
        assertTrue(largest > 3 * smallest, "sizes " + smallest + ".." + largest);
        assertTrue(smallest >= Partitioner.minimumSamples(LABELS.length, 10));
        equal.forEach(p -> assertEquals(200, p.length));
    }

    @Test
    void factoryMapsEveryType() {
        assertInstanceOf(IidPartitioner.class, Partitioners.of(new PartitionConfig(PartitionType.IID, null, null, null)));
        assertInstanceOf(DirichletPartitioner.class, Partitioners.of(new PartitionConfig(PartitionType.DIRICHLET, null, null, null)));
        assertInstanceOf(ShardsPartitioner.class, Partitioners.of(new PartitionConfig(PartitionType.SHARDS, null, null, null)));
        assertInstanceOf(QuantityPartitioner.class, Partitioners.of(new PartitionConfig(PartitionType.QUANTITY, null, null, null)));
    }

    @Test
    void moreParticipantsThanSamplesIsAUserError() {
        assertThrows(UserError.class, () -> new IidPartitioner().partition(new int[] {0, 1}, 2, 3, new SplittableRandom(1)));
    }

    @Test
    void gammaSamplerHasTheRightMean() {
        SplittableRandom rng = new SplittableRandom(11);
        for (double shape : new double[] {0.1, 0.5, 1, 3.7}) {
            double sum = 0;
            int n = 200_000;
            for (int i = 0; i < n; i++) {
                sum += RandomDraws.gamma(shape, rng);
            }
            assertEquals(shape, sum / n, 0.03 * shape + 0.005, "mean of Gamma(" + shape + ")");
        }
    }

    static int[] balancedLabels(int n, int classes) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % classes;
        }
        return labels;
    }

    private static int distinctLabels(int[] part) {
        return (int) java.util.Arrays.stream(part).map(i -> LABELS[i]).distinct().count();
    }

    /** Mean over participants of the Shannon entropy (nats) of their label distribution. */
    static double meanEntropy(List<int[]> parts) {
        double total = 0;
        for (int[] part : parts) {
            int[] counts = new int[CLASSES];
            for (int i : part) {
                counts[LABELS[i]]++;
            }
            double entropy = 0;
            for (int c : counts) {
                if (c > 0) {
                    double p = c / (double) part.length;
                    entropy -= p * Math.log(p);
                }
            }
            total += entropy;
        }
        return total / parts.size();
    }
}
