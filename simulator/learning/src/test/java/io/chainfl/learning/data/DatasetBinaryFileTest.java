package io.chainfl.learning.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.SyntheticConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetBinaryFileTest {
    @TempDir Path dir;

    @Test
    void float32RoundTripIsBitIdentical() throws Exception {
        Dataset original = SyntheticSource.generate(new SyntheticConfig(200, 7, 3, 3.0), new SplittableRandom(1));
        assertEquals(DatasetBinaryFile.FLOAT32, DatasetBinaryFile.encodingFor(original.features()));
        Path file = dir.resolve("synthetic.bin");
        DatasetBinaryFile.write(file, original);
        assertIdentical(original, DatasetBinaryFile.read(file));
        assertEquals(4L * 200 * 7 + 4L * 200, Files.size(file) - headerBytes(original), "float32 payload size");
    }

    @Test
    void pixelDataUsesOneBytePerValueAndComesBackExactly() throws Exception {
        // values like the npm JSON: 3-decimal roundings of k/255, not exact multiples of 1/255
        int rows = 50;
        float[] x = new float[rows * 4];
        SplittableRandom rng = new SplittableRandom(2);
        for (int i = 0; i < x.length; i++) {
            int k = rng.nextInt(256);
            x[i] = Float.parseFloat(String.format(java.util.Locale.ROOT, "%.3f", k / 255.0));
        }
        int[] y = new int[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = i % 2;
        }
        Dataset original = new Dataset("pixels", x, y, 4, 2, new ImageShape(1, 2, 2));
        assertEquals(DatasetBinaryFile.CODEBOOK_UINT8, DatasetBinaryFile.encodingFor(x));
        Path file = dir.resolve("pixels.bin");
        DatasetBinaryFile.write(file, original);
        assertIdentical(original, DatasetBinaryFile.read(file));
        assertEquals(4L * 256 + rows * 4L + 4L * rows, Files.size(file) - headerBytes(original), "uint8 payload size");
    }

    @Test
    void sidecarIsSha256sumCompatible() throws Exception {
        Dataset original = tiny();
        Path file = dir.resolve("tiny.bin");
        DatasetBinaryFile.write(file, original);
        String sidecar = Files.readString(DatasetBinaryFile.sidecar(file));
        String expected = DatasetBinaryFile.sha256Hex(Files.readAllBytes(file));
        assertEquals(expected + "  tiny.bin\n", sidecar);
    }

    @Test
    void corruptedFileIsRejected() throws Exception {
        Path file = dir.resolve("tiny.bin");
        DatasetBinaryFile.write(file, tiny());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 1] ^= 1;
        Files.write(file, bytes);
        UserError error = assertThrows(UserError.class, () -> DatasetBinaryFile.read(file));
        assertTrue(error.getMessage().contains(file.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("corrupt"), error.getMessage());
    }

    @Test
    void noTempFilesAreLeftBehind() throws Exception {
        DatasetBinaryFile.write(dir.resolve("tiny.bin"), tiny());
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "only the data file and its sidecar");
        }
    }

    private static Dataset tiny() {
        return new Dataset("tiny", new float[] {0f, 0.5f, 1f, -2f}, new int[] {0, 1}, 2, 2, null);
    }

    private static long headerBytes(Dataset d) {
        return 10L * Integer.BYTES + d.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    static void assertIdentical(Dataset expected, Dataset actual) {
        assertEquals(expected.name(), actual.name());
        assertEquals(expected.numFeatures(), actual.numFeatures());
        assertEquals(expected.numClasses(), actual.numClasses());
        assertEquals(expected.imageShape(), actual.imageShape());
        assertArrayEquals(expected.labels(), actual.labels());
        assertEquals(expected.features().length, actual.features().length);
        for (int i = 0; i < expected.features().length; i++) {
            if (Float.floatToRawIntBits(expected.features()[i]) != Float.floatToRawIntBits(actual.features()[i])) {
                throw new AssertionError("feature " + i + ": " + expected.features()[i] + " != " + actual.features()[i]);
            }
        }
    }
}
