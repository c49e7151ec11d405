package io.chainfl.agents.sealed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ECIES envelopes to the manager: round trip, the same bytes from the same seeds, and refusal of altered or misaddressed ones. */
class SealedEnvelopeTest {
    private static final byte[] MESSAGE = "salt and 500 int32 weights, or any opening".getBytes(StandardCharsets.UTF_8);

    @Test
    void theManagerOpensWhatWasSealedToItAndTheSameSeedsGiveTheSameBytes() {
        SealedEnvelope.KeyPair manager = SealedEnvelope.keyPair(new SplittableRandom(7));
        byte[] envelope = SealedEnvelope.seal(manager.publicKey(), MESSAGE, new SplittableRandom(11));
        assertArrayEquals(MESSAGE, SealedEnvelope.open(manager, envelope));
        assertEquals(33 + 12 + MESSAGE.length + 16, envelope.length, "R, nonce, ciphertext and the 16-byte tag");
        assertFalse(indexOf(envelope, MESSAGE) >= 0, "the plaintext does not appear in the envelope");
        assertArrayEquals(envelope, SealedEnvelope.seal(SealedEnvelope.keyPair(new SplittableRandom(7)).publicKey(), MESSAGE, new SplittableRandom(11)));
        assertFalse(Arrays.equals(envelope, SealedEnvelope.seal(manager.publicKey(), MESSAGE, new SplittableRandom(12))),
                "another sender's seed: another ephemeral key and nonce");
    }

    @Test
    void anAlteredEnvelopeOrAnotherKeyIsRefused() {
        SealedEnvelope.KeyPair manager = SealedEnvelope.keyPair(new SplittableRandom(7));
        SealedEnvelope.KeyPair other = SealedEnvelope.keyPair(new SplittableRandom(8));
        byte[] envelope = SealedEnvelope.seal(manager.publicKey(), MESSAGE, new SplittableRandom(11));
        for (int position : new int[] {0, 40, envelope.length - 1}) {
            byte[] altered = envelope.clone();
            altered[position] ^= 1;
            assertThrows(IllegalArgumentException.class, () -> SealedEnvelope.open(manager, altered), "byte " + position);
        }
        assertThrows(IllegalArgumentException.class, () -> SealedEnvelope.open(other, envelope));
        assertThrows(IllegalArgumentException.class, () -> SealedEnvelope.open(manager, Arrays.copyOf(envelope, 20)));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
