package io.chainfl.agents.deepchain;

import io.chainfl.agents.deepchain.DeepChainMessages.Submission;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.TxReceipt;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trading contract's side of one round: each party's submission goes on chain as transactions of at most
 * {@code gradientsPerTx} values (whole ciphertexts), in party-id order; a party that sent nothing, whose last
 * transaction lands after the upload deadline (virtual time), or whose ciphertexts fail verification is out.
 */
final class UploadPhase {
    private UploadPhase() {}

    record Outcome(TreeMap<Integer, byte[]> accepted, TreeMap<Integer, String> failures, long transactions, long virtualMillis) {}

    static Outcome run(int round, Map<Integer, Submission> submissions, DeepChainCrypto crypto, Ledger ledger, boolean hasLedger,
                       int gradientsPerTx, long uploadTimeoutMs) {
        TreeMap<Integer, byte[]> accepted = new TreeMap<>();
        TreeMap<Integer, String> failures = new TreeMap<>();
        long start = ledger.stats().virtualTimeMillis();
        long deadline = start + uploadTimeoutMs;
        int unitsPerTx = Math.max(1, (gradientsPerTx + crypto.valuesPerUnit() - 1) / crypto.valuesPerUnit());
        int bytesPerTx = unitsPerTx * crypto.unitBytes();
        long transactions = 0;
        for (Submission s : new TreeMap<>(submissions).values()) {
            if (s.payload() == null) {
                failures.put(s.party(), "missed the upload deadline (no transaction)");
                continue;
            }
            long includedAt = start;
            if (hasLedger) {
                for (int from = 0, batch = 0; from < s.payload().length; from += bytesPerTx, batch++) {
                    byte[] chunk = Arrays.copyOfRange(s.payload(), from, Math.min(s.payload().length, from + bytesPerTx));
                    TxReceipt receipt = ledger.gradientExchange().post(round, DeepChainContracts.party(s.party()) + "/batch-" + batch, chunk);
                    includedAt = Math.max(includedAt, receipt.includedAtMillis());
                    transactions++;
                }
            }
            if (includedAt > deadline) {
                failures.put(s.party(), "upload included at " + includedAt + " ms, after the deadline " + deadline + " ms");
            } else if (!crypto.verify(s.payload())) {
                failures.put(s.party(), "submission failed ciphertext verification");
            } else {
                accepted.put(s.party(), s.payload());
            }
        }
        if (hasLedger) {
            ledger.seal();
        }
        return new Outcome(accepted, failures, transactions, ledger.stats().virtualTimeMillis() - start);
    }
}
