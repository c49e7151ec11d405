package io.chainfl.cli.bench;

import io.chainfl.engine.config.ModelConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ImageShape;
import io.chainfl.learning.math.MatMul;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.model.ModelFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Loader;

/**
 * Local-training throughput (samples/s, batch 32, forward + backward + SGD update) of chainfl's models,
 * next to the same dense models on ND4J/OpenBLAS (the path chainfl used before its fixed-order kernels: the
 * ratio is what byte-identical results on every CPU cost), plain-Java loops and single-threaded PyTorch on the
 * same shapes. Run with OMP_NUM_THREADS=1: the simulator parallelises across participants, so per-core speed is
 * what matters.
 */
public final class ModelBenchmark {
    private static final int BATCH = 32;
    private static final int FEATURES = 784;
    private static final int CLASSES = 10;
    private static final double WARMUP_SECONDS = 1.0;
    private static final double TIMED_SECONDS = 2.5;
    private static final float LR = 0.01f;

    private ModelBenchmark() {}

    private record Row(String model, double chainfl, double nd4j, double plainJava, double torch) {}

    public static void main(String[] args) {
        run(System.out);
    }

    public static void run(PrintStream out) {
        out.println("chainfl model benchmark: SGD samples/s, batch " + BATCH + ", OMP_NUM_THREADS="
                + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset (ND4J default)") + ", fixed-order kernels: "
                + MatMul.selected().description());
        TorchPython python = TorchPython.find(out);
        boolean nd4j = nd4jRuns(out);
        SplittableRandom random = new SplittableRandom(2024);
        Dataset data = randomDigits(2048, random);
        float[] batchFeatures = java.util.Arrays.copyOf(data.features(), BATCH * FEATURES);
        int[] batchLabels = java.util.Arrays.copyOf(data.labels(), BATCH);

        List<Row> rows = new ArrayList<>();
        PlainJavaSoftmax plainSoftmax = new PlainJavaSoftmax(FEATURES, CLASSES, new SplittableRandom(1));
        rows.add(new Row("softmax 784-10",
                chainflSamplesPerSecond(new ModelConfig(ModelType.SOFTMAX, null, null), data),
                nd4j ? nd4jSamplesPerSecond(List.of(), data) : Double.NaN,
                samplesPerSecond(() -> plainSoftmax.step(batchFeatures, batchLabels, BATCH, LR)),
                torchSamplesPerSecond(python, "softmax", out)));
        PlainJavaMlp plainMlp = new PlainJavaMlp(FEATURES, 128, CLASSES, new SplittableRandom(1));
        rows.add(new Row("mlp 784-128-10",
                chainflSamplesPerSecond(new ModelConfig(ModelType.MLP, List.of(128), null), data),
                nd4j ? nd4jSamplesPerSecond(List.of(128), data) : Double.NaN,
                samplesPerSecond(() -> plainMlp.step(batchFeatures, batchLabels, BATCH, LR)),
                torchSamplesPerSecond(python, "mlp", out)));
        rows.add(new Row("cnn c10k3-p2-1960-128-10",
                chainflSamplesPerSecond(new ModelConfig(ModelType.CNN, null, null), data),
                Double.NaN,
                Double.NaN,
                torchSamplesPerSecond(python, "cnn", out)));
        printTable(rows, out);
    }

    private static Dataset randomDigits(int n, SplittableRandom random) {
        float[] x = new float[n * FEATURES];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(CLASSES);
        }
        return new Dataset("random-digits", x, y, FEATURES, CLASSES, new ImageShape(1, 28, 28));
    }

    /**
     * chainfl's training rate for one model on this machine, one thread ({@code chainfl calibrate}): whole epochs of
     * 2,048 random digits after a warm-up of a third of {@code seconds}, timed for at least {@code seconds}.
     */
    public static double trainingSamplesPerSecond(ModelConfig config, double seconds) {
        Dataset data = randomDigits(2048, new SplittableRandom(2024));
        Model model = ModelFactory.create(config, FEATURES, data.imageShape(), CLASSES, new SplittableRandom(1));
        TrainingConfig training = new TrainingConfig((double) LR, BATCH, 1);
        SplittableRandom shuffle = new SplittableRandom(2);
        return samplesPerSecond(() -> LocalTrainer.train(model, data, training, shuffle).samplesSeen(), seconds / 3, seconds) / BATCH * data.size();
    }

    /** Times whole LocalTrainer epochs, so batch assembly and the update are part of the measurement. */
    private static double chainflSamplesPerSecond(ModelConfig config, Dataset data) {
        Model model = ModelFactory.create(config, FEATURES, data.imageShape(), CLASSES, new SplittableRandom(1));
        TrainingConfig training = new TrainingConfig((double) LR, BATCH, 1);
        SplittableRandom shuffle = new SplittableRandom(2);
        // 2048 = 64 full batches, so no short batch distorts the per-sample rate
        return samplesPerSecond(() -> LocalTrainer.train(model, data, training, shuffle).samplesSeen()) / BATCH * data.size();
    }

    /** Whether ND4J loads here; if not, says why and that only its column is skipped. */
    private static boolean nd4jRuns(PrintStream out) {
        String reason = Nd4jDenseModel.unavailableReason();
        if (reason == null) {
            return true;
        }
        out.println("ND4J cannot load its natives on " + Loader.getPlatform() + " (" + reason + "); skipping its column."
                + " ND4J ships natives for linux-x86_64, linux-arm64, macosx-x86_64, macosx-arm64 and windows-x86_64, and lib/ holds"
                + " those of the platform chainfl was built on: rebuild here, or build with -Pall-platforms (README, Architecture).");
        return false;
    }

    /** The same epochs on the ND4J/OpenBLAS dense model (full batches only: 2048 rows are 64 of them). */
    private static double nd4jSamplesPerSecond(List<Integer> hidden, Dataset data) {
        Nd4jDenseModel model = new Nd4jDenseModel(FEATURES, hidden, CLASSES, BATCH, new SplittableRandom(1));
        SplittableRandom shuffle = new SplittableRandom(2);
        return samplesPerSecond(() -> model.trainEpoch(data, shuffle, LR)) / BATCH * data.size();
    }

    /** Calls of {@code step} per second times the batch size, after a warm-up that lets the JIT settle. */
    private static double samplesPerSecond(Runnable step) {
        return samplesPerSecond(step, WARMUP_SECONDS, TIMED_SECONDS);
    }

    private static double samplesPerSecond(Runnable step, double warmupSeconds, double timedSeconds) {
        long warmupEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmupEnd) {
            step.run();
        }
        long start = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            step.run();
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < timedSeconds * 1e9);
        return calls * (double) BATCH / (elapsed / 1e9);
    }

    private static double torchSamplesPerSecond(TorchPython python, String model, PrintStream out) {
        if (python == null) {
            return Double.NaN;
        }
        try {
            Path script = Files.createTempFile("chainfl-torch-bench", ".py");
            try (InputStream in = ModelBenchmark.class.getResourceAsStream("/bench/torch_bench.py")) {
                if (in == null) {
                    throw new IOException("resource bench/torch_bench.py missing from the classpath");
                }
                Files.write(script, in.readAllBytes());
            }
            try {
                ProcessBuilder builder = python.processBuilder(List.of(script.toString(), model, String.valueOf(TIMED_SECONDS)))
                        .redirectErrorStream(true);
                Process process = builder.start();
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                process.waitFor(120, TimeUnit.SECONDS);
                for (String line : output.split("\n")) {
                    if (line.startsWith("samples_per_s=")) {
                        return Double.parseDouble(line.substring("samples_per_s=".length()).trim());
                    }
                }
                out.println("PyTorch " + model + " run failed:\n" + output);
            } finally {
                Files.deleteIfExists(script);
            }
        } catch (IOException | NumberFormatException e) {
            out.println("PyTorch " + model + " run failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Double.NaN;
    }

    /** Missing references print "-", a missing PyTorch "absent"; ratios with a missing side print "-". */
    private static void printTable(List<Row> rows, PrintStream out) {
        String format = "%-26s %11s %11s %12s %13s %10s %14s %14s%n";
        out.printf(Locale.ROOT, format, "model", "chainfl/s", "nd4j/s", "chainfl/nd4j", "plain-java/s", "pytorch/s", "chainfl/plain",
                "chainfl/torch");
        for (Row row : rows) {
            out.printf(Locale.ROOT, format, row.model, rate(row.chainfl, "-"), rate(row.nd4j, "-"), ratio(row.chainfl, row.nd4j),
                    rate(row.plainJava, "-"), rate(row.torch, "absent"), ratio(row.chainfl, row.plainJava), ratio(row.chainfl, row.torch));
        }
        out.println("(samples/s: higher is better; ratios > 1 mean chainfl is faster. chainfl: the fixed-order kernels, the same"
                + " bits on every CPU; nd4j: the same dense model on ND4J/OpenBLAS, whose results depend on the CPU)");
    }

    private static String rate(double value, String missing) {
        return Double.isNaN(value) ? missing : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ratio(double numerator, double denominator) {
        return Double.isNaN(numerator) || Double.isNaN(denominator) ? "-" : String.format(Locale.ROOT, "%.2f", numerator / denominator);
    }
}
