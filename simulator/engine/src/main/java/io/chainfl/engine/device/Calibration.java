package io.chainfl.engine.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.ConfigMapper;
import io.chainfl.engine.config.ConfigTypes;
import io.chainfl.engine.config.ModelType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code chainfl calibrate} measured on one machine: sustained training FLOP/s per model type (the default
 * shapes, one thread, the fixed-order kernels) and the time of one modular exponentiation per modulus size (for
 * Paillier's cost). A config names the file ({@code devices.calibration}) and uses the preset {@code calibrated}: a
 * device as fast as that machine, with the laptop preset's network. The numbers are wall-clock measurements, but once
 * written they are an input like a data file: the same file gives the same virtual time on any machine.
 */
public record Calibration(String measuredOn, Map<String, Double> computeFlops, Map<String, Double> modexpMs) {
    public static final String PRESET = "calibrated";

    public Calibration {
        computeFlops = computeFlops == null ? Map.of() : new TreeMap<>(computeFlops);
        modexpMs = modexpMs == null ? Map.of() : new TreeMap<>(modexpMs);
    }

    /**
     * The calibrated device for a model type: the measured rate and modular exponentiation times, the laptop preset's
     * network, always online.
     */
    public DeviceProfile profile(ModelType model, Path file) {
        String key = model.name().toLowerCase(Locale.ROOT);
        Double flops = computeFlops.get(key);
        if (flops == null || !(flops > 0)) {
            throw new UserError(file + ": compute_flops has no positive rate for model type " + key + "; rerun chainfl calibrate --out " + file);
        }
        DeviceProfile laptop = DevicePreset.LAPTOP.profile();
        return new DeviceProfile(flops, laptop.uploadBytesPerS(), laptop.downloadBytesPerS(), laptop.latencyMs(), 0, modexpTimes(file));
    }

    /** The measured modexp times by modulus size (ModexpTimes.NONE when the file has none: refused only where crypto is costed). */
    private ModexpTimes modexpTimes(Path file) {
        TreeMap<Integer, Double> bySize = new TreeMap<>();
        for (Map.Entry<String, Double> e : modexpMs.entrySet()) {
            try {
                bySize.put(Integer.parseInt(e.getKey()), e.getValue());
            } catch (NumberFormatException notBits) {
                throw new UserError(file + ": modexp_ms key '" + e.getKey() + "' is not a modulus size in bits; rerun chainfl calibrate --out " + file);
            }
        }
        try {
            return new ModexpTimes(bySize);
        } catch (IllegalArgumentException bad) {
            throw new UserError(file + ": modexp_ms: " + bad.getMessage() + "; rerun chainfl calibrate --out " + file);
        }
    }

    public static Calibration read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("devices.calibration: " + file + " does not exist; write it with chainfl calibrate --out " + file);
        }
        try {
            return mapper().readValue(file.toFile(), Calibration.class);
        } catch (JsonProcessingException e) {
            throw new UserError(file + ": not a calibration file (" + e.getOriginalMessage().lines().findFirst().orElse("invalid")
                    + "); rerun chainfl calibrate --out " + file);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The file's text, with a first comment saying what it is. */
    public String toYaml() {
        try {
            return "# chainfl calibrate: this machine's measured speed (wall clock), an input for devices.calibration;\n"
                    + "# rerunning it gives other numbers, so a run's results follow this file, not the machine it runs on\n"
                    + mapper().writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectMapper mapper() {
        return ConfigMapper.yaml(new ConfigTypes());
    }
}
