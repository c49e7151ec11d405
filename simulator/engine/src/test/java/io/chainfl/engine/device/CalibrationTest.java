package io.chainfl.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.DeviceAssignment;
import io.chainfl.engine.config.DevicesConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A calibration file read back: the preset calibrated is the measured rate for the run's model with a laptop's network. */
class CalibrationTest {
    private static final String FILE = """
            # written by hand for the test
            measured_on: "test machine"
            compute_flops: {softmax: 2.0e9, mlp: 8.0e9, cnn: 4.0e9}
            modexp_ms: {"2048": 3.5}
            """;

    @Test
    void theCalibratedPresetComputesAtTheRateMeasuredForTheRunsModel(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("calibration.yaml"), FILE);
        DeviceAssignment halfSpeed = new DeviceAssignment("calibrated", List.of(1, 1), null, null, null, null, null, null, 2.0);
        Devices devices = Devices.of(new DevicesConfig("calibrated", List.of(halfSpeed), file.toString()), ModelType.MLP, 3, new SeedStreams(1));
        DeviceProfile laptop = DevicePreset.LAPTOP.profile();
        assertEquals(new DeviceProfile(8.0e9, laptop.uploadBytesPerS(), laptop.downloadBytesPerS(), laptop.latencyMs(), 0, ModexpTimes.of(2048, 3.5)),
                devices.of(0), "the measured modexp time comes along");
        assertEquals(7.0e-3, devices.of(1).modexp().seconds(2048, 2048), 1e-15, "and slows down with the device");
        assertEquals(4.0e9, devices.of(1).computeFlops(), "a slowdown applies on top of the calibration");
        assertEquals(1000, devices.of(2).computeMillis(8.0e9), "one second of this machine's MLP training");
        assertEquals(2.0e9, Devices.of(new DevicesConfig("calibrated", null, file.toString()), ModelType.SOFTMAX, 1, new SeedStreams(1)).of(0).computeFlops());

        Calibration written = new Calibration("again", Map.of("mlp", 1.5e9), Map.of("1024", 0.5));
        Path copy = Files.writeString(dir.resolve("copy.yaml"), written.toYaml());
        assertEquals(written, Calibration.read(copy), "what calibrate writes reads back");
    }

    @Test
    void aMissingOrBrokenFileIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        assertThrows(IllegalArgumentException.class, () -> new DevicesConfig("calibrated", null, null), "calibrated needs the file");
        Path missing = dir.resolve("nowhere.yaml");
        UserError e = assertThrows(UserError.class, () -> Devices.of(new DevicesConfig("calibrated", null, missing.toString()), ModelType.MLP, 1, new SeedStreams(1)));
        assertEquals("devices.calibration: " + missing + " does not exist; write it with chainfl calibrate --out " + missing, e.getMessage());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), "compute_flops: {mlp: fast}\n");
        e = assertThrows(UserError.class, () -> Devices.of(new DevicesConfig("calibrated", null, broken.toString()), ModelType.MLP, 1, new SeedStreams(1)));
        assertTrue(e.getMessage().startsWith(broken + ": not a calibration file ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("rerun chainfl calibrate --out " + broken) && !e.getMessage().contains("\n"), e.getMessage());
        Path noCnn = Files.writeString(dir.resolve("nocnn.yaml"), "compute_flops: {mlp: 1.0e9}\n");
        e = assertThrows(UserError.class, () -> Devices.of(new DevicesConfig("calibrated", null, noCnn.toString()), ModelType.CNN, 1, new SeedStreams(1)));
        assertEquals(noCnn + ": compute_flops has no positive rate for model type cnn; rerun chainfl calibrate --out " + noCnn, e.getMessage());
        DeviceProfile phone = Devices.of(new DevicesConfig("phone", null, missing.toString()), ModelType.MLP, 1, new SeedStreams(1)).of(0);
        assertEquals(DevicePreset.PHONE.profile(), phone, "the file is read only when a preset names it");
    }
}
