package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {
    @TempDir Path dir;

    @Test
    void readsPlainAndGzippedFiles() throws Exception {
        // train plain, test gzipped; one test file gzipped without the .gz name (detection is by content)
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(3, 2, 2, 0, 255, 51, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(3, 9, 0));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), TarReaderTest.gzip(images(1, 2, 2, 10, 20, 30, 40)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), TarReaderTest.gzip(labels(4)));

        TrainTestData data = IdxSource.load(dir);
        Dataset train = data.train();
        assertEquals(3, train.size());
        assertEquals(4, train.numFeatures());
        assertEquals(10, train.numClasses(), "classes from the largest label seen");
        assertEquals(new ImageShape(1, 2, 2), train.imageShape());
        assertArrayEquals(new int[] {3, 9, 0}, train.labels());
        assertEquals(0f, train.features()[0]);
        assertEquals(1f, train.features()[1]);
        assertEquals(0.2f, train.features()[2], 1e-7);
        assertEquals(9 / 255f, train.features()[11]);
        assertEquals(1, data.test().size());
        assertArrayEquals(new int[] {4}, data.test().labels());
        assertEquals(40 / 255f, data.test().features()[3]);
    }

    @Test
    void missingFileNamesPathAndSuggestsAFix() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(1, 1, 1, 0));
        UserError error = assertThrows(UserError.class, () -> IdxSource.load(dir));
        assertTrue(error.getMessage().contains(dir.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("train-labels-idx1-ubyte"), error.getMessage());
        assertTrue(error.getMessage().contains("dataset-fashion-mnist"), error.getMessage());
        assertThrows(UserError.class, () -> IdxSource.load(dir.resolve("nope")));
        assertThrows(UserError.class, () -> IdxSource.load(null));
    }

    @Test
    void swappedOrTruncatedFilesAreUserErrors() throws Exception {
        Path labelsAsImages = dir.resolve("a");
        Files.write(labelsAsImages, labels(1, 2));
        assertTrue(assertThrows(UserError.class, () -> IdxSource.readImages(labelsAsImages)).getMessage().contains("magic"));
        Path truncated = dir.resolve("b");
        Files.write(truncated, java.util.Arrays.copyOf(images(2, 2, 2, 1, 2, 3, 4, 5, 6, 7, 8), 20));
        assertTrue(assertThrows(UserError.class, () -> IdxSource.readImages(truncated)).getMessage().contains("truncated"));
    }

    /** Runs where Debian's dataset-fashion-mnist is installed, or with -Dchainfl.test.fashionMnist=DIR. */
    @Test
    void readsInstalledFashionMnist() {
        Path installed = Path.of(System.getProperty("chainfl.test.fashionMnist", IdxSource.FASHION_MNIST_DEBIAN_DIR));
        Assumptions.assumeTrue(Files.isDirectory(installed), "Fashion-MNIST not installed at " + installed);
        TrainTestData data = IdxSource.load(installed);
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(new ImageShape(1, 28, 28), data.train().imageShape());
        int[] sixThousandEach = new int[10];
        java.util.Arrays.fill(sixThousandEach, 6000);
        assertArrayEquals(sixThousandEach, data.train().labelCounts());
    }

    static byte[] images(int count, int rows, int columns, int... pixels) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxSource.IMAGES_MAGIC);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(columns);
        for (int p : pixels) {
            out.writeByte(p);
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int... values) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(IdxSource.LABELS_MAGIC);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeByte(v);
        }
        return bytes.toByteArray();
    }
}
