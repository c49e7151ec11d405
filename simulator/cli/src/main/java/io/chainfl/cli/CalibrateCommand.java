package io.chainfl.cli;

import io.chainfl.cli.bench.ModelBenchmark;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.ModelConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.engine.device.Calibration;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.learning.cost.ModelCost;
import io.chainfl.learning.data.ImageShape;
import io.chainfl.learning.math.MatMul;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code chainfl calibrate}: measures this machine once, so that a config can say "a device like this one". */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Measure this machine once: training FLOP/s per model type (one thread, default shapes) and the time of one",
            "modular exponentiation per modulus size, written to a calibration file. A config then names it:",
            "  devices: {calibration: FILE, default_preset: calibrated}",
            "for devices as fast as this machine (with the laptop preset's network). The file is an input: the same file",
            "gives the same virtual time on any machine; rerunning calibrate gives other numbers."})
final class CalibrateCommand implements Callable<Integer> {
    /** Modulus sizes measured: Paillier with k-bit keys works modulo n^2, so 2048 and 4096 serve 1024- and 2048-bit keys. */
    static final List<Integer> MODULUS_BITS = List.of(1024, 2048, 4096);

    @Option(names = "--out", paramLabel = "FILE", description = "where to write the calibration (default: ${DEFAULT-VALUE})")
    Path out = Path.of("calibration.yaml");

    @Option(names = "--seconds", paramLabel = "S", description = "timed seconds per measurement, after a warm-up of a third of it (default: ${DEFAULT-VALUE})")
    double seconds = 2.0;

    @Override
    public Integer call() {
        if (!(seconds > 0) || seconds > 600) {
            throw new UserError("--seconds: " + seconds + " is not in (0, 600]; give e.g. --seconds 2");
        }
        if (out.getParent() != null && !Files.isDirectory(out.getParent())) {
            throw new UserError("--out: the folder " + out.getParent() + " does not exist; create it or write elsewhere");
        }
        String on = Versions.cpu() + ", one thread, kernels " + MatMul.selected().description() + ", Java " + Runtime.version();
        System.err.println("chainfl: calibrating on " + on + " (" + (int) Math.ceil(seconds * 4 / 3 * (3 + MODULUS_BITS.size())) + " s at most)");
        Map<String, Double> flops = new LinkedHashMap<>();
        for (ModelConfig model : List.of(new ModelConfig(ModelType.SOFTMAX, null, null), new ModelConfig(ModelType.MLP, List.of(128), null),
                new ModelConfig(ModelType.CNN, null, null))) {
            ModelCost cost = ModelCost.of(model, 784, new ImageShape(1, 28, 28), 10);
            double rate = ModelBenchmark.trainingSamplesPerSecond(model, seconds) * cost.trainFlopsPerSample();
            String name = model.type().name().toLowerCase(Locale.ROOT);
            flops.put(name, significant(rate));
            System.err.printf(Locale.ROOT, "  %-8s %8.2f GFLOP/s training%n", name, rate / 1e9);
        }
        Map<String, Double> modexp = new LinkedHashMap<>();
        for (int bits : MODULUS_BITS) {
            double ms = modexpMillis(bits, seconds);
            modexp.put(String.valueOf(bits), significant(ms));
            System.err.printf(Locale.ROOT, "  modexp %4d-bit modulus and exponent: %.3f ms%n", bits, ms);
        }
        RunFolder.writeAtomically(out, new Calibration(on, flops, modexp).toYaml());
        System.err.println("chainfl: wrote " + out + "; use it with devices: {calibration: " + out + ", default_preset: calibrated}");
        return 0;
    }

    /** Four significant digits: the measurement is not more precise, and the file stays readable. */
    private static double significant(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(4)).doubleValue();
    }

    /** Milliseconds per {@code base^exponent mod modulus} with all three of {@code bits} bits (an odd modulus, as Paillier's). */
    static double modexpMillis(int bits, double seconds) {
        Random random = new Random(bits);
        BigInteger modulus = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
        BigInteger exponent = new BigInteger(bits, random).setBit(bits - 1);
        BigInteger base = new BigInteger(bits - 1, random);
        long warmupEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        BigInteger sink = BigInteger.ZERO;
        // at least 200 calls: the JIT compiles BigInteger's Montgomery multiplication only after many of them
        for (int warm = 0; warm < 200 || System.nanoTime() < warmupEnd; warm++) {
            sink = sink.xor(base.modPow(exponent, modulus));
        }
        long start = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            sink = sink.xor(base.add(BigInteger.valueOf(calls)).modPow(exponent, modulus));
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < seconds * 1e9);
        if (sink.signum() < 0) {
            throw new IllegalStateException("unreachable: keeps the JIT from dropping the loop");
        }
        return elapsed / 1e6 / calls;
    }
}
