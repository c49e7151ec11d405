package io.chainfl.learning.crypto;

import java.math.BigInteger;
import java.util.List;
import java.util.TreeMap;

/**
 * The dealer's factorization N = pq, which the simulator keeps because it deals the keys itself (deterministically
 * from the run's seed, in every JVM of a clustered run), and which no party holds. It computes a party's decryption
 * share c^{2 Delta s_i} mod N^2 through the Chinese remainder theorem: modulo p^2 and q^2, each with the exponent
 * reduced modulo the order of the group, phi(p^2) = p(p-1) (resp. q(q-1)), then recombined (Garner). That is the
 * same number as {@link ThresholdPaillier#share} computes, the party's own algorithm, for about a quarter of the work
 * (two exponentiations of half the exponent's length modulo half-size moduli), so results do not change.
 *
 * {@link #combine} likewise computes the combination's two products from the parties' shares modulo p^2 and q^2.
 *
 * <p>This is the simulator's shortcut, not something a party could do: a party without the factorization pays the
 * full-size exponentiation modulo N^2, and that is what the device-time model charges ({@code PaillierCost}); the
 * security argument of the threshold scheme is about the parties, who never see this object. The reduction needs c
 * invertible modulo N; a ciphertext sharing a factor with N (which would reveal the factorization anyway) is computed
 * the party's way.
 */
public final class DealerTrapdoor {
    private final ThresholdPaillier scheme;
    private final BigInteger p;
    private final BigInteger q;
    private final BigInteger pSquared;
    private final BigInteger qSquared;
    /** (q^2)^-1 mod p^2, for Garner's recombination. */
    private final BigInteger qSquaredInverse;
    /** Montgomery arithmetic modulo p^2 and q^2, for the combination's products. */
    private final MontgomeryArithmetic squaresModP;
    private final MontgomeryArithmetic squaresModQ;
    /** Party index -> {2 Delta s_i mod p(p-1), 2 Delta s_i mod q(q-1)}, and the secret they were reduced from. */
    private final TreeMap<Integer, Reduced> exponents = new TreeMap<>();

    private record Reduced(BigInteger secret, BigInteger modP, BigInteger modQ) {}

    DealerTrapdoor(ThresholdPaillier scheme, BigInteger p, BigInteger q, List<ThresholdPaillier.KeyShare> shares) {
        if (!p.multiply(q).equals(scheme.publicKey().n())) {
            throw new IllegalArgumentException("p q is not the scheme's modulus");
        }
        this.scheme = scheme;
        this.p = p;
        this.q = q;
        this.pSquared = p.multiply(p);
        this.qSquared = q.multiply(q);
        this.qSquaredInverse = qSquared.modInverse(pSquared);
        this.squaresModP = new MontgomeryArithmetic(pSquared);
        this.squaresModQ = new MontgomeryArithmetic(qSquared);
        BigInteger orderModP = pSquared.subtract(p);
        BigInteger orderModQ = qSquared.subtract(q);
        for (ThresholdPaillier.KeyShare share : shares) {
            BigInteger exponent = scheme.shareExponent(share);
            exponents.put(share.index(), new Reduced(share.secret(), exponent.mod(orderModP), exponent.mod(orderModQ)));
        }
    }

    /**
     * The plaintext of t shares, as {@link ThresholdPaillier#combine} gives it from the same shares, with its two
     * products computed modulo p^2 and q^2 (half-size numbers, each product about a quarter of the work) and
     * recombined; the rest of the combination is the scheme's own.
     */
    public BigInteger combine(List<ThresholdPaillier.DecryptionShare> shares) {
        return scheme.combine(shares, (bases, exponents) -> {
            BigInteger modP = ThresholdPaillier.multiExponentiation(squaresModP, bases, exponents);
            BigInteger modQ = ThresholdPaillier.multiExponentiation(squaresModQ, bases, exponents);
            return recombine(modP.mod(pSquared), modQ.mod(qSquared));
        });
    }

    /** The x modulo N^2 with x = modP (mod p^2) and x = modQ (mod q^2), by Garner's formula. */
    private BigInteger recombine(BigInteger modP, BigInteger modQ) {
        BigInteger lift = modP.subtract(modQ).multiply(qSquaredInverse).mod(pSquared);
        return modQ.add(lift.multiply(qSquared));
    }

    /** Party {@code key.index()}'s decryption share of {@code ciphertext}: the value {@link ThresholdPaillier#share} gives. */
    public ThresholdPaillier.DecryptionShare share(ThresholdPaillier.KeyShare key, BigInteger ciphertext) {
        Reduced reduced = exponents.get(key.index());
        if (reduced == null || !reduced.secret().equals(key.secret())
                || ciphertext.mod(p).signum() == 0 || ciphertext.mod(q).signum() == 0) {
            return scheme.share(key, ciphertext);
        }
        BigInteger modP = ciphertext.mod(pSquared).modPow(reduced.modP(), pSquared);
        BigInteger modQ = ciphertext.mod(qSquared).modPow(reduced.modQ(), qSquared);
        return new ThresholdPaillier.DecryptionShare(key.index(), recombine(modP, modQ));
    }
}
