package io.chainfl.agents.deepchain;

import io.chainfl.engine.device.DeviceProfile;
import io.chainfl.learning.cost.CryptoOps;
import io.chainfl.learning.cost.PaillierCost;
import java.util.Collection;
import java.util.List;

/**
 * How long a DeepChain round takes on the parties' and workers' devices (docs/virtual-time.md), each on its own device,
 * from the operations the protocol makes them do (learning/cost: {@link PaillierCost}, {@link CryptoOps}). A round has
 * four barriers, so its device part is the sum of four slowest members:
 * <ol>
 *   <li>upload: every submitting party downloads the global model, trains {@code share_every} mini-batches, encrypts its
 *       change (one ciphertext per packed plaintext), signs and hashes its gradient transactions and uploads the
 *       ciphertexts; the trading contract waits for every submission;</li>
 *   <li>aggregation: every worker that answers downloads the accepted submissions, multiplies them, signs and hashes its
 *       aggregate's transaction and uploads it; the processing contract waits for every worker;</li>
 *   <li>decryption: each of the t parties asked downloads the aggregate, computes its decryption shares and uploads them;</li>
 *   <li>combination: every accepted party downloads the t share vectors and combines them into the sum it continues from.</li>
 * </ol>
 * The ledger's block time comes on top, as before (RoundDone.ledgerMillis); the upload deadline is judged on the
 * ledger's clock alone. Without encryption the payload is float32 values: no encryption, plain additions (one FLOP per
 * value and summand), no decryption. Without a ledger nothing is signed or hashed. Each piece (a download, the training,
 * the crypto, an upload) is a whole number of milliseconds rounded up, as elsewhere.
 */
public final class DeepChainDeviceTime {
    /** Devices take no time: rounds last only their ledger time. */
    public static final DeepChainDeviceTime NONE = new DeepChainDeviceTime(null, null, null, null, false);

    /**
     * What every round's work is made of.
     *
     * @param modelBytes      the global model a party downloads (4 bytes per parameter)
     * @param values          values in one party's change
     * @param keyBits         Paillier key bits (0 without encryption)
     * @param ciphertexts     ciphertexts per submission (0 without encryption)
     * @param payloadBytes    bytes of one submission or aggregate
     * @param shareBytes      bytes of one party's decryption shares (one element of Z_{n^2} per ciphertext)
     * @param txsPerPayload   gradient transactions one submission takes on the chain (0 without a ledger)
     * @param parties         parties the key was dealt among (Delta = parties!)
     */
    public record Work(long modelBytes, long values, int keyBits, long ciphertexts, long payloadBytes, long shareBytes, long txsPerPayload,
                       int parties) {
        boolean encrypted() {
            return keyBits > 0;
        }
    }

    private final DeviceProfile[] partyDevices;
    private final DeviceProfile[] workerDevices;
    private final double[] trainFlops;
    private final Work work;
    private final boolean signs;

    private DeepChainDeviceTime(DeviceProfile[] partyDevices, DeviceProfile[] workerDevices, double[] trainFlops, Work work, boolean signs) {
        this.partyDevices = partyDevices;
        this.workerDevices = workerDevices;
        this.trainFlops = trainFlops;
        this.work = work;
        this.signs = signs;
    }

    /**
     * @param partyDevices  each party's device, by party id
     * @param workerDevices each worker's device, by worker id
     * @param trainFlops    each party's training FLOPs for one share, by party id
     * @param hasLedger     whether transactions are signed and hashed (false: nothing is posted)
     */
    public static DeepChainDeviceTime of(List<DeviceProfile> partyDevices, List<DeviceProfile> workerDevices, double[] trainFlops, Work work,
                                         boolean hasLedger) {
        if (partyDevices.size() != trainFlops.length) {
            throw new IllegalArgumentException("one training cost per party");
        }
        return new DeepChainDeviceTime(partyDevices.toArray(DeviceProfile[]::new), workerDevices.toArray(DeviceProfile[]::new), trainFlops.clone(),
                work, hasLedger);
    }

    /** Party {@code p}'s upload phase: download the model, train, encrypt (sign and hash), upload the submission. */
    public long uploadMillis(int p) {
        DeviceProfile d = partyDevices[p];
        CryptoOps ops = work.encrypted() ? PaillierCost.encrypt(work.ciphertexts(), work.keyBits()) : CryptoOps.NONE;
        ops = ops.plus(signed(work.txsPerPayload(), work.payloadBytes()));
        return d.downloadMillis(work.modelBytes()) + d.computeMillis(trainFlops[p]) + d.millis(ops.seconds(d)) + d.uploadMillis(work.payloadBytes());
    }

    /** Worker {@code w}'s aggregation of {@code summands} submissions: download them, add them, sign and upload the aggregate. */
    public long aggregationMillis(int w, int summands) {
        DeviceProfile d = workerDevices[w];
        CryptoOps ops = (work.encrypted() ? PaillierCost.aggregate(work.ciphertexts(), summands, work.keyBits()) : CryptoOps.NONE)
                .plus(signed(1, work.payloadBytes()));
        long adds = work.encrypted() ? 0 : d.computeMillis((double) work.values() * summands);
        return d.downloadMillis(summands * work.payloadBytes()) + adds + d.millis(ops.seconds(d)) + d.uploadMillis(work.payloadBytes());
    }

    /** Party {@code p}'s decryption shares: download the aggregate, one exponentiation per ciphertext, upload the shares. */
    public long sharesMillis(int p) {
        DeviceProfile d = partyDevices[p];
        CryptoOps ops = PaillierCost.decryptionShares(work.ciphertexts(), work.keyBits(), work.parties());
        return d.downloadMillis(work.payloadBytes()) + d.millis(ops.seconds(d)) + d.uploadMillis(work.shareBytes());
    }

    /** Party {@code p}'s combination of the shares of the parties with key indices {@code indices}: download them, combine. */
    public long combineMillis(int p, List<Integer> indices) {
        DeviceProfile d = partyDevices[p];
        CryptoOps ops = PaillierCost.combine(work.ciphertexts(), work.keyBits(), work.parties(), indices);
        return d.downloadMillis(indices.size() * work.shareBytes()) + d.millis(ops.seconds(d));
    }

    /**
     * The round's device time: the slowest submitting party's upload phase, the slowest answering worker's aggregation,
     * the slowest decrypting party's shares and the slowest accepted party's combination (the last two only when the
     * round decrypted).
     *
     * @param submitted  parties that submitted a payload
     * @param aggregated workers that answered with an aggregate
     * @param summands   submissions the workers added (the accepted ones)
     * @param decrypted  the key indices (party id + 1) whose shares were combined; empty when the round did not decrypt
     * @param continuing the accepted parties, which combine
     */
    public long roundMillis(Collection<Integer> submitted, Collection<Integer> aggregated, int summands, List<Integer> decrypted,
                            Collection<Integer> continuing) {
        if (work == null) {
            return 0;
        }
        long millis = submitted.stream().mapToLong(this::uploadMillis).max().orElse(0);
        millis += aggregated.stream().mapToLong(w -> aggregationMillis(w, summands)).max().orElse(0);
        if (work.encrypted() && !decrypted.isEmpty()) {
            millis += decrypted.stream().mapToLong(index -> sharesMillis(index - 1)).max().orElse(0);
            millis += continuing.stream().mapToLong(p -> combineMillis(p, decrypted)).max().orElse(0);
        }
        return millis;
    }

    private CryptoOps signed(long transactions, long bytes) {
        return signs ? CryptoOps.signedAndHashed(transactions, bytes) : CryptoOps.NONE;
    }
}
