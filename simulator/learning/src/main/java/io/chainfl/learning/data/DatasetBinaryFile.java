package io.chainfl.learning.data;

import io.chainfl.engine.UserError;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Compact cache format for a {@link Dataset}, stored with a {@code sha256sum}-compatible sidecar
 * ({@code <file>.sha256}) that is checked on every load.
 *
 * <p>Layout (big-endian): magic {@code CFLD}, version, encoding, count, numFeatures, numClasses,
 * channels/height/width (0 when not an image), name (length-prefixed UTF-8), then the features, then one
 * int32 label per sample. Features are either {@link #CODEBOOK_UINT8} (one byte per value indexing a
 * 256-entry float table, chosen only when every value equals the table entry for {@code round(v*255)}, so
 * quantised pixels come back bit-identical) or {@link #FLOAT32}.
 */
public final class DatasetBinaryFile {
    static final int MAGIC = 0x43464C44; // "CFLD"
    static final int VERSION = 1;
    public static final byte CODEBOOK_UINT8 = 0;
    public static final byte FLOAT32 = 1;
    private static final int CODES = 256;

    private DatasetBinaryFile() {}

    /** Writes the file and its checksum sidecar, each atomically, so readers never see half a file. */
    public static void write(Path file, Dataset dataset) throws IOException {
        byte[] bytes = encode(dataset);
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        String sidecarText = sha256Hex(bytes) + "  " + file.getFileName() + "\n";
        writeAtomically(file, bytes);
        writeAtomically(sidecar(file), sidecarText.getBytes(StandardCharsets.US_ASCII));
    }

    /** Reads a file written by {@link #write}; a checksum or format mismatch is a {@link UserError}. */
    public static Dataset read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String expected = Files.readString(sidecar(file), StandardCharsets.US_ASCII).trim().split("\\s+")[0];
        String actual = sha256Hex(bytes);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new UserError("data cache file " + file + " is corrupt (SHA-256 " + actual + " but " + sidecar(file)
                    + " says " + expected + "); delete both files and run the command again to rebuild it");
        }
        try {
            return decode(bytes);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new UserError("data cache file " + file + " is not a valid chainfl data file (" + e.getMessage()
                    + "); delete it and run the command again to rebuild it", e);
        }
    }

    /** True when both the file and its sidecar exist (their agreement is checked by {@link #read}). */
    public static boolean exists(Path file) {
        return Files.isRegularFile(file) && Files.isRegularFile(sidecar(file));
    }

    public static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".sha256");
    }

    /** The feature encoding {@link #write} would pick for this data set. */
    public static byte encodingFor(float[] features) {
        return codebook(features) != null ? CODEBOOK_UINT8 : FLOAT32;
    }

    static byte[] encode(Dataset dataset) {
        float[] features = dataset.features();
        float[] table = codebook(features);
        byte[] name = dataset.name().getBytes(StandardCharsets.UTF_8);
        long featureBytes = table != null ? features.length : 4L * features.length;
        long total = 10L * Integer.BYTES + name.length + (table != null ? 4L * CODES : 0) + featureBytes
                + 4L * dataset.size();
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("data set too large for the cache format: " + total + " bytes");
        }
        ImageShape shape = dataset.imageShape();
        ByteBuffer out = ByteBuffer.allocate((int) total);
        out.putInt(MAGIC).putInt(VERSION).putInt(table != null ? CODEBOOK_UINT8 : FLOAT32)
                .putInt(dataset.size()).putInt(dataset.numFeatures()).putInt(dataset.numClasses())
                .putInt(shape == null ? 0 : shape.channels()).putInt(shape == null ? 0 : shape.height())
                .putInt(shape == null ? 0 : shape.width());
        out.putInt(name.length).put(name);
        if (table != null) {
            for (float value : table) {
                out.putFloat(value);
            }
            for (float value : features) {
                out.put((byte) code(value));
            }
        } else {
            out.asFloatBuffer().put(features);
            out.position(out.position() + 4 * features.length);
        }
        out.asIntBuffer().put(dataset.labels());
        return out.array();
    }

    static Dataset decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        if (in.getInt() != MAGIC) {
            throw new IllegalArgumentException("bad magic number");
        }
        int version = in.getInt();
        if (version != VERSION) {
            throw new IllegalArgumentException("unsupported version " + version);
        }
        int encoding = in.getInt();
        int count = in.getInt();
        int numFeatures = in.getInt();
        int numClasses = in.getInt();
        int channels = in.getInt();
        int height = in.getInt();
        int width = in.getInt();
        byte[] name = new byte[in.getInt()];
        in.get(name);
        float[] features = new float[Math.multiplyExact(count, numFeatures)];
        if (encoding == CODEBOOK_UINT8) {
            float[] table = new float[CODES];
            in.asFloatBuffer().get(table);
            in.position(in.position() + 4 * CODES);
            for (int i = 0; i < features.length; i++) {
                features[i] = table[in.get() & 0xff];
            }
        } else if (encoding == FLOAT32) {
            in.asFloatBuffer().get(features);
            in.position(in.position() + 4 * features.length);
        } else {
            throw new IllegalArgumentException("unknown feature encoding " + encoding);
        }
        int[] labels = new int[count];
        in.asIntBuffer().get(labels);
        in.position(in.position() + 4 * count);
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " trailing bytes");
        }
        ImageShape shape = channels == 0 ? null : new ImageShape(channels, height, width);
        return new Dataset(new String(name, StandardCharsets.UTF_8), features, labels, numFeatures, numClasses, shape);
    }

    /**
     * The value table when every value is one of at most 256 floats consistently keyed by {@code round(v*255)}
     * (true for pixel data, whether stored as k/255 or as a rounded decimal of it), else {@code null}.
     */
    static float[] codebook(float[] features) {
        float[] table = new float[CODES];
        boolean[] seen = new boolean[CODES];
        for (float value : features) {
            int code = code(value);
            if (code < 0) {
                return null;
            }
            if (!seen[code]) {
                seen[code] = true;
                table[code] = value;
            } else if (Float.floatToRawIntBits(table[code]) != Float.floatToRawIntBits(value)) {
                return null;
            }
        }
        return table;
    }

    /** {@code round(v*255)} when that lies in 0..255, else -1. */
    static int code(float value) {
        if (!(value >= -0.5f / 255 && value < 255.5f / 255)) {
            return -1;
        }
        return Math.round(value * 255);
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), target.getFileName() + ".", ".tmp");
        try {
            Files.write(temp, bytes);
            makeWorldReadable(temp);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Temp files are created owner-only; a cache shared between users must be readable by all. */
    private static void makeWorldReadable(Path file) throws IOException {
        if (Files.getFileStore(file).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
