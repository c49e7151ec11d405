package io.chainfl.ledger;

import io.chainfl.ledger.sim.Bytes32;
import io.chainfl.ledger.sim.Keccak256;
import java.nio.ByteBuffer;

/**
 * The DanKu model market (Kurtulmus & Daniel 2018; docs/ledger-contracts.md, DanKu): an organizer escrows a
 * reward and commits salted hashes of data groups; the contract picks the test groups; the organizer reveals the
 * training groups; submitters post linear models in fixed point (open, or committed then opened); the organizer
 * reveals the test groups, which the contract checks and scores every model on; finalize pays the best model at or
 * above the threshold, else refunds the organizer, and an organizer who has not revealed by the deadline forfeits
 * the reward to the submitters. Time is the caller's virtual time ({@code nowMillis}), as in {@link Escrow}.
 * Rows are {@code features} values then a label (int16); a model is, per class, {@code features} weights then a
 * bias (int32); the predicted class is the argmax of the scores, ties to the lower class.
 */
public interface DanKu {
    /**
     * @param testGroups how many consecutive groups (from a start the contract derives from the hashes) are test data
     * @param thresholdPpm the least accuracy paid, in millionths
     * @param commitReveal submissions are hashes first, opened after the window (defeats copying posted models)
     */
    record Terms(int testGroups, int features, int classes, long thresholdPpm, long submitUntilMillis, long revealUntilMillis,
                 boolean commitReveal) {
        public int modelLength() {
            return classes * (features + 1);
        }
    }

    record SubmissionReceipt(int index, TxReceipt receipt) {}

    /** Credits new currency to an account (set-up only). */
    TxReceipt credit(String account, long amount);

    TxReceipt create(long market, String organizer, long reward, java.util.List<byte[]> groupHashes, Terms terms);

    TxReceipt revealTraining(long market, int group, byte[] salt, short[] rows);

    SubmissionReceipt submit(long market, String submitter, int[] weights, long nowMillis);

    SubmissionReceipt commit(long market, String submitter, byte[] commitment, long nowMillis);

    TxReceipt openModel(long market, int index, byte[] salt, int[] weights, long nowMillis);

    TxReceipt revealTest(long market, int group, byte[] salt, short[] rows, long nowMillis);

    TxReceipt finalizeMarket(long market, long nowMillis);

    long balanceOf(String account);

    /** Rewards of markets not yet finalized. */
    long held();

    int testStartOf(long market);

    int submissionCount(long market);

    long correctOf(long market, int index);

    /** A posted model as the chain holds it (empty until opened): public, which is what a copier reads. */
    int[] weightsOf(long market, int index);

    /** Whether {@code group} is a test group of a market with {@code groups} groups starting at {@code testStart}. */
    static boolean isTest(int group, int groups, int testStart, int testGroups) {
        return Math.floorMod(group - testStart, groups) < testGroups;
    }

    /** {@code keccak256(abi.encodePacked(salt, rows))}: every int16 padded to a 32-byte word, sign-extended. */
    static byte[] groupHash(byte[] salt, short[] rows) {
        ByteBuffer b = ByteBuffer.allocate(32 + 32 * rows.length);
        b.put(salt);
        for (short v : rows) {
            putWord(b, v);
        }
        return Keccak256.hash(b.array());
    }

    /** {@code keccak256(abi.encodePacked(salt, keccak256(submitter), weights))}. */
    static byte[] commitment(byte[] salt, String submitter, int[] weights) {
        ByteBuffer b = ByteBuffer.allocate(64 + 32 * weights.length);
        b.put(salt);
        b.put(Bytes32.ofName(submitter).toBytes());
        for (int v : weights) {
            putWord(b, v);
        }
        return Keccak256.hash(b.array());
    }

    private static void putWord(ByteBuffer b, long v) {
        long fill = v < 0 ? -1L : 0L;
        b.putLong(fill).putLong(fill).putLong(fill).putLong(v);
    }
}
