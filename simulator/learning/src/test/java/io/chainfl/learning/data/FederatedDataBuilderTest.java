package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.DataConfig;
import io.chainfl.engine.config.DataSource;
import io.chainfl.engine.config.PartitionConfig;
import io.chainfl.engine.config.PartitionType;
import io.chainfl.engine.config.SyntheticConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FederatedDataBuilderTest {
    @TempDir Path dir;

    private static DataConfig synthetic(PartitionType type, int limit, double validationFraction) {
        return new DataConfig(DataSource.SYNTHETIC, null, null, limit, 0.2, validationFraction,
                new PartitionConfig(type, 0.5, 2, 1.0), new SyntheticConfig(2000, 5, 4, 3.0));
    }

    @Test
    void sameSeedSameSplitsDifferentSeedDifferentSplits() {
        DataConfig config = synthetic(PartitionType.DIRICHLET, 0, 0.1);
        FederatedData a = FederatedDataBuilder.build(config, 5, new SeedStreams(7), dir);
        FederatedData b = FederatedDataBuilder.build(config, 5, new SeedStreams(7), dir);
        FederatedData c = FederatedDataBuilder.build(config, 5, new SeedStreams(8), dir);
        for (int p = 0; p < 5; p++) {
            assertEquals(p, a.participants().get(p).participantId());
            assertSame(a.participants().get(p).train(), b.participants().get(p).train());
            assertSame(a.participants().get(p).validation(), b.participants().get(p).validation());
        }
        assertSame(a.test(), b.test());
        assertFalse(Arrays.equals(a.participants().get(0).train().features(), c.participants().get(0).train().features()));
    }

    @Test
    void testSetIsStratifiedAndEverythingAddsUp() {
        FederatedData data = FederatedDataBuilder.build(synthetic(PartitionType.IID, 0, 0.1), 4, new SeedStreams(1), dir);
        assertArrayEquals(new int[] {100, 100, 100, 100}, data.test().labelCounts(), "20% of 500 per class");
        int pooled = 0;
        for (ParticipantData p : data.participants()) {
            pooled += p.train().size() + p.validation().size();
            assertEquals(40, p.validation().size(), "10% of 400");
        }
        assertEquals(1600, pooled);
    }

    @Test
    void limitSubsamplesThePoolOnly() {
        FederatedData data = FederatedDataBuilder.build(synthetic(PartitionType.IID, 100, 0.2), 5, new SeedStreams(1), dir);
        assertEquals(400, data.test().size());
        int pooled = data.participants().stream().mapToInt(p -> p.train().size() + p.validation().size()).sum();
        assertEquals(100, pooled);
        data.participants().forEach(p -> assertEquals(4, p.validation().size()));
    }

    @Test
    void tooManyParticipantsIsAUserError() {
        String message = assertThrows(UserError.class,
                () -> FederatedDataBuilder.build(synthetic(PartitionType.IID, 10, 0.1), 20, new SeedStreams(1), dir))
                .getMessage();
        assertTrue(message.contains("participants") && message.contains("data.limit"), message);
    }

    @Test
    void idxSourceKeepsItsOwnTestSplit() throws Exception {
        int[] pixels = new int[40 * 4];
        int[] labels = new int[40];
        for (int i = 0; i < 40; i++) {
            labels[i] = i % 2;
            pixels[i * 4] = i;
        }
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), TarReaderTest.gzip(IdxSourceTest.images(40, 2, 2, pixels)));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), TarReaderTest.gzip(IdxSourceTest.labels(labels)));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxSourceTest.images(2, 2, 2, 1, 2, 3, 4, 5, 6, 7, 8));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxSourceTest.labels(0, 1));
        DataConfig config = new DataConfig(DataSource.IDX, dir.toString(), null, null, null, 0.25, null, null);
        FederatedData data = FederatedDataBuilder.build(config, 2, new SeedStreams(3), dir);
        assertEquals(2, data.test().size());
        data.participants().forEach(p -> {
            assertEquals(15, p.train().size());
            assertEquals(5, p.validation().size());
        });
    }

    @Test
    void serverRootIsAStratifiedSliceOfThePoolThatNoParticipantGets() {
        DataConfig config = synthetic(PartitionType.IID, 0, 0.1);
        FederatedData without = FederatedDataBuilder.build(config, 4, new SeedStreams(1), dir, 0);
        FederatedData with = FederatedDataBuilder.build(config, 4, new SeedStreams(1), dir, 100);
        assertTrue(without.serverRootData().isEmpty());
        Dataset root = with.serverRootData().orElseThrow();
        assertArrayEquals(new int[] {25, 25, 25, 25}, root.labelCounts(), "stratified like the pool");
        assertSame(without.test(), with.test());
        int pooled = 0;
        java.util.Set<String> rootRows = rows(root);
        for (ParticipantData p : with.participants()) {
            pooled += p.train().size() + p.validation().size();
            for (Dataset part : java.util.List.of(p.train(), p.validation())) {
                rows(part).forEach(r -> assertFalse(rootRows.contains(r), "a root sample was given to participant " + p.participantId()));
            }
        }
        assertEquals(1500, pooled, "the 1600-sample pool minus the 100 root samples");
        assertThrows(UserError.class, () -> FederatedDataBuilder.build(config, 4, new SeedStreams(1), dir, 1600));
    }

    private static java.util.Set<String> rows(Dataset d) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            out.add(Arrays.toString(Arrays.copyOfRange(d.features(), i * d.numFeatures(), (i + 1) * d.numFeatures())));
        }
        return out;
    }

    @Test
    void validationCountKeepsATrainingSample() {
        assertEquals(0, FederatedDataBuilder.validationCount(10, 0.0));
        assertEquals(1, FederatedDataBuilder.validationCount(5, 0.1));
        assertEquals(0, FederatedDataBuilder.validationCount(1, 0.5));
        assertEquals(9, FederatedDataBuilder.validationCount(10, 0.9));
    }

    private static void assertSame(Dataset expected, Dataset actual) {
        assertArrayEquals(expected.labels(), actual.labels());
        assertArrayEquals(expected.features(), actual.features());
        assertEquals(expected.name(), actual.name());
    }
}
