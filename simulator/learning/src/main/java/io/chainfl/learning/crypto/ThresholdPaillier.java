package io.chainfl.learning.crypto;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/**
 * Threshold Paillier decryption, t of n, after Damgard and Jurik (PKC 2001, s = 1), the Paillier variant of
 * Shoup's threshold RSA, with a trusted dealer. The dealer picks d = 0 mod lambda(N), d = 1 mod N and shares it
 * with a random polynomial f of degree t-1 over Z_{N lambda}; party i holds s_i = f(i). A decryption share is
 * c_i = c^{2 Delta s_i} (Delta = n!); any t shares combine with integer Lagrange coefficients mu_i = Delta
 * prod j/(j-i) to c^{4 Delta^2 d} = 1 + 4 Delta^2 m N (mod N^2), from which m follows.
 * Simplifications, documented: ordinary random primes instead of safe primes (the security proof and the
 * share-correctness proofs need safe primes; correctness of decryption does not, as lambda(N^2) = N lambda(N)),
 * and no zero-knowledge proofs that a share is correct.
 */
public final class ThresholdPaillier {
    private final PaillierPublicKey publicKey;
    private final int parties;
    private final int threshold;
    private final BigInteger delta;
    private final BigInteger fourDeltaSquared;
    /** Montgomery arithmetic modulo N^2 for the combination. */
    private final MontgomeryArithmetic squares;

    /** Party {@code index} (1-based)'s secret share of d. */
    public record KeyShare(int index, BigInteger secret) {}

    /** One party's contribution to decrypting one ciphertext. */
    public record DecryptionShare(int index, BigInteger value) {}

    /**
     * The dealer's output: the public key, the scheme's public parameters, one share per party, and the factorization,
     * which only the simulator keeps ({@link DealerTrapdoor}: the same shares, computed faster).
     */
    public record Dealt(ThresholdPaillier scheme, List<KeyShare> shares, DealerTrapdoor trapdoor) {}

    public ThresholdPaillier(PaillierPublicKey publicKey, int parties, int threshold) {
        if (threshold < 1 || threshold > parties) {
            throw new IllegalArgumentException("need 1 <= t <= n, got t=" + threshold + " n=" + parties);
        }
        this.publicKey = publicKey;
        this.parties = parties;
        this.threshold = threshold;
        BigInteger factorial = BigInteger.ONE;
        for (int i = 2; i <= parties; i++) {
            factorial = factorial.multiply(BigInteger.valueOf(i));
        }
        this.delta = factorial;
        this.fourDeltaSquared = factorial.multiply(factorial).shiftLeft(2);
        this.squares = new MontgomeryArithmetic(publicKey.nSquared());
    }

    /** Generates a modulus of {@code modulusBits} bits and deals shares of its decryption key. */
    public static Dealt deal(int modulusBits, int parties, int threshold, Random random) {
        BigInteger p;
        BigInteger q;
        BigInteger n;
        do {
            p = BigInteger.probablePrime(modulusBits / 2, random);
            q = BigInteger.probablePrime(modulusBits - modulusBits / 2, random);
            n = p.multiply(q);
        } while (p.equals(q) || n.bitLength() != modulusBits);
        BigInteger pMinus = p.subtract(BigInteger.ONE);
        BigInteger qMinus = q.subtract(BigInteger.ONE);
        BigInteger lambda = pMinus.multiply(qMinus).divide(pMinus.gcd(qMinus));
        // d = 0 mod lambda and d = 1 mod n (CRT; gcd(lambda, n) = 1 for primes of equal size)
        BigInteger d = lambda.multiply(lambda.modInverse(n));
        BigInteger modulus = n.multiply(lambda);
        BigInteger[] coefficients = new BigInteger[threshold];
        coefficients[0] = d;
        for (int k = 1; k < threshold; k++) {
            coefficients[k] = new BigInteger(modulus.bitLength() + 64, random).mod(modulus);
        }
        List<KeyShare> shares = new ArrayList<>();
        for (int i = 1; i <= parties; i++) {
            BigInteger x = BigInteger.valueOf(i);
            BigInteger value = BigInteger.ZERO;
            for (int k = threshold - 1; k >= 0; k--) {
                value = value.multiply(x).add(coefficients[k]).mod(modulus);
            }
            shares.add(new KeyShare(i, value));
        }
        ThresholdPaillier scheme = new ThresholdPaillier(new PaillierPublicKey(n), parties, threshold);
        return new Dealt(scheme, shares, new DealerTrapdoor(scheme, p, q, shares));
    }

    public PaillierPublicKey publicKey() {
        return publicKey;
    }

    public int threshold() {
        return threshold;
    }

    public int parties() {
        return parties;
    }

    /** Party {@code key.index()}'s decryption share as the party computes it: one exponentiation modulo N^2. */
    public DecryptionShare share(KeyShare key, BigInteger ciphertext) {
        return new DecryptionShare(key.index(), ciphertext.modPow(shareExponent(key), publicKey.nSquared()));
    }

    /** 2 Delta s_i, the exponent of a decryption share. */
    BigInteger shareExponent(KeyShare key) {
        return key.secret().multiply(delta).shiftLeft(1);
    }

    /**
     * Combines shares of one ciphertext into its plaintext: with mu_i the Lagrange coefficients of the first t
     * distinct indices, c^{4 Delta^2 d} = prod c_i^{2 mu_i} = 1 + 4 Delta^2 m N (mod N^2). Faster than
     * {@link #combineClassic} (same plaintexts) in two ways the math allows: the positive and the negative
     * coefficients each make one interleaved multi-exponentiation in Montgomery form (the exponents are a few
     * dozen bits, so one shared run of squarings instead of one modPow, with its conversions, per share), and
     * no inverse modulo N^2 is needed: with P = prod over mu_i > 0 and Q = prod over mu_i < 0 of c_i^{2|mu_i|},
     * P = Q (1 + 4 Delta^2 m N), so (P - Q mod N^2) / N = 4 Delta^2 m Q (mod N) and one inverse modulo N, of
     * 4 Delta^2 Q, gives m.
     *
     * @throws IllegalArgumentException with fewer than t distinct shares
     */
    public BigInteger combine(List<DecryptionShare> shares) {
        return combine(shares, (bases, exponents) -> multiExponentiation(squares, bases, exponents));
    }

    /** One product of the combination, prod bases[i]^exponents[i] mod N^2 (how it is computed is the caller's). */
    @FunctionalInterface
    interface ProductModNSquared {
        BigInteger of(List<BigInteger> bases, List<BigInteger> exponents);
    }

    /** {@link #combine}, with the two products P and Q computed by {@code product}. */
    BigInteger combine(List<DecryptionShare> shares, ProductModNSquared product) {
        TreeMap<Integer, BigInteger> distinct = distinctShares(shares);
        List<Integer> used = new ArrayList<>(distinct.keySet()).subList(0, threshold);
        List<BigInteger> positiveBases = new ArrayList<>();
        List<BigInteger> positiveExponents = new ArrayList<>();
        List<BigInteger> negativeBases = new ArrayList<>();
        List<BigInteger> negativeExponents = new ArrayList<>();
        for (int i : used) {
            BigInteger mu = lagrangeTimesDelta(i, used);
            boolean negative = mu.signum() < 0;
            (negative ? negativeBases : positiveBases).add(distinct.get(i));
            (negative ? negativeExponents : positiveExponents).add(mu.abs().shiftLeft(1));
        }
        BigInteger nSquared = publicKey.nSquared();
        BigInteger n = publicKey.n();
        BigInteger positive = product.of(positiveBases, positiveExponents);
        BigInteger negative = product.of(negativeBases, negativeExponents);
        BigInteger scaled = positive.subtract(negative).mod(nSquared).divide(n);
        return scaled.multiply(negative.multiply(fourDeltaSquared).mod(n).modInverse(n)).mod(n);
    }

    /**
     * The combination before {@link #combine}: one modPow per share and one inverse modulo N^2 per negative
     * coefficient. Kept so the bench measures both in one run and the tests check they agree.
     */
    public BigInteger combineClassic(List<DecryptionShare> shares) {
        TreeMap<Integer, BigInteger> distinct = distinctShares(shares);
        List<Integer> used = new ArrayList<>(distinct.keySet()).subList(0, threshold);
        BigInteger nSquared = publicKey.nSquared();
        BigInteger product = BigInteger.ONE;
        for (int i : used) {
            BigInteger mu = lagrangeTimesDelta(i, used);
            BigInteger factor = distinct.get(i).modPow(mu.abs().shiftLeft(1), nSquared);
            product = product.multiply(mu.signum() < 0 ? factor.modInverse(nSquared) : factor).mod(nSquared);
        }
        BigInteger n = publicKey.n();
        BigInteger l = product.subtract(BigInteger.ONE).divide(n);
        return l.multiply(fourDeltaSquared.modInverse(n)).mod(n);
    }

    private TreeMap<Integer, BigInteger> distinctShares(List<DecryptionShare> shares) {
        TreeMap<Integer, BigInteger> distinct = new TreeMap<>();
        shares.forEach(s -> distinct.putIfAbsent(s.index(), s.value()));
        if (distinct.size() < threshold) {
            throw new IllegalArgumentException("threshold decryption needs " + threshold + " shares, got " + distinct.size());
        }
        return distinct;
    }

    /** prod bases[i]^exponents[i] modulo the arithmetic's modulus, left to right over the longest exponent's bits, squarings shared. */
    static BigInteger multiExponentiation(MontgomeryArithmetic squares, List<BigInteger> bases, List<BigInteger> exponents) {
        if (bases.isEmpty()) {
            return BigInteger.ONE;
        }
        long[] scratch = squares.scratch();
        int[][] montgomeryBases = new int[bases.size()][];
        int bits = 0;
        for (int i = 0; i < bases.size(); i++) {
            montgomeryBases[i] = squares.toMontgomery(bases.get(i));
            bits = Math.max(bits, exponents.get(i).bitLength());
        }
        int[] accumulator = null;
        for (int bit = bits - 1; bit >= 0; bit--) {
            if (accumulator != null) {
                squares.multiply(accumulator, accumulator, accumulator, scratch);
            }
            for (int i = 0; i < montgomeryBases.length; i++) {
                if (exponents.get(i).testBit(bit)) {
                    if (accumulator == null) {
                        accumulator = montgomeryBases[i].clone();
                    } else {
                        squares.multiply(accumulator, montgomeryBases[i], accumulator, scratch);
                    }
                }
            }
        }
        return accumulator == null ? BigInteger.ONE : squares.fromMontgomery(accumulator, scratch);
    }

    /** Delta * prod_{j != i} j / (j - i): an integer because Delta = n! absorbs every denominator. */
    private BigInteger lagrangeTimesDelta(int i, List<Integer> used) {
        BigInteger numerator = delta;
        BigInteger denominator = BigInteger.ONE;
        for (int j : used) {
            if (j != i) {
                numerator = numerator.multiply(BigInteger.valueOf(j));
                denominator = denominator.multiply(BigInteger.valueOf(j - i));
            }
        }
        return numerator.divide(denominator);
    }
}
