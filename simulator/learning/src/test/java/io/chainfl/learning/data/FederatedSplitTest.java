package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.config.DataConfig;
import io.chainfl.engine.config.DataSource;
import io.chainfl.engine.config.PartitionConfig;
import io.chainfl.engine.config.PartitionType;
import io.chainfl.engine.config.SyntheticConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's lazily copied shares are the driver's eager ones, bit for bit, so where an entity starts changes no result. */
class FederatedSplitTest {
    @TempDir Path dir;

    private static DataConfig synthetic(PartitionType type) {
        return new DataConfig(DataSource.SYNTHETIC, null, null, 0, 0.2, 0.1,
                new PartitionConfig(type, 0.5, 2, 1.0), new SyntheticConfig(2000, 5, 4, 3.0));
    }

    @Test
    void aShareCopiedOutOnDemandIsTheDriversShare() {
        for (PartitionType type : PartitionType.values()) {
            for (int rootSamples : new int[] {0, 100}) {
                FederatedData eager = FederatedDataBuilder.build(synthetic(type), 6, new SeedStreams(11), dir, rootSamples);
                FederatedSplit lazy = FederatedDataBuilder.split(synthetic(type), 6, new SeedStreams(11), dir, rootSamples).withoutTest();
                assertEquals(eager.participantIds(), lazy.participantIds());
                assertEquals(eager.shape(), lazy.shape());
                // in reverse: a share does not depend on which others were copied before it
                for (int id = 5; id >= 0; id--) {
                    ParticipantData expected = eager.participants().get(id);
                    ParticipantData copied = lazy.share(id);
                    assertEquals(id, copied.participantId());
                    assertEquals(expected.train().size(), lazy.trainSize(id));
                    assertSameData(expected.train(), copied.train());
                    assertSameData(expected.validation(), copied.validation());
                }
            }
        }
    }

    @Test
    void eachStartGetsItsOwnCopySoAPassivatedEntityTakesItsDataWithIt() {
        FederatedSplit split = FederatedDataBuilder.split(synthetic(PartitionType.IID), 3, new SeedStreams(1), dir, 0);
        assertNotSame(split.share(1).train().features(), split.share(1).train().features());
    }

    @Test
    void aMemberHoldsNoTestSet() {
        FederatedSplit member = FederatedDataBuilder.split(synthetic(PartitionType.IID), 3, new SeedStreams(1), dir, 0).withoutTest();
        assertThrows(IllegalStateException.class, member::materialise);
    }

    private static void assertSameData(Dataset expected, Dataset actual) {
        assertEquals(expected.name(), actual.name());
        assertArrayEquals(expected.labels(), actual.labels());
        assertArrayEquals(expected.features(), actual.features());
        assertEquals(expected.numClasses(), actual.numClasses());
    }
}
