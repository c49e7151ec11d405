package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.config.DataConfig;
import io.chainfl.engine.config.DataSource;
import io.chainfl.engine.config.PartitionConfig;
import io.chainfl.engine.config.PartitionType;
import io.chainfl.engine.config.SyntheticConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A member's shares, coded or held, are the driver's, bit for bit, so where an entity starts changes no result. */
class FederatedSplitTest {
    @TempDir Path dir;

    private static DataConfig synthetic(PartitionType type) {
        return new DataConfig(DataSource.SYNTHETIC, null, null, 0, 0.2, 0.1,
                new PartitionConfig(type, 0.5, 2, 1.0), new SyntheticConfig(2000, 5, 4, 3.0));
    }

    @Test
    void aMembersShareIsTheDriversShareWhateverTheDataPartitionLimitAndRootSet() throws Exception {
        for (DataConfig data : new DataConfig[] {synthetic(PartitionType.IID), pixels(PartitionType.IID)}) {
            for (PartitionType type : PartitionType.values()) {
                for (int limit : new int[] {0, 1000}) {
                    DataConfig config = new DataConfig(data.source(), data.path(), data.labelColumn(), limit, 0.2, 0.1,
                            new PartitionConfig(type, 0.5, 2, 1.0), data.synthetic());
                    assertMemberHoldsTheDriversShares(config, 0);
                    assertMemberHoldsTheDriversShares(config, 100);
                }
            }
        }
    }

    private void assertMemberHoldsTheDriversShares(DataConfig config, int rootSamples) {
        FederatedData eager = FederatedDataBuilder.build(config, 6, new SeedStreams(11), dir, rootSamples);
        ParticipantShares member = FederatedDataBuilder.split(config, 6, new SeedStreams(11), dir, rootSamples).forMember();
        assertEquals(eager.participantIds(), member.participantIds());
        assertEquals(eager.shape(), member.shape());
        // in reverse: a share does not depend on which others were copied before it
        for (int id = 5; id >= 0; id--) {
            ParticipantData expected = eager.participants().get(id);
            ParticipantData copied = member.share(id);
            assertEquals(id, copied.participantId());
            assertSameData(expected.train(), copied.train());
            assertSameData(expected.validation(), copied.validation());
        }
    }

    @Test
    void pixelsAreKeptAsOneBytePerValueAndOtherFloatsAsTheyAre() throws Exception {
        Dataset pixels = CsvSource.load(Path.of(pixels(PartitionType.IID).path()), "label");
        assertNotNull(CodedRows.of(pixels), "8-bit pixel values fit the value table");
        int[] rows = {7, 3, 3, 0};
        assertSameData(pixels.subset(rows, "rows"), CodedRows.of(pixels).subset(rows, "rows"));
        Dataset gaussian = SyntheticSource.generate(new SyntheticConfig(200, 5, 4, 3.0), new SeedStreams(1).stream("data/synthetic"));
        assertNull(CodedRows.of(gaussian), "Gaussian features do not");
    }

    @Test
    void aMemberCopiesACodedShareAfreshAtEachStartSoAPassivatedEntityTakesItsDataWithIt() throws Exception {
        ParticipantShares member = FederatedDataBuilder.split(pixels(PartitionType.IID), 3, new SeedStreams(1), dir, 0).forMember();
        assertNotSame(member.share(1).train().features(), member.share(1).train().features());
    }

    @Test
    void aMemberHoldsNoTestSet() throws Exception {
        ParticipantShares member = FederatedDataBuilder.split(pixels(PartitionType.IID), 3, new SeedStreams(1), dir, 0).forMember();
        assertThrows(IllegalStateException.class, ((FederatedSplit) member)::materialise);
    }

    /** 2,000 samples of 6 grey values k/255 each, 4 classes: data a member keeps coded. */
    private DataConfig pixels(PartitionType type) throws Exception {
        Path file = dir.resolve("pixels.csv");
        if (!Files.exists(file)) {
            StringBuilder csv = new StringBuilder("p0,p1,p2,p3,p4,p5,label\n");
            SplittableRandom random = new SplittableRandom(5);
            for (int row = 0; row < 2000; row++) {
                for (int f = 0; f < 6; f++) {
                    csv.append((float) random.nextInt(256) / 255).append(',');
                }
                csv.append(row % 4).append('\n');
            }
            Files.writeString(file, csv);
        }
        return new DataConfig(DataSource.CSV, file.toString(), "label", 0, 0.2, 0.1, new PartitionConfig(type, 0.5, 2, 1.0), null);
    }

    private static void assertSameData(Dataset expected, Dataset actual) {
        assertEquals(expected.name(), actual.name());
        assertArrayEquals(expected.labels(), actual.labels());
        assertArrayEquals(expected.features(), actual.features());
        assertEquals(expected.numClasses(), actual.numClasses());
    }
}
