package io.chainfl.learning.crypto;

import java.math.BigInteger;
import java.util.Random;

/**
 * Paillier's public key with g = n + 1 (the usual choice, also javallier's): E(m) = (1 + m n) r^n mod n^2.
 * Ciphertexts multiply to encrypt the sum of their plaintexts, which is all DeepChain's workers need.
 */
public record PaillierPublicKey(BigInteger n, BigInteger nSquared) {

    public PaillierPublicKey(BigInteger n) {
        this(n, n.multiply(n));
    }

    public int modulusBits() {
        return n.bitLength();
    }

    /** Bytes of one ciphertext in fixed-width encoding (an element of Z_{n^2}). */
    public int ciphertextBytes() {
        return (nSquared.bitLength() + 7) / 8;
    }

    public BigInteger encrypt(BigInteger plaintext, Random random) {
        if (plaintext.signum() < 0 || plaintext.compareTo(n) >= 0) {
            throw new IllegalArgumentException("plaintext outside [0, n)");
        }
        BigInteger r;
        do {
            r = new BigInteger(n.bitLength(), random);
        } while (r.signum() == 0 || r.compareTo(n) >= 0 || !r.gcd(n).equals(BigInteger.ONE));
        // (1 + n)^m = 1 + m n (mod n^2): one multiplication instead of a second exponentiation
        BigInteger gm = BigInteger.ONE.add(plaintext.multiply(n)).mod(nSquared);
        return gm.multiply(r.modPow(n, nSquared)).mod(nSquared);
    }

    /** E(a) * E(b) = E(a + b mod n). */
    public BigInteger add(BigInteger a, BigInteger b) {
        return a.multiply(b).mod(nSquared);
    }

    /**
     * The check the contract can make on a submitted ciphertext: an invertible element of Z_{n^2}. It stands in
     * for the paper's proof of correct encryption: random garbage fails it with overwhelming probability over a
     * batch (about half of random 2|n|-bit strings exceed n^2), a well-formed encryption of a wrong value passes.
     */
    public boolean isValidCiphertext(BigInteger c) {
        return c.signum() > 0 && c.compareTo(nSquared) < 0 && c.gcd(n).equals(BigInteger.ONE);
    }
}
