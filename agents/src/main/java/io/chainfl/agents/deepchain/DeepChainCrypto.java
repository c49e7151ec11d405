package io.chainfl.agents.deepchain;

import io.chainfl.learning.crypto.CiphertextCodec;
import io.chainfl.learning.crypto.DealerTrapdoor;
import io.chainfl.learning.crypto.DeterministicRandom;
import io.chainfl.learning.crypto.GradientPacker;
import io.chainfl.learning.crypto.PaillierPublicKey;
import io.chainfl.learning.crypto.ThresholdPaillier;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How updates travel: packed fixed-point values under threshold Paillier, or (encryption off, for the overhead
 * study) plain float32 bytes. Both sides of every step (encode, verify, aggregate, decrypt) live here so the
 * protocol actors do not care which one is in use.
 *
 * @param scheme null when encryption is off
 * @param trapdoor the dealer's factorization, with which the simulator computes the parties' decryption shares and their
 *                 combination faster (the same values, {@link DealerTrapdoor}); null: the parties' way
 */
public record DeepChainCrypto(ThresholdPaillier scheme, GradientPacker packer, int length, DealerTrapdoor trapdoor) {

    public DeepChainCrypto(ThresholdPaillier scheme, GradientPacker packer, int length) {
        this(scheme, packer, length, null);
    }

    public boolean encrypted() {
        return scheme != null;
    }

    /** Values per ciphertext (1 for plain floats). */
    public int valuesPerUnit() {
        return encrypted() ? packer.slotsPerPlaintext() : 1;
    }

    /** Bytes per ciphertext (4 for plain floats). */
    public int unitBytes() {
        return encrypted() ? scheme.publicKey().ciphertextBytes() : Float.BYTES;
    }

    public int payloadBytes() {
        return encrypted() ? packer.plaintextsFor(length) * unitBytes() : length * Float.BYTES;
    }

    public byte[] encode(float[] delta, SplittableRandom random) {
        if (!encrypted()) {
            ByteBuffer buffer = ByteBuffer.allocate(delta.length * Float.BYTES);
            for (float v : delta) {
                buffer.putFloat(v);
            }
            return buffer.array();
        }
        PaillierPublicKey key = scheme.publicKey();
        BigInteger[] plain = packer.pack(delta);
        BigInteger[] cipher = new BigInteger[plain.length];
        DeterministicRandom r = new DeterministicRandom(random);
        for (int i = 0; i < plain.length; i++) {
            cipher[i] = key.encrypt(plain[i], r);
        }
        return CiphertextCodec.encode(cipher, key.ciphertextBytes());
    }

    /** The trading contract's check of a submission (see {@link PaillierPublicKey#isValidCiphertext}). */
    public boolean verify(byte[] payload) {
        if (payload == null || payload.length != payloadBytes()) {
            return false;
        }
        if (!encrypted()) {
            for (float v : floats(payload)) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
            return true;
        }
        for (BigInteger c : CiphertextCodec.decode(payload, unitBytes())) {
            if (!scheme.publicKey().isValidCiphertext(c)) {
                return false;
            }
        }
        return true;
    }

    /** Homomorphic sum of ciphertexts (or plain sum of floats), in the given order. */
    public byte[] aggregate(List<byte[]> payloads) {
        if (!encrypted()) {
            float[] sum = new float[length];
            for (byte[] p : payloads) {
                float[] v = floats(p);
                for (int i = 0; i < length; i++) {
                    sum[i] += v[i];
                }
            }
            ByteBuffer buffer = ByteBuffer.allocate(length * Float.BYTES);
            for (float v : sum) {
                buffer.putFloat(v);
            }
            return buffer.array();
        }
        BigInteger[] sum = null;
        for (byte[] p : payloads) {
            BigInteger[] c = CiphertextCodec.decode(p, unitBytes());
            if (sum == null) {
                sum = c;
            } else {
                for (int i = 0; i < c.length; i++) {
                    sum[i] = scheme.publicKey().add(sum[i], c[i]);
                }
            }
        }
        return CiphertextCodec.encode(sum, unitBytes());
    }

    public BigInteger[] decryptionShares(ThresholdPaillier.KeyShare key, byte[] aggregate) {
        BigInteger[] c = CiphertextCodec.decode(aggregate, unitBytes());
        BigInteger[] out = new BigInteger[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = (trapdoor != null ? trapdoor.share(key, c[i]) : scheme.share(key, c[i])).value();
        }
        return out;
    }

    /** Combines t parties' shares (party index -> shares) and unpacks the sum of {@code summands} updates. */
    public float[] combine(java.util.SortedMap<Integer, BigInteger[]> sharesByIndex, int summands) {
        int units = sharesByIndex.values().iterator().next().length;
        BigInteger[] plain = new BigInteger[units];
        for (int u = 0; u < units; u++) {
            List<ThresholdPaillier.DecryptionShare> shares = new ArrayList<>();
            for (var e : sharesByIndex.entrySet()) {
                shares.add(new ThresholdPaillier.DecryptionShare(e.getKey(), e.getValue()[u]));
            }
            plain[u] = trapdoor != null ? trapdoor.combine(shares) : scheme.combine(shares);
        }
        return packer.unpackSum(plain, summands, length);
    }

    public static float[] floats(byte[] payload) {
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        float[] v = new float[payload.length / Float.BYTES];
        for (int i = 0; i < v.length; i++) {
            v[i] = buffer.getFloat();
        }
        return v;
    }
}
