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

    /** Party {@code index} (1-based)'s secret share of d. */
    public record KeyShare(int index, BigInteger secret) {}

    /** One party's contribution to decrypting one ciphertext. */
    public record DecryptionShare(int index, BigInteger value) {}

    /** The dealer's output: the public key, the scheme's public parameters, one share per party. */
    public record Dealt(ThresholdPaillier scheme, List<KeyShare> shares) {}

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
        return new Dealt(new ThresholdPaillier(new PaillierPublicKey(n), parties, threshold), shares);
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

    public DecryptionShare share(KeyShare key, BigInteger ciphertext) {
        BigInteger exponent = key.secret().multiply(delta).shiftLeft(1);
        return new DecryptionShare(key.index(), ciphertext.modPow(exponent, publicKey.nSquared()));
    }

    /**
     * Combines shares of one ciphertext into its plaintext.
     *
     * @throws IllegalArgumentException with fewer than t distinct shares
     */
    public BigInteger combine(List<DecryptionShare> shares) {
        TreeMap<Integer, BigInteger> distinct = new TreeMap<>();
        shares.forEach(s -> distinct.putIfAbsent(s.index(), s.value()));
        if (distinct.size() < threshold) {
            throw new IllegalArgumentException("threshold decryption needs " + threshold + " shares, got " + distinct.size());
        }
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
        BigInteger fourDeltaSquared = delta.multiply(delta).shiftLeft(2);
        return l.multiply(fourDeltaSquared.modInverse(n)).mod(n);
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
