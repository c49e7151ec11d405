package io.chainfl.scenarios.danku;

import io.chainfl.agents.sealed.SealedEnvelope;
import io.chainfl.ledger.DanKu;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * DanKu's sealed submissions, the private part of a Hawk contract (Kosba et al. 2016) played by the organizer as the
 * manager: a submitter puts its commitment on chain and sends the opening (salt and weights) to the manager in a
 * {@link SealedEnvelope}; after the window the manager opens every envelope, keeps those that match their on-chain
 * commitment, scores them on its test groups by the contract's own integer rule and opens only the best on chain. Hawk
 * proves the manager's result correct with a zk-SNARK; here a submitter who doubts it opens its own commitment before
 * the test reveal (a challenge) and the contract, which scores every opened model, decides between them.
 */
final class SealedSubmissions {
    private SealedSubmissions() {}

    /** The manager's pick: the winning submission's index and its opening, or index -1 when no envelope held a valid one. */
    record Verdict(int index, byte[] salt, int[] weights, int rejected) {}

    /** The envelope's plaintext: the 32-byte salt, then every weight as four big-endian bytes. */
    static byte[] plaintext(byte[] salt, int[] weights) {
        ByteBuffer b = ByteBuffer.allocate(32 + 4 * weights.length).put(salt);
        for (int w : weights) {
            b.putInt(w);
        }
        return b.array();
    }

    /**
     * Opens every envelope (index = submission index), drops those that fail to decrypt, have the wrong length or do not
     * match their commitment, and picks the best on {@code testRows}, ties to the lower index as the contract breaks them;
     * a corrupt manager picks the valid opening of {@code favoured} (a submitter name) whatever its score.
     */
    static Verdict judge(SealedEnvelope.KeyPair manager, List<byte[]> envelopes, List<byte[]> commitments, List<String> submitters,
                         short[] testRows, int features, int classes, String favoured) {
        int modelLength = classes * (features + 1);
        int best = -1;
        double bestAccuracy = -1;
        byte[] bestSalt = null;
        int[] bestWeights = null;
        int rejected = 0;
        for (int i = 0; i < envelopes.size(); i++) {
            byte[] plain;
            try {
                plain = SealedEnvelope.open(manager, envelopes.get(i));
            } catch (IllegalArgumentException unreadable) {
                rejected++;
                continue;
            }
            if (plain.length != 32 + 4 * modelLength) {
                rejected++;
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(plain);
            byte[] salt = new byte[32];
            b.get(salt);
            int[] weights = new int[modelLength];
            for (int j = 0; j < modelLength; j++) {
                weights[j] = b.getInt();
            }
            if (!Arrays.equals(DanKu.commitment(salt, submitters.get(i), weights), commitments.get(i))) {
                rejected++;
                continue;
            }
            double accuracy = submitters.get(i).equals(favoured) ? Double.POSITIVE_INFINITY
                    : FixedPoint.accuracy(weights, testRows, features, classes);
            if (accuracy > bestAccuracy) {
                best = i;
                bestAccuracy = accuracy;
                bestSalt = salt;
                bestWeights = weights;
            }
        }
        return new Verdict(best, bestSalt, bestWeights, rejected);
    }
}
