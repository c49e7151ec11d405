package io.chainfl.agents.deepchain;

import io.chainfl.agents.deepchain.DeepChainMessages.Submission;
import io.chainfl.agents.ledger.CallResult;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages.Called;
import io.chainfl.ledger.sim.Keccak256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The trading contract's side of one round: each party's submission goes on chain as transactions of at most
 * {@code gradientsPerTx} values (whole ciphertexts), in party-id order, then a seal ({@link #plan}: the calls the
 * coordinator sends to the ledger service); from their receipts ({@link #settle}), a party that sent nothing, whose
 * last transaction lands after the upload deadline (virtual time), or whose ciphertexts fail verification is out.
 * With payloads off chain a submission is one transaction of its Keccak-256 hash (the content address under which the
 * workers fetch the ciphertexts); the verification is then the workers' on what they fetch, with the same verdicts.
 */
final class UploadPhase {
    record Outcome(TreeMap<Integer, byte[]> accepted, TreeMap<Integer, String> failures, long transactions, long virtualMillis) {}

    /** The submissions in party-id order, and how many bytes each of their transactions carries (0 without a ledger: none posted). */
    private final List<Submission> submissions;
    private final int bytesPerTx;
    /** {@link #bytesPerTx} when each submission is one transaction of its hash. */
    private static final int OFF_CHAIN = -1;
    private final List<ContractCall> calls;

    private UploadPhase(List<Submission> submissions, int bytesPerTx, List<ContractCall> calls) {
        this.submissions = submissions;
        this.bytesPerTx = bytesPerTx;
        this.calls = calls;
    }

    static UploadPhase plan(int round, Map<Integer, Submission> submissions, DeepChainCrypto crypto, boolean hasLedger, int gradientsPerTx) {
        return plan(round, submissions, crypto, hasLedger, gradientsPerTx, true);
    }

    /** {@code onChain} false: each submission's hash in one transaction instead of its bytes in gradientsPerTx batches. */
    static UploadPhase plan(int round, Map<Integer, Submission> submissions, DeepChainCrypto crypto, boolean hasLedger, int gradientsPerTx,
                            boolean onChain) {
        List<Submission> inOrder = List.copyOf(new TreeMap<>(submissions).values());
        List<ContractCall> calls = new ArrayList<>();
        if (!hasLedger) {
            return new UploadPhase(inOrder, 0, calls);
        }
        if (!onChain) {
            for (Submission s : inOrder) {
                if (s.payload() != null) {
                    calls.add(new ContractCall.PostGradient(round, DeepChainContracts.party(s.party()) + "/content", Keccak256.hash(s.payload())));
                }
            }
            calls.add(new ContractCall.SealBlocks());
            return new UploadPhase(inOrder, OFF_CHAIN, calls);
        }
        int unitsPerTx = Math.max(1, (gradientsPerTx + crypto.valuesPerUnit() - 1) / crypto.valuesPerUnit());
        int bytesPerTx = unitsPerTx * crypto.unitBytes();
        for (Submission s : inOrder) {
            if (s.payload() == null) {
                continue;
            }
            for (int from = 0, batch = 0; from < s.payload().length; from += bytesPerTx, batch++) {
                byte[] chunk = Arrays.copyOfRange(s.payload(), from, Math.min(s.payload().length, from + bytesPerTx));
                calls.add(new ContractCall.PostGradient(round, DeepChainContracts.party(s.party()) + "/batch-" + batch, chunk));
            }
        }
        calls.add(new ContractCall.SealBlocks());
        return new UploadPhase(inOrder, bytesPerTx, calls);
    }

    /** The gradient posts in party-id order and the seal (none without a ledger). */
    List<ContractCall> calls() {
        return List.copyOf(calls);
    }

    /**
     * Judges the submissions from the ledger service's answer to {@link #calls} (sent with nothing waiting before them,
     * so its counters before are the ledger's when the upload began): the deadline counts from then.
     */
    Outcome settle(Called posted, DeepChainCrypto crypto, long uploadTimeoutMs) {
        TreeMap<Integer, byte[]> accepted = new TreeMap<>();
        TreeMap<Integer, String> failures = new TreeMap<>();
        long start = posted.before().virtualTimeMillis();
        long deadline = start + uploadTimeoutMs;
        Iterator<CallResult> receipts = posted.results().iterator();
        long transactions = 0;
        for (Submission s : submissions) {
            if (s.payload() == null) {
                failures.put(s.party(), "missed the upload deadline (no transaction)");
                continue;
            }
            long includedAt = start;
            if (bytesPerTx == OFF_CHAIN) {
                includedAt = Math.max(includedAt, ((CallResult.Receipt) receipts.next()).receipt().includedAtMillis());
                transactions++;
            }
            for (int from = 0; bytesPerTx > 0 && from < s.payload().length; from += bytesPerTx) {
                includedAt = Math.max(includedAt, ((CallResult.Receipt) receipts.next()).receipt().includedAtMillis());
                transactions++;
            }
            if (includedAt > deadline) {
                failures.put(s.party(), "upload included at " + includedAt + " ms, after the deadline " + deadline + " ms");
            } else if (!crypto.verify(s.payload())) {
                failures.put(s.party(), "submission failed ciphertext verification");
            } else {
                accepted.put(s.party(), s.payload());
            }
        }
        return new Outcome(accepted, failures, transactions, posted.after().virtualTimeMillis() - start);
    }
}
