package io.chainfl.learning.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The faster paths (Montgomery products, the fixed-base table, DJN encryption, the combination without inverses
 * modulo N^2) against BigInteger and against the classic paths they replace, on seeded inputs. 512-bit keys and 10
 * parties, t = 4, so that the Lagrange coefficients have both signs.
 */
class PaillierFastPathTest {
    private static ThresholdPaillier.Dealt dealt;
    private static PaillierPublicKey key;

    @BeforeAll
    static void deal() {
        dealt = ThresholdPaillier.deal(512, 10, 4, new DeterministicRandom(new SplittableRandom(19)));
        key = dealt.scheme().publicKey();
    }

    @Test
    void montgomeryProductsMatchBigInteger() {
        SplittableRandom random = new SplittableRandom(3);
        BigInteger modulus = key.nSquared();
        MontgomeryArithmetic arithmetic = new MontgomeryArithmetic(modulus);
        BigInteger rInverse = BigInteger.ONE.shiftLeft(32 * arithmetic.limbs()).modInverse(modulus);
        List<BigInteger> values = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, modulus.subtract(BigInteger.ONE)));
        for (int i = 0; i < 20; i++) {
            values.add(new BigInteger(modulus.bitLength() + 8, new DeterministicRandom(random.split())).mod(modulus));
        }
        long[] scratch = arithmetic.scratch();
        for (BigInteger a : values) {
            for (BigInteger b : values) {
                int[] out = new int[arithmetic.limbs()];
                arithmetic.multiply(arithmetic.plain(a), arithmetic.plain(b), out, scratch);
                assertEquals(a.multiply(b).multiply(rInverse).mod(modulus), arithmetic.toBigInteger(out));
            }
            assertEquals(a, arithmetic.fromMontgomery(arithmetic.toMontgomery(a), scratch));
        }
        assertThrows(IllegalArgumentException.class, () -> new MontgomeryArithmetic(BigInteger.valueOf(64)));
    }

    @Test
    void fixedBaseTableMatchesModPow() {
        BigInteger modulus = key.nSquared();
        BigInteger base = new BigInteger("123456789123456789123456789");
        FixedBaseExponentiation table = new FixedBaseExponentiation(new MontgomeryArithmetic(modulus), base, 100, 7);
        BigInteger factor = BigInteger.valueOf(987_654_321);
        List<BigInteger> exponents = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.valueOf(128),
                BigInteger.ONE.shiftLeft(99), BigInteger.ONE.shiftLeft(100).subtract(BigInteger.ONE)));
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 20; i++) {
            exponents.add(new BigInteger(100, new DeterministicRandom(random.split())));
        }
        for (BigInteger e : exponents) {
            assertEquals(base.modPow(e, modulus).multiply(factor).mod(modulus), table.powerTimes(e, factor), "exponent " + e);
        }
        assertThrows(IllegalArgumentException.class, () -> table.powerTimes(BigInteger.ONE.shiftLeft(100), factor));
        assertThrows(IllegalArgumentException.class, () -> table.powerTimes(BigInteger.ONE.negate(), factor));
    }

    @Test
    void djnAndClassicEncryptionsDecryptToTheSamePlaintextsAndAddTogether() {
        SplittableRandom seeds = new SplittableRandom(23);
        List<BigInteger> plaintexts = List.of(BigInteger.ZERO, BigInteger.ONE, new BigInteger("31415926535897932384626433"),
                key.n().subtract(BigInteger.ONE));
        BigInteger sum = BigInteger.ZERO;
        BigInteger product = null;
        for (BigInteger m : plaintexts) {
            BigInteger fast = key.encrypt(m, new DeterministicRandom(seeds.split()));
            BigInteger classic = key.encryptClassic(m, new DeterministicRandom(seeds.split()));
            assertTrue(key.isValidCiphertext(fast));
            assertNotEquals(fast, classic);
            assertEquals(m, decrypt(fast, 1, 2, 3, 4));
            assertEquals(m, decrypt(classic, 7, 3, 10, 5));
            // one of each: the homomorphic sum does not care which encryption made which ciphertext
            sum = sum.add(m).add(m);
            BigInteger both = key.add(fast, classic);
            product = product == null ? both : key.add(product, both);
        }
        assertEquals(sum.mod(key.n()), decrypt(product, 2, 4, 6, 8));
    }

    @Test
    void djnEncryptionIsSeededAndRandomized() {
        BigInteger m = BigInteger.valueOf(42);
        assertEquals(key.encrypt(m, new DeterministicRandom(new SplittableRandom(1))),
                new PaillierPublicKey(key.n()).encrypt(m, new DeterministicRandom(new SplittableRandom(1))));
        assertNotEquals(key.encrypt(m, new DeterministicRandom(new SplittableRandom(1))),
                key.encrypt(m, new DeterministicRandom(new SplittableRandom(2))));
        assertEquals(256, key.randomnessBits());
        assertEquals(9, key.window());
        // larger keys get narrower windows so the table stays within 32 MiB
        assertEquals(9, new PaillierPublicKey(BigInteger.ONE.shiftLeft(2047).add(BigInteger.ONE)).window());
        assertEquals(4, new PaillierPublicKey(BigInteger.ONE.shiftLeft(8191).add(BigInteger.ONE)).window());
        assertThrows(IllegalArgumentException.class, () -> key.encrypt(key.n(), new DeterministicRandom(new SplittableRandom(1))));
    }

    @Test
    void combinationAgreesWithTheClassicOneOnEverySubsetShape() {
        BigInteger m = new BigInteger("271828182845904523536028747135");
        BigInteger c = key.encrypt(m, new DeterministicRandom(new SplittableRandom(31)));
        List<ThresholdPaillier.DecryptionShare> all = new ArrayList<>();
        for (ThresholdPaillier.KeyShare share : dealt.shares()) {
            all.add(dealt.scheme().share(share, c));
        }
        int[][] subsets = {{1, 2, 3, 4}, {7, 8, 9, 10}, {1, 5, 9, 10}, {2, 3, 5, 7}, {10, 1, 6, 4}, {3, 4, 5, 6, 7}};
        for (int[] subset : subsets) {
            List<ThresholdPaillier.DecryptionShare> chosen = new ArrayList<>();
            for (int index : subset) {
                chosen.add(all.get(index - 1));
            }
            assertEquals(m, dealt.scheme().combine(chosen));
            assertEquals(m, dealt.scheme().combineClassic(chosen));
        }
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> dealt.scheme().combine(all.subList(0, 3)));
        assertTrue(tooFew.getMessage().contains("needs 4 shares"));
    }

    private static BigInteger decrypt(BigInteger c, int... parties) {
        List<ThresholdPaillier.DecryptionShare> shares = new ArrayList<>();
        for (int p : parties) {
            shares.add(dealt.scheme().share(dealt.shares().get(p - 1), c));
        }
        return dealt.scheme().combine(shares);
    }
}
