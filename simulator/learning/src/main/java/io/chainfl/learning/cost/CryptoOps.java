package io.chainfl.learning.cost;

import io.chainfl.engine.device.DeviceProfile;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A piece of cryptographic work as counts of operations of stated sizes (pure arithmetic, the same on every machine),
 * and its time on a device. The unit is the modular exponentiation, whose time the device gives per modulus size
 * ({@link io.chainfl.engine.device.ModexpTimes}); the other operations are converted into it by these conventions:
 * <ul>
 *   <li>a modular multiplication at {@code k} bits costs 1 / (1.2 k) of a {@code k}-bit exponentiation with a
 *       {@code k}-bit exponent: a windowed exponentiation does about k squarings and k/5 multiplications
 *       ({@code BigInteger.modPow} uses 6-bit windows above 1,793 exponent bits);</li>
 *   <li>a modular inverse at {@code k} bits costs 32 multiplications: binary extended Euclid does about 2k
 *       shift-and-subtract steps on k-bit numbers, about 4k^2/32 word operations, against 2(k/32)^2 word products of
 *       one Montgomery multiplication;</li>
 *   <li>a signature (ECDSA on secp256k1, what a transaction carries) is one 256-bit scalar multiplication: about 256
 *       point doublings and 128 additions of about 12 field multiplications each, 4,608 multiplications at 256 bits;</li>
 *   <li>hashing (Keccak-256 of what is posted) costs 36 operations per byte at the device's compute rate: Keccak-f[1600]
 *       runs 24 rounds of about 200 64-bit operations per 136-byte block.</li>
 * </ul>
 *
 * @param modexps     count per (modulus bits, exponent bits)
 * @param modmuls     count of modular multiplications per modulus bits
 * @param inverses    count of modular inverses per modulus bits
 * @param signatures  transaction signatures
 * @param hashedBytes bytes hashed
 */
public record CryptoOps(SortedMap<Size, Long> modexps, SortedMap<Integer, Long> modmuls, SortedMap<Integer, Long> inverses, long signatures,
                        long hashedBytes) {
    public static final CryptoOps NONE = new CryptoOps(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), 0, 0);
    public static final double MULTIPLICATIONS_PER_MODEXP_BIT = 1.2;
    public static final int MULTIPLICATIONS_PER_INVERSE = 32;
    public static final int SIGNATURE_BITS = 256;
    public static final int MULTIPLICATIONS_PER_SIGNATURE = 4_608;
    public static final int HASH_OPERATIONS_PER_BYTE = 36;

    /** An exponentiation's modulus and exponent sizes in bits. */
    public record Size(int modulusBits, int exponentBits) implements Comparable<Size> {
        @Override
        public int compareTo(Size o) {
            return modulusBits != o.modulusBits ? Integer.compare(modulusBits, o.modulusBits) : Integer.compare(exponentBits, o.exponentBits);
        }
    }

    public CryptoOps {
        modexps = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(modexps));
        modmuls = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(modmuls));
        inverses = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(inverses));
    }

    public static CryptoOps modexps(long count, int modulusBits, int exponentBits) {
        return new CryptoOps(new TreeMap<>(Map.of(new Size(modulusBits, exponentBits), count)), new TreeMap<>(), new TreeMap<>(), 0, 0);
    }

    public static CryptoOps modmuls(long count, int modulusBits) {
        return new CryptoOps(new TreeMap<>(), new TreeMap<>(Map.of(modulusBits, count)), new TreeMap<>(), 0, 0);
    }

    public static CryptoOps inverses(long count, int modulusBits) {
        return new CryptoOps(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(Map.of(modulusBits, count)), 0, 0);
    }

    /** {@code count} transactions signed, {@code bytes} hashed. */
    public static CryptoOps signedAndHashed(long count, long bytes) {
        return new CryptoOps(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), count, bytes);
    }

    public CryptoOps plus(CryptoOps other) {
        TreeMap<Size, Long> e = new TreeMap<>(modexps);
        other.modexps.forEach((k, v) -> e.merge(k, v, Long::sum));
        TreeMap<Integer, Long> m = new TreeMap<>(modmuls);
        other.modmuls.forEach((k, v) -> m.merge(k, v, Long::sum));
        TreeMap<Integer, Long> i = new TreeMap<>(inverses);
        other.inverses.forEach((k, v) -> i.merge(k, v, Long::sum));
        return new CryptoOps(e, m, i, signatures + other.signatures, hashedBytes + other.hashedBytes);
    }

    /** The same work done {@code times} times. */
    public CryptoOps times(long times) {
        TreeMap<Size, Long> e = new TreeMap<>();
        modexps.forEach((k, v) -> e.put(k, v * times));
        TreeMap<Integer, Long> m = new TreeMap<>();
        modmuls.forEach((k, v) -> m.put(k, v * times));
        TreeMap<Integer, Long> i = new TreeMap<>();
        inverses.forEach((k, v) -> i.put(k, v * times));
        return new CryptoOps(e, m, i, signatures * times, hashedBytes * times);
    }

    /** Seconds of this work on {@code device}, summed in a fixed order (exponentiations, products, inverses, signatures, hashing). */
    public double seconds(DeviceProfile device) {
        double seconds = 0;
        for (Map.Entry<Size, Long> e : modexps.entrySet()) {
            seconds += e.getValue() * device.modexp().seconds(e.getKey().modulusBits(), e.getKey().exponentBits());
        }
        for (Map.Entry<Integer, Long> e : modmuls.entrySet()) {
            seconds += e.getValue() * multiplicationSeconds(device, e.getKey());
        }
        for (Map.Entry<Integer, Long> e : inverses.entrySet()) {
            seconds += e.getValue() * MULTIPLICATIONS_PER_INVERSE * multiplicationSeconds(device, e.getKey());
        }
        seconds += signatures * MULTIPLICATIONS_PER_SIGNATURE * multiplicationSeconds(device, SIGNATURE_BITS);
        seconds += (double) hashedBytes * HASH_OPERATIONS_PER_BYTE / device.computeFlops();
        return seconds;
    }

    /** Seconds of one modular multiplication at {@code bits} on {@code device}. */
    public static double multiplicationSeconds(DeviceProfile device, int bits) {
        return device.modexp().seconds(bits, bits) / (MULTIPLICATIONS_PER_MODEXP_BIT * bits);
    }
}
