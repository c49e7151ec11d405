package io.chainfl.learning.data;

import io.chainfl.engine.UserError;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * MNIST-format IDX files: {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each plain or gzipped (detected from the
 * content, with or without a {@code .gz} name).
 *
 * <p>Fashion-MNIST: Debian's {@code apt-get install dataset-fashion-mnist} installs the four {@code .gz}
 * files into {@code /usr/share/datasets/fashion-mnist}, so {@code data.path: /usr/share/datasets/fashion-mnist}
 * works as is. For digit MNIST, put the four files from http://yann.lecun.com/exdb/mnist/ (or a mirror) in one
 * directory.
 */
public final class IdxSource {
    public static final String FASHION_MNIST_DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final String HINT = "point data.path at a directory holding train-images-idx3-ubyte, "
            + "train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (optionally .gz), e.g. "
            + FASHION_MNIST_DEBIAN_DIR + " after `apt-get install dataset-fashion-mnist`, or a directory with MNIST "
            + "downloaded from http://yann.lecun.com/exdb/mnist/";

    private IdxSource() {}

    /** Reads the training pool and the official test split from the directory. */
    public static TrainTestData load(Path directory) {
        if (directory == null) {
            throw new UserError("data.source idx needs data.path; " + HINT);
        }
        if (!Files.isDirectory(directory)) {
            throw new UserError("data.path " + directory + " is not a directory; " + HINT);
        }
        Images trainImages = readImages(locate(directory, "train-images-idx3-ubyte"));
        int[] trainLabels = readLabels(locate(directory, "train-labels-idx1-ubyte"));
        Images testImages = readImages(locate(directory, "t10k-images-idx3-ubyte"));
        int[] testLabels = readLabels(locate(directory, "t10k-labels-idx1-ubyte"));
        int numClasses = Math.max(2, Math.max(max(trainLabels), max(testLabels)) + 1);
        String name = "idx:" + directory.toAbsolutePath().normalize().getFileName();
        return new TrainTestData(
                dataset(name + "/train", trainImages, trainLabels, numClasses, directory.resolve("train-*")),
                dataset(name + "/test", testImages, testLabels, numClasses, directory.resolve("t10k-*")));
    }

    private record Images(Path file, int count, int rows, int columns, float[] pixels) {}

    private static Dataset dataset(String name, Images images, int[] labels, int numClasses, Path files) {
        if (images.count != labels.length) {
            throw new UserError("IDX files " + files + " disagree: " + images.count + " images but " + labels.length
                    + " labels; replace them with a matching pair");
        }
        if (images.rows != 0 && images.columns != 0 && images.count == 0) {
            throw new UserError("IDX file " + images.file + " holds no images; " + HINT);
        }
        return new Dataset(name, images.pixels, labels, images.rows * images.columns, numClasses,
                new ImageShape(1, images.rows, images.columns));
    }

    /** The file by its plain name, else with {@code .gz}. */
    static Path locate(Path directory, String baseName) {
        Path plain = directory.resolve(baseName);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gzipped = directory.resolve(baseName + ".gz");
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        throw new UserError("data.path " + directory + " has no " + baseName + " (or " + baseName + ".gz); " + HINT);
    }

    static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw badMagic(file, magic, IMAGES_MAGIC);
            }
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            if (count < 0 || rows <= 0 || columns <= 0 || (long) count * rows * columns > Integer.MAX_VALUE - 8) {
                throw new UserError("IDX file " + file + " has an impossible header (" + count + " x " + rows + " x "
                        + columns + "); replace it with an intact copy");
            }
            byte[] raw = new byte[count * rows * columns];
            in.readFully(raw);
            float[] pixels = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                pixels[i] = (raw[i] & 0xff) / 255f;
            }
            return new Images(file, count, rows, columns, pixels);
        } catch (EOFException e) {
            throw truncated(file, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    static int[] readLabels(Path file) {
        try (DataInputStream in = open(file)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw badMagic(file, magic, LABELS_MAGIC);
            }
            int count = in.readInt();
            if (count < 0) {
                throw new UserError("IDX file " + file + " claims " + count + " labels; replace it with an intact copy");
            }
            byte[] raw = new byte[count];
            in.readFully(raw);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = raw[i] & 0xff;
            }
            return labels;
        } catch (EOFException e) {
            throw truncated(file, e);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new DataInputStream(MaybeGzip.decompressIfGzipped(raw));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static UserError badMagic(Path file, int magic, int expected) {
        return new UserError(String.format("IDX file %s starts with magic 0x%08x, expected 0x%08x; is it the right file"
                + " (images vs labels) and not an HTML error page?", file, magic, expected));
    }

    private static UserError truncated(Path file, EOFException e) {
        return new UserError("IDX file " + file + " is truncated; download it again", e);
    }

    private static UserError unreadable(Path file, IOException e) {
        return new UserError("cannot read IDX file " + file + ": " + e + "; check the file and its permissions", e);
    }
}
