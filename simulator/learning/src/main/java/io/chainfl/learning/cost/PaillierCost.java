package io.chainfl.learning.cost;

import java.math.BigInteger;
import java.util.List;

/**
 * What each step of threshold Paillier costs, as operations counted from the scheme (learning/crypto: Paillier with
 * g = n + 1, Damgard-Jurik threshold decryption with s = 1), never measured: with k-bit keys every ciphertext lives
 * modulo n^2, a 2k-bit modulus. Per ciphertext (one packed plaintext):
 * <ul>
 *   <li>encryption, E(m) = (1 + m n) r^n mod n^2: one exponentiation with the k-bit exponent n, and two
 *       multiplications ((1 + m n), then times r^n); drawing r and its gcd with n are not counted;</li>
 *   <li>homomorphic addition: one multiplication mod n^2 per further summand;</li>
 *   <li>a decryption share, c^(2 Delta s_i) mod n^2: one exponentiation whose exponent has the bits of n lambda (at most
 *       2k) plus those of Delta = (parties)! plus one;</li>
 *   <li>combining t shares: per share one exponentiation by 2|mu_i| (mu_i = Delta prod j/(j - i), computed exactly from
 *       the indices used), an inverse where mu_i is negative and a multiplication, then the L function's division and the
 *       multiplication by (4 Delta^2)^-1 mod n (two multiplications at k bits).</li>
 * </ul>
 * The ciphertext verification the trading contract makes is on-chain work, in the ledger's time, not a device's.
 */
public final class PaillierCost {
    private PaillierCost() {}

    /** Encrypting {@code ciphertexts} plaintexts under a {@code keyBits}-bit key. */
    public static CryptoOps encrypt(long ciphertexts, int keyBits) {
        return CryptoOps.modexps(ciphertexts, 2 * keyBits, keyBits).plus(CryptoOps.modmuls(2 * ciphertexts, 2 * keyBits));
    }

    /** Adding {@code summands} encrypted vectors of {@code ciphertexts} each (summands - 1 products per ciphertext). */
    public static CryptoOps aggregate(long ciphertexts, int summands, int keyBits) {
        return CryptoOps.modmuls(Math.max(0, summands - 1L) * ciphertexts, 2 * keyBits);
    }

    /** One party's decryption shares of {@code ciphertexts} ciphertexts, the key dealt among {@code parties}. */
    public static CryptoOps decryptionShares(long ciphertexts, int keyBits, int parties) {
        return CryptoOps.modexps(ciphertexts, 2 * keyBits, shareExponentBits(keyBits, parties));
    }

    /** Bits of a share's exponent 2 Delta s_i, with s_i below n lambda (at most 2k bits). */
    public static int shareExponentBits(int keyBits, int parties) {
        return 2 * keyBits + delta(parties).bitLength() + 1;
    }

    /**
     * Combining the shares of the parties with key indices {@code indices} (1-based: the t shares combined) into
     * {@code ciphertexts} plaintexts.
     */
    public static CryptoOps combine(long ciphertexts, int keyBits, int parties, List<Integer> indices) {
        List<Integer> used = indices.stream().sorted().toList();
        BigInteger delta = delta(parties);
        CryptoOps perCiphertext = CryptoOps.modmuls(2, keyBits);
        for (int i : used) {
            BigInteger mu = lagrangeTimesDelta(delta, i, used);
            perCiphertext = perCiphertext.plus(CryptoOps.modexps(1, 2 * keyBits, mu.abs().shiftLeft(1).bitLength()))
                    .plus(CryptoOps.modmuls(1, 2 * keyBits));
            if (mu.signum() < 0) {
                perCiphertext = perCiphertext.plus(CryptoOps.inverses(1, 2 * keyBits));
            }
        }
        return perCiphertext.times(ciphertexts);
    }

    static BigInteger delta(int parties) {
        BigInteger factorial = BigInteger.ONE;
        for (int i = 2; i <= parties; i++) {
            factorial = factorial.multiply(BigInteger.valueOf(i));
        }
        return factorial;
    }

    /** Delta prod_{j != i} j / (j - i), an integer (the scheme's Lagrange coefficient times Delta). */
    static BigInteger lagrangeTimesDelta(BigInteger delta, int i, List<Integer> used) {
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
