package io.chainfl.engine.device;

import io.chainfl.engine.UserError;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How long one modular exponentiation takes on a device, the unit Paillier's cost is counted in
 * (learning/cost/CryptoOps): milliseconds of one {@code base^e mod m} with an m and an e of the same size, per modulus
 * size in bits (what {@code chainfl calibrate} measures, or a preset's figure). Other sizes follow the schoolbook
 * Montgomery law, time proportional to modulus bits squared times exponent bits, scaled from the nearest size listed
 * (Java's {@code BigInteger.modPow} multiplies without Karatsuba at these sizes, so the law holds there too).
 *
 * @param msByModulusBits milliseconds of one exponentiation with modulus and exponent of that many bits
 */
public record ModexpTimes(SortedMap<Integer, Double> msByModulusBits) {
    /** No figures: a device that was never measured for modular arithmetic (a calibration file without modexp_ms). */
    public static final ModexpTimes NONE = new ModexpTimes(Map.of());

    public ModexpTimes(Map<Integer, Double> msByModulusBits) {
        this(new TreeMap<>(msByModulusBits));
    }

    public ModexpTimes {
        msByModulusBits = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(msByModulusBits));
        msByModulusBits.forEach((bits, ms) -> {
            if (bits < 1 || !(ms > 0) || Double.isInfinite(ms)) {
                throw new IllegalArgumentException("a modexp time needs a modulus size >= 1 bit and a positive, finite time: " + bits + " -> " + ms);
            }
        });
    }

    /** One size's figure. */
    public static ModexpTimes of(int modulusBits, double ms) {
        return new ModexpTimes(Map.of(modulusBits, ms));
    }

    /**
     * Seconds of one {@code base^e mod m} with a {@code modulusBits}-bit m and an {@code exponentBits}-bit e: the listed size
     * nearest to the modulus (by ratio; a tie goes to the larger), scaled by (modulus ratio)^2 x (exponent / that size).
     */
    public double seconds(int modulusBits, int exponentBits) {
        if (msByModulusBits.isEmpty()) {
            throw new UserError("devices: a device has no modular exponentiation time (a calibration file without modexp_ms);"
                    + " rerun chainfl calibrate, or give modexp_ms in devices.assign");
        }
        int nearest = msByModulusBits.firstKey();
        for (int size : msByModulusBits.keySet()) {
            if (Math.abs(Math.log((double) size / modulusBits)) <= Math.abs(Math.log((double) nearest / modulusBits))) {
                nearest = size;
            }
        }
        double ratio = (double) modulusBits / nearest;
        return msByModulusBits.get(nearest) / 1000.0 * ratio * ratio * ((double) exponentBits / nearest);
    }

    /** The same device {@code factor} times slower. */
    public ModexpTimes slowedBy(double factor) {
        TreeMap<Integer, Double> slower = new TreeMap<>();
        msByModulusBits.forEach((bits, ms) -> slower.put(bits, ms * factor));
        return new ModexpTimes(slower);
    }
}
