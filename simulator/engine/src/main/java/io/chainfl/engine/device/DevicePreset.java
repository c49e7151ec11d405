package io.chainfl.engine.device;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Named devices a config can start from. The numbers are round figures of published measurements, meant to give the
 * right orders of magnitude, not to stand for one model of phone or laptop:
 * <ul>
 *   <li>compute: sustained fp32 rates of small-batch CPU training, well under the chips' peaks. A phone's big cores
 *       reach tens of GFLOP/s peak (AI Benchmark, Ignatov et al., ICCV Workshops 2019, reports phone CPU inference at
 *       that scale); a 4-core laptop CPU with AVX2 FMA peaks near 200 GFLOP/s (4 cores x 3 GHz x 16 fp32 FLOPs per
 *       cycle); a 32-core AVX-512 server near 2 TFLOP/s. We take about a quarter of each peak: 10, 50 and 500 GFLOP/s.</li>
 *   <li>network: the Ookla Speedtest Global Index medians (2024): mobile about 30 Mbit/s down and 9 up, fixed
 *       broadband about 90 down and 20 up; typical round trips of 4G (about 50 ms) and home broadband (about 20 ms);
 *       a 10 Gbit/s datacenter link with 1 ms.</li>
 *   <li>availability: always online (dropout 0); a config sets {@code dropout} where it matters.</li>
 *   <li>modular arithmetic (Paillier's cost): one core's time for a modular exponentiation with a 2048-bit modulus and
 *       exponent. {@code openssl speed rsa} on a desktop x86 core signs with a 4096-bit RSA key in about 5.1 ms, two
 *       2048-bit exponentiations by the CRT, so about 2.5 ms each: the laptop's figure (OpenSSL's assembly; Java's
 *       BigInteger, which {@code chainfl calibrate} measures, is a few times slower). A phone's big ARM core is taken 4x
 *       slower (10 ms), a server core a little faster than a laptop's (2 ms). Round figures again; a config replaces them
 *       with {@code modexp_ms}, or measures its own with {@code chainfl calibrate}.</li>
 * </ul>
 */
public enum DevicePreset {
    PHONE(new DeviceProfile(10e9, 9e6 / 8, 30e6 / 8, 50, 0, ModexpTimes.of(2048, 10.0))),
    LAPTOP(new DeviceProfile(50e9, 20e6 / 8, 90e6 / 8, 20, 0, ModexpTimes.of(2048, 2.5))),
    SERVER(new DeviceProfile(500e9, 10e9 / 8, 10e9 / 8, 1, 0, ModexpTimes.of(2048, 2.0)));

    /** The laptop's modular arithmetic, for devices built without a figure of their own. */
    static final ModexpTimes LAPTOP_MODEXP = ModexpTimes.of(2048, 2.5);

    private final DeviceProfile profile;

    DevicePreset(DeviceProfile profile) {
        this.profile = profile;
    }

    public DeviceProfile profile() {
        return profile;
    }

    /** The name configs use. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<DevicePreset> named(String name) {
        return Arrays.stream(values()).filter(p -> p.configName().equals(name)).findFirst();
    }

    /** The names configs may use, for error messages. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(DevicePreset::configName).toList());
    }
}
