package io.chainfl.learning.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * 512-bit moduli keep these tests fast: no property checked here depends on the key size (the arithmetic is the
 * same at 1024 bits; only the number of slots per ciphertext grows).
 */
class ThresholdPaillierTest {
    private static ThresholdPaillier.Dealt dealt;
    private static final SplittableRandom SEED = new SplittableRandom(7);

    @BeforeAll
    static void deal() {
        dealt = ThresholdPaillier.deal(512, 5, 3, new DeterministicRandom(SEED.split()));
    }

    private static BigInteger decrypt(BigInteger c, int... parties) {
        List<ThresholdPaillier.DecryptionShare> shares = new ArrayList<>();
        for (int p : parties) {
            shares.add(dealt.scheme().share(dealt.shares().get(p - 1), c));
        }
        return dealt.scheme().combine(shares);
    }

    @Test
    void anyTSharesDecryptAndFewerFail() {
        PaillierPublicKey key = dealt.scheme().publicKey();
        BigInteger m = new BigInteger("123456789012345678901234567890");
        BigInteger c = key.encrypt(m, new DeterministicRandom(SEED.split()));
        assertEquals(m, decrypt(c, 1, 2, 3));
        assertEquals(m, decrypt(c, 2, 4, 5));
        assertEquals(m, decrypt(c, 5, 1, 3, 4));
        IllegalArgumentException tooFew = assertThrows(IllegalArgumentException.class, () -> decrypt(c, 1, 4));
        assertTrue(tooFew.getMessage().contains("needs 3 shares"));
        // the same share twice does not count twice
        assertThrows(IllegalArgumentException.class, () -> decrypt(c, 2, 2, 5));
    }

    @Test
    void agreesWithJavallierPlainPaillier() {
        // javallier (n1analytics) is an independent implementation of plain Paillier with g = n + 1
        com.n1analytics.paillier.PaillierPublicKey reference = new com.n1analytics.paillier.PaillierPublicKey(dealt.scheme().publicKey().n());
        BigInteger a = BigInteger.valueOf(987_654_321L);
        BigInteger b = new BigInteger("55555555555555555555");
        BigInteger theirs = reference.raw_encrypt(a);
        assertEquals(a, decrypt(theirs, 1, 3, 5));
        BigInteger ours = dealt.scheme().publicKey().encrypt(b, new DeterministicRandom(SEED.split()));
        assertEquals(a.add(b), decrypt(reference.raw_add(theirs, ours), 2, 3, 4));
    }

    @Test
    void packedFixedPointGradientsRoundTripThroughHomomorphicSum() {
        PaillierPublicKey key = dealt.scheme().publicKey();
        GradientPacker packer = GradientPacker.forModulus(key.modulusBits(), 16, 20, 4);
        SplittableRandom values = new SplittableRandom(11);
        float[][] parties = new float[4][100];
        for (float[] party : parties) {
            for (int i = 0; i < party.length; i++) {
                // exactly representable with 16 fractional bits, negative and positive, up to the clip magnitude
                party[i] = (float) Math.scalb((double) values.nextInt(-(1 << 19) + 1, 1 << 19), -16);
            }
        }
        BigInteger[] aggregate = null;
        for (float[] party : parties) {
            BigInteger[] plain = packer.pack(party);
            BigInteger[] cipher = new BigInteger[plain.length];
            for (int k = 0; k < plain.length; k++) {
                cipher[k] = key.encrypt(plain[k], new DeterministicRandom(SEED.split()));
            }
            byte[] wire = CiphertextCodec.encode(cipher, key.ciphertextBytes());
            cipher = CiphertextCodec.decode(wire, key.ciphertextBytes());
            if (aggregate == null) {
                aggregate = cipher;
            } else {
                for (int k = 0; k < cipher.length; k++) {
                    aggregate[k] = key.add(aggregate[k], cipher[k]);
                }
            }
        }
        BigInteger[] decrypted = new BigInteger[aggregate.length];
        for (int k = 0; k < aggregate.length; k++) {
            decrypted[k] = decrypt(aggregate[k], 1, 2, 3);
        }
        float[] sum = packer.unpackSum(decrypted, parties.length, 100);
        float[] expected = new float[100];
        for (int i = 0; i < 100; i++) {
            double s = 0;
            for (float[] party : parties) {
                s += party[i];
            }
            expected[i] = (float) s;
        }
        assertArrayEquals(expected, sum, 0f);
        assertTrue(packer.slotsPerPlaintext() >= 20, "512-bit modulus holds " + packer.slotsPerPlaintext() + " slots");
    }

    @Test
    void garbageFailsCiphertextValidation() {
        PaillierPublicKey key = dealt.scheme().publicKey();
        assertFalse(key.isValidCiphertext(BigInteger.ZERO));
        assertFalse(key.isValidCiphertext(key.nSquared()));
        assertFalse(key.isValidCiphertext(key.n()));
        assertTrue(key.isValidCiphertext(key.encrypt(BigInteger.TEN, new DeterministicRandom(SEED.split()))));
    }

    @Test
    void sameSeedSameKeysAndCiphertexts() {
        ThresholdPaillier.Dealt again = ThresholdPaillier.deal(512, 5, 3, new DeterministicRandom(new SplittableRandom(99)));
        ThresholdPaillier.Dealt twin = ThresholdPaillier.deal(512, 5, 3, new DeterministicRandom(new SplittableRandom(99)));
        assertEquals(again.scheme().publicKey(), twin.scheme().publicKey());
        assertEquals(again.scheme().publicKey().encrypt(BigInteger.TWO, new DeterministicRandom(new SplittableRandom(1))),
                twin.scheme().publicKey().encrypt(BigInteger.TWO, new DeterministicRandom(new SplittableRandom(1))));
    }
}
