package io.chainfl.learning.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The dealer's CRT shortcut must give exactly the share a party computes with its one exponentiation modulo N^2
 * (the definition, {@link ThresholdPaillier#share}), for every party, on encryptions and on arbitrary elements of
 * Z*_{N^2}, and fall back to the party's way where the reduction does not hold.
 */
class DealerTrapdoorTest {

    private static void sharesAgree(int keyBits, int parties, int threshold, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        ThresholdPaillier.Dealt dealt = ThresholdPaillier.deal(keyBits, parties, threshold, new DeterministicRandom(random.split()));
        PaillierPublicKey key = dealt.scheme().publicKey();
        for (int trial = 0; trial < 6; trial++) {
            BigInteger encryption = key.encrypt(new BigInteger(keyBits - 2, new DeterministicRandom(random.split())), new DeterministicRandom(random.split()));
            BigInteger arbitrary = new BigInteger(2 * keyBits + 8, new DeterministicRandom(random.split())).mod(key.nSquared());
            for (BigInteger c : List.of(encryption, arbitrary)) {
                for (ThresholdPaillier.KeyShare share : dealt.shares()) {
                    assertEquals(dealt.scheme().share(share, c), dealt.trapdoor().share(share, c), keyBits + "-bit key, party " + share.index());
                }
            }
        }
    }

    @Test
    void sharesEqualThePartysOwnAt512Bits() {
        sharesAgree(512, 5, 3, 11);
    }

    @Test
    void sharesEqualThePartysOwnAt1024BitsTenParties() {
        sharesAgree(1024, 10, 4, 12);
    }

    @Test
    void theCombinationEqualsTheSchemesOnEverySubsetOfShares() {
        ThresholdPaillier.Dealt dealt = ThresholdPaillier.deal(512, 6, 3, new DeterministicRandom(new SplittableRandom(16)));
        PaillierPublicKey key = dealt.scheme().publicKey();
        BigInteger m = new BigInteger("31415926535897932384626433832795");
        BigInteger c = key.encrypt(m, new DeterministicRandom(new SplittableRandom(17)));
        // every 3 of the 6 parties: Lagrange coefficients of both signs, and the subsets' order as given
        for (int a = 0; a < 6; a++) {
            for (int b = a + 1; b < 6; b++) {
                for (int d = b + 1; d < 6; d++) {
                    List<ThresholdPaillier.DecryptionShare> shares = List.of(dealt.scheme().share(dealt.shares().get(d), c),
                            dealt.scheme().share(dealt.shares().get(a), c), dealt.scheme().share(dealt.shares().get(b), c));
                    assertEquals(dealt.scheme().combine(shares), dealt.trapdoor().combine(shares));
                    assertEquals(m, dealt.trapdoor().combine(shares));
                }
            }
        }
        // and on shares of an arbitrary element (not an encryption): the same residue, whatever it means
        BigInteger arbitrary = new BigInteger(1100, new DeterministicRandom(new SplittableRandom(18))).mod(key.nSquared());
        List<ThresholdPaillier.DecryptionShare> shares = List.of(dealt.scheme().share(dealt.shares().get(0), arbitrary),
                dealt.scheme().share(dealt.shares().get(4), arbitrary), dealt.scheme().share(dealt.shares().get(5), arbitrary));
        assertEquals(dealt.scheme().combine(shares), dealt.trapdoor().combine(shares));
    }

    @Test
    void theSharesStillDecrypt() {
        ThresholdPaillier.Dealt dealt = ThresholdPaillier.deal(512, 4, 2, new DeterministicRandom(new SplittableRandom(13)));
        BigInteger m = new BigInteger("98765432109876543210");
        BigInteger c = dealt.scheme().publicKey().encrypt(m, new DeterministicRandom(new SplittableRandom(14)));
        assertEquals(m, dealt.scheme().combine(List.of(dealt.trapdoor().share(dealt.shares().get(3), c), dealt.trapdoor().share(dealt.shares().get(1), c))));
    }

    @Test
    void aCiphertextSharingAFactorWithNOrAnUnknownKeyShareIsComputedThePartysWay() {
        SplittableRandom random = new SplittableRandom(15);
        BigInteger p = BigInteger.probablePrime(128, new DeterministicRandom(random.split()));
        BigInteger q = BigInteger.probablePrime(128, new DeterministicRandom(random.split()));
        ThresholdPaillier scheme = new ThresholdPaillier(new PaillierPublicKey(p.multiply(q)), 3, 2);
        List<ThresholdPaillier.KeyShare> shares = List.of(new ThresholdPaillier.KeyShare(1, BigInteger.valueOf(123457)),
                new ThresholdPaillier.KeyShare(2, BigInteger.valueOf(98765)));
        DealerTrapdoor trapdoor = new DealerTrapdoor(scheme, p, q, shares);
        // c = 7p: not invertible modulo N^2, so the exponent may not be reduced modulo p(p-1) (here the reduced one is
        // still >= 2 and would give the same 0 modulo p^2; tinyKeyByHand has a case where it would not)
        BigInteger sharingP = p.multiply(BigInteger.valueOf(7));
        assertEquals(scheme.share(shares.get(0), sharingP), trapdoor.share(shares.get(0), sharingP));
        assertEquals(scheme.share(shares.get(1), q), trapdoor.share(shares.get(1), q));
        // a share the trapdoor was not dealt with (another secret at index 1, or index 3)
        ThresholdPaillier.KeyShare stranger = new ThresholdPaillier.KeyShare(1, BigInteger.valueOf(5));
        BigInteger c = BigInteger.valueOf(1234567);
        assertEquals(scheme.share(stranger, c), trapdoor.share(stranger, c));
        ThresholdPaillier.KeyShare third = new ThresholdPaillier.KeyShare(3, BigInteger.valueOf(77));
        assertEquals(scheme.share(third, c), trapdoor.share(third, c));
        // and against the definition written out: party 1, c = 2, Delta = 3! = 6, exponent 2 * 6 * 123457 = 1481484
        assertEquals(BigInteger.TWO.modPow(BigInteger.valueOf(1_481_484), p.multiply(q).pow(2)), trapdoor.share(shares.get(0), BigInteger.TWO).value());
    }

    /**
     * p = 11, q = 13: N = 143, N^2 = 20449, p^2 = 121, q^2 = 169, phi(p^2) = 110, phi(q^2) = 156; 3 parties, so
     * Delta = 3! = 6 and a share's exponent is 12 s. Garner: (q^2)^-1 mod p^2 = 58 (169 = 48 mod 121, 48 * 58 = 2784 =
     * 23 * 121 + 1).
     */
    @Test
    void tinyKeyByHand() {
        ThresholdPaillier scheme = new ThresholdPaillier(new PaillierPublicKey(BigInteger.valueOf(143)), 3, 2);
        ThresholdPaillier.KeyShare hundred = new ThresholdPaillier.KeyShare(1, BigInteger.valueOf(100));
        ThresholdPaillier.KeyShare fiftyFive = new ThresholdPaillier.KeyShare(2, BigInteger.valueOf(55));
        DealerTrapdoor trapdoor = new DealerTrapdoor(scheme, BigInteger.valueOf(11), BigInteger.valueOf(13), List.of(hundred, fiftyFive));

        // s = 100, c = 2: exponent 1200 = 100 mod 110 = 108 mod 156.
        // mod 121: 2^10 = 56, 2^20 = 56^2 = 111, 2^40 = 111^2 = 100, 2^80 = 78, 2^100 = 78 * 111 = 67.
        // mod 169: 2^12 = 40, 2^24 = 79, 2^48 = 157, 2^96 = 144, 2^108 = 144 * 40 = 14.
        // Garner: (67 - 14) * 58 = 3074 = 49 mod 121, so 14 + 49 * 169 = 8295.
        assertEquals(BigInteger.valueOf(8295), trapdoor.share(hundred, BigInteger.TWO).value());
        assertEquals(BigInteger.valueOf(8295), scheme.share(hundred, BigInteger.TWO).value());

        // s = 55, c = 2: exponent 660 = 6 * 110 = 0 mod 110 = 36 mod 156: 2^0 = 1 mod 121, 2^36 = 79 * 40 = 118 mod 169;
        // (1 - 118) * 58 = -6786 = 111 mod 121, so 118 + 111 * 169 = 18877.
        assertEquals(BigInteger.valueOf(18877), trapdoor.share(fiftyFive, BigInteger.TWO).value());
        assertEquals(BigInteger.valueOf(18877), scheme.share(fiftyFive, BigInteger.TWO).value());

        // s = 55, c = 22 = 2 * 11 shares the factor 11 with N: the reduced exponent 0 would give 22^0 = 1 modulo 121 and
        // 22^36 = 1 modulo 169, so the CRT would say 1; the true value is 0 modulo 121 (11^2 divides 22^660), and the
        // trapdoor falls back to the party's modPow: 22^660 = 10648 (= 22^3) mod 20449.
        assertEquals(BigInteger.valueOf(10648), trapdoor.share(fiftyFive, BigInteger.valueOf(22)).value());
        assertEquals(BigInteger.valueOf(10648), scheme.share(fiftyFive, BigInteger.valueOf(22)).value());
    }

    @Test
    void refusesFactorsThatAreNotTheModulus() {
        ThresholdPaillier scheme = new ThresholdPaillier(new PaillierPublicKey(BigInteger.valueOf(11 * 13)), 2, 1);
        assertThrows(IllegalArgumentException.class, () -> new DealerTrapdoor(scheme, BigInteger.valueOf(11), BigInteger.valueOf(17), List.of()));
    }
}
