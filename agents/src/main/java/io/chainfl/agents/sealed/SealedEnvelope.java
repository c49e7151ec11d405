package io.chainfl.agents.sealed;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.KDF2BytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The off-chain half of a Hawk-style private input (Kosba et al. 2016): a message encrypted to the manager's public key
 * so that only the manager learns it, while the chain holds only a commitment. ECIES on secp256k1 with Bouncy Castle's
 * primitives: an ephemeral key R = kG, the shared point S = kQ, an AES-256 key from KDF2-SHA-256(S.x, R), and AES-GCM
 * (128-bit tag, R as associated data), so a changed byte anywhere makes {@link #open} fail. Keys and nonces come from the
 * caller's seeded streams, so a run's envelopes are the same bytes every time; nothing here draws its own randomness.
 * Envelope layout: R (33 bytes, compressed) | nonce (12) | ciphertext and tag.
 */
public final class SealedEnvelope {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final int POINT_BYTES = 33;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private SealedEnvelope() {}

    /** A manager's key pair: the secret scalar and the compressed public point. */
    public record KeyPair(BigInteger secret, byte[] publicKey) {
        public KeyPair {
            publicKey = publicKey.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }
    }

    /** A key pair from a seeded stream: 256 bits drawn until they fall in [1, n). */
    public static KeyPair keyPair(SplittableRandom seed) {
        BigInteger d = scalar(seed);
        return new KeyPair(d, CURVE.getG().multiply(d).normalize().getEncoded(true));
    }

    private static BigInteger scalar(SplittableRandom seed) {
        BigInteger n = CURVE.getN();
        while (true) {
            byte[] bits = new byte[32];
            seed.nextBytes(bits);
            BigInteger d = new BigInteger(1, bits);
            if (d.signum() > 0 && d.compareTo(n) < 0) {
                return d;
            }
        }
    }

    /** Encrypts {@code plaintext} to {@code recipientPublicKey}; {@code seed} supplies the ephemeral key and the nonce. */
    public static byte[] seal(byte[] recipientPublicKey, byte[] plaintext, SplittableRandom seed) {
        ECPoint q = CURVE.getCurve().decodePoint(recipientPublicKey);
        BigInteger k = scalar(seed);
        byte[] r = CURVE.getG().multiply(k).normalize().getEncoded(true);
        byte[] key = kdf(q.multiply(k).normalize(), r);
        byte[] nonce = new byte[NONCE_BYTES];
        seed.nextBytes(nonce);
        byte[] body = gcm(true, key, nonce, r, plaintext);
        return ByteBuffer.allocate(POINT_BYTES + NONCE_BYTES + body.length).put(r).put(nonce).put(body).array();
    }

    /** Decrypts an envelope with the manager's key; throws {@link IllegalArgumentException} if it was altered or not for this key. */
    public static byte[] open(KeyPair manager, byte[] envelope) {
        if (envelope.length < POINT_BYTES + NONCE_BYTES + TAG_BITS / 8) {
            throw new IllegalArgumentException("envelope of " + envelope.length + " bytes is too short");
        }
        byte[] r = Arrays.copyOfRange(envelope, 0, POINT_BYTES);
        byte[] nonce = Arrays.copyOfRange(envelope, POINT_BYTES, POINT_BYTES + NONCE_BYTES);
        byte[] body = Arrays.copyOfRange(envelope, POINT_BYTES + NONCE_BYTES, envelope.length);
        ECPoint ephemeral;
        try {
            ephemeral = CURVE.getCurve().decodePoint(r);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("envelope does not start with a curve point", e);
        }
        byte[] key = kdf(ephemeral.multiply(manager.secret()).normalize(), r);
        return gcm(false, key, nonce, r, body);
    }

    private static byte[] kdf(ECPoint shared, byte[] ephemeral) {
        KDF2BytesGenerator kdf = new KDF2BytesGenerator(new SHA256Digest());
        kdf.init(new KDFParameters(shared.getAffineXCoord().getEncoded(), ephemeral));
        byte[] key = new byte[32];
        kdf.generateBytes(key, 0, key.length);
        return key;
    }

    private static byte[] gcm(boolean encrypt, byte[] key, byte[] nonce, byte[] associated, byte[] input) {
        GCMBlockCipher cipher = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
        cipher.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce, associated));
        byte[] out = new byte[cipher.getOutputSize(input.length)];
        int n = cipher.processBytes(input, 0, input.length, out, 0);
        try {
            n += cipher.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalArgumentException("envelope fails its authentication tag: altered, or sealed to another key", e);
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
