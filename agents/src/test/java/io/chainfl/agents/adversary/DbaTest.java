package io.chainfl.agents.adversary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** DBA's local parts and global trigger on tiny images worked out by hand (the paper's MNIST geometry scaled to 6x10). */
class DbaTest {
    private static final ImageShape SHAPE = new ImageShape(1, 6, 10);
    private static final DbaParams DBA = new DbaParams(null, List.of(7, 2, 9, 5, 4), 1, 0, 1.0, 4, 4, 2, 1.0);

    /** The (row, column) pixels set to 1 in image {@code i}. */
    private static TreeSet<Integer> lit(Dataset d, int i) {
        TreeSet<Integer> pixels = new TreeSet<>();
        for (int k = 0; k < 60; k++) {
            if (d.features()[i * 60 + k] == 1f) {
                pixels.add(k);
            }
        }
        return pixels;
    }

    private static TreeSet<Integer> pixels(int row, int fromColumn) {
        TreeSet<Integer> out = new TreeSet<>();
        for (int x = fromColumn; x < fromColumn + 4; x++) {
            out.add(row * 10 + x);
        }
        return out;
    }

    @Test
    void eachAttackerStampsOnlyItsOwnPartInIdOrder() {
        // parts of 1x4 bars, gap 2: part 0 row 0 columns 0-3, part 1 row 0 columns 6-9, part 2 row 3 columns 0-3, part 3 row 3 columns 6-9;
        // attackers 2, 4, 5, 7, 9 in id order take parts 0, 1, 2, 3 and (cycling) 0
        AdversaryPlan plan = AdversaryPlan.of(List.of(DBA), 10, new SeedStreams(1));
        Dataset two = new Dataset("d", new float[2 * 60], new int[] {3, 4}, 60, 5, SHAPE);
        int[][] expected = {{2, 0, 0}, {4, 0, 6}, {5, 3, 0}, {7, 3, 6}, {9, 0, 0}};
        for (int[] e : expected) {
            Dataset poisoned = plan.conductOf(e[0]).trainingData(two, 1, new SplittableRandom(1));
            assertEquals(pixels(e[1], e[2]), lit(poisoned, 0), "participant " + e[0]);
            assertArrayEquals(new int[] {0, 0}, poisoned.labels(), "poison_fraction 1 relabels every sample");
        }
        assertTrue(plan.backdoor().isPresent(), "dba defines the success-rate probe");
    }

    @Test
    void theProbeCarriesTheGlobalTriggerOnImagesOfOtherClasses() {
        Dataset test = new Dataset("t", new float[3 * 60], new int[] {0, 2, 3}, 60, 5, SHAPE);
        Dataset probe = DBA.probe(test);
        assertEquals(2, probe.size(), "images of the target class cannot measure the attack");
        TreeSet<Integer> global = new TreeSet<>();
        global.addAll(pixels(0, 0));
        global.addAll(pixels(0, 6));
        global.addAll(pixels(3, 0));
        global.addAll(pixels(3, 6));
        assertEquals(global, lit(probe, 1));
        assertArrayEquals(new int[] {0, 0}, probe.labels());
    }

    @Test
    void aTriggerThatDoesNotFitIsOneLine() {
        // 4 parts of length 4 with gap 2 span 4 x 10 pixels; 3 x 10 images are too short
        Dataset small = new Dataset("s", new float[30], new int[] {1}, 30, 5, new ImageShape(1, 3, 10));
        UserError e = assertThrows(UserError.class, () -> DBA.probe(small));
        assertEquals("adversaries: dba trigger of 4 parts (part_length 4, gap 2) spans 4x10 pixels and does not fit the 3x10 images;"
                + " lower parts, part_length or gap", e.getMessage());
    }

    @Test
    void dbaAndTheBackdoorPoisonTheSameSamples() {
        Dataset data = new Dataset("d", new float[8 * 60], new int[] {1, 2, 3, 4, 1, 2, 3, 4}, 60, 5, SHAPE);
        Dataset byDba = new DbaAttack(new DbaParams(null, List.of(0), 1, 0, 0.5, 4, 4, 2, 1.0), 0).transform(data, new SplittableRandom(3));
        Dataset byBackdoor = new BackdoorParams(null, List.of(0), 1, 0, 0.5, 2, 1.0).transform(data, new SplittableRandom(3));
        assertArrayEquals(byBackdoor.labels(), byDba.labels());
    }
}
