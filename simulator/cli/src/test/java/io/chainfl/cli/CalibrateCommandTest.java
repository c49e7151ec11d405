package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.device.Calibration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chainfl calibrate} writes a file a config can name; a run on "calibrated" devices takes the same virtual time
 * as the same devices written out field by field. (Which numbers it measures is the machine's business: only that
 * they are there and positive is checked.)
 */
class CalibrateCommandTest {
    @Test
    void writesAFileThatMakesDevicesAsFastAsThisMachine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calibration.yaml");
        CliHarness.Result r = CliHarness.run("calibrate", "--out", file.toString(), "--seconds", "0.05");
        assertEquals(0, r.exitCode(), r.err());
        Calibration calibration = Calibration.read(file);
        assertEquals(List.of("cnn", "mlp", "softmax"), List.copyOf(calibration.computeFlops().keySet()));
        calibration.computeFlops().values().forEach(v -> assertTrue(v > 0, calibration.toString()));
        assertEquals(List.of("1024", "2048", "4096"), List.copyOf(calibration.modexpMs().keySet()).stream().sorted().toList());
        calibration.modexpMs().values().forEach(v -> assertTrue(v > 0, calibration.toString()));
        assertTrue(r.err().contains("use it with devices: {calibration: " + file + ", default_preset: calibrated}"), r.err());

        String[] small = {"--set", "rounds=2", "--set", "model.type=softmax", "--set", "data.limit=1000", "--set", "baseline.centralized=false"};
        Path calibrated = run(dir.resolve("calibrated"), small, "devices={calibration: '" + file + "', default_preset: calibrated}");
        String spelledOut = String.format(Locale.ROOT, "devices={default_preset: laptop, assign: [{ids: [0, 9], compute_flops: %s}]}",
                calibration.computeFlops().get("softmax"));
        Path explicit = run(dir.resolve("explicit"), small, spelledOut);
        assertEquals(Files.readString(explicit.resolve("metrics.csv")), Files.readString(calibrated.resolve("metrics.csv")));
    }

    @Test
    void badArgumentsAreOneLine(@TempDir Path dir) {
        CliHarness.Result r = CliHarness.run("calibrate", "--seconds", "0");
        assertEquals(2, r.exitCode());
        assertEquals("chainfl: --seconds: 0.0 is not in (0, 600]; give e.g. --seconds 2", r.err().strip());
        r = CliHarness.run("calibrate", "--out", dir.resolve("no/such/folder/c.yaml").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().strip().startsWith("chainfl: --out: the folder ") && r.err().strip().lines().count() == 1, r.err());
    }

    private static Path run(Path out, String[] small, String devices) {
        List<String> args = new java.util.ArrayList<>(List.of("run", CliHarness.configs().resolve("quickstart.yaml").toString(), "--out", out.toString()));
        args.addAll(List.of(small));
        args.addAll(List.of("--set", devices));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }
}
