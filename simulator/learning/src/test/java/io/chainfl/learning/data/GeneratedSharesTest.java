package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.DataConfig;
import io.chainfl.engine.config.DataSource;
import io.chainfl.engine.config.PartitionConfig;
import io.chainfl.engine.config.PartitionType;
import io.chainfl.engine.config.SyntheticConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Data generated per participant: the same share every time it is asked for, nothing held, and the settings it refuses. */
class GeneratedSharesTest {

    private static DataConfig perParticipant(DataSource source, PartitionType partition, int samplesEach) {
        return new DataConfig(source, null, null, 0, 0.2, 0.1, new PartitionConfig(partition, 0.5, 2, 1.0),
                new SyntheticConfig(300, 6, 3, 3.0, samplesEach));
    }

    @Test
    void aShareIsRegeneratedIdenticallyAndDiffersBetweenParticipants() {
        FederatedData data = GeneratedShares.build(perParticipant(DataSource.SYNTHETIC, PartitionType.IID, 30), 1_000_000, new SeedStreams(7), 0);
        assertEquals(1_000_000, data.participants().size());
        ParticipantData first = data.participants().get(999_999);
        ParticipantData again = data.heldShare(999_999).get();
        assertNotSame(first, again, "generated on each call, not held");
        assertEquals(999_999, again.participantId());
        assertArrayEquals(first.train().features(), again.train().features());
        assertArrayEquals(first.validation().labels(), again.validation().labels());
        assertFalse(Arrays.equals(first.train().features(), data.participants().get(0).train().features()));
        // 30 samples, validation_fraction 0.1: 3 validation, 27 training; three classes, ten samples each
        assertEquals(27, first.train().size());
        assertEquals(3, first.validation().size());
        int[] perClass = new int[3];
        for (Dataset part : new Dataset[] {first.train(), first.validation()}) {
            for (int c = 0; c < 3; c++) {
                perClass[c] += part.labelCounts()[c];
            }
        }
        assertArrayEquals(new int[] {10, 10, 10}, perClass);
        assertEquals(300, data.test().size());
        assertEquals(27L * 1_000_000, data.trainSamples());
        assertEquals(java.util.List.of(0, 1, 2), GeneratedShares.build(perParticipant(DataSource.SYNTHETIC, PartitionType.IID, 30), 3,
                new SeedStreams(7), 0).participantIds());
    }

    @Test
    void anotherSeedGivesOtherData() {
        DataConfig config = perParticipant(DataSource.SYNTHETIC, PartitionType.IID, 30);
        float[] a = GeneratedShares.build(config, 5, new SeedStreams(7), 0).share(2).train().features();
        float[] b = GeneratedShares.build(config, 5, new SeedStreams(8), 0).share(2).train().features();
        assertFalse(Arrays.equals(a, b));
    }

    @Test
    void pairedDrawsStartWithThePolarMethodsFirstValueAndKeepItsPartner() {
        double[] two = new double[2];
        RandomDraws.gaussians(two, new SplittableRandom(11));
        assertEquals(RandomDraws.gaussian(new SplittableRandom(11)), two[0]);
        // the partner by hand: the same accepted pair (u, v), v times the same scale
        SplittableRandom rng = new SplittableRandom(11);
        double u;
        double v;
        double s;
        do {
            u = 2 * rng.nextDouble() - 1;
            v = 2 * rng.nextDouble() - 1;
            s = u * u + v * v;
        } while (!(s > 0 && s < 1));
        assertEquals(v * Math.sqrt(-2 * StrictMath.log(s) / s), two[1]);
    }

    @Test
    void refusesWhatItCannotHonour() {
        String skewed = assertThrows(UserError.class,
                () -> GeneratedShares.build(perParticipant(DataSource.SYNTHETIC, PartitionType.DIRICHLET, 30), 5, new SeedStreams(7), 0)).getMessage();
        assertTrue(skewed.contains("data.synthetic.per_participant") && skewed.contains("iid"), skewed);
        assertThrows(UserError.class, () -> GeneratedShares.build(perParticipant(DataSource.SYNTHETIC, PartitionType.IID, 30), 5, new SeedStreams(7), 10));
        String csv = assertThrows(UserError.class, () -> FederatedDataBuilder.generated(perParticipant(DataSource.CSV, PartitionType.IID, 30))).getMessage();
        assertTrue(csv.contains("source synthetic"), csv);
        assertFalse(FederatedDataBuilder.generated(perParticipant(DataSource.SYNTHETIC, PartitionType.IID, 0)));
    }
}
