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

    /** A member's phase: its whole time and the part of it that is cryptography (encryption, products, shares, signatures, hashing). */
    public record Spent(long millis, long cryptoMillis) {
        Spent plus(Spent other) {
            return new Spent(millis + other.millis, cryptoMillis + other.cryptoMillis);
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
        return upload(p).millis();
    }

    private Spent upload(int p) {
        DeviceProfile d = partyDevices[p];
        CryptoOps ops = work.encrypted() ? PaillierCost.encrypt(work.ciphertexts(), work.keyBits()) : CryptoOps.NONE;
        long crypto = d.millis(ops.plus(signed(work.txsPerPayload(), work.payloadBytes())).seconds(d));
        return new Spent(d.downloadMillis(work.modelBytes()) + d.computeMillis(trainFlops[p]) + crypto + d.uploadMillis(work.payloadBytes()), crypto);
    }

    /** Worker {@code w}'s aggregation of {@code summands} submissions: download them, add them, sign and upload the aggregate. */
    public long aggregationMillis(int w, int summands) {
        return aggregation(w, summands).millis();
    }

    private Spent aggregation(int w, int summands) {
        DeviceProfile d = workerDevices[w];
        CryptoOps ops = (work.encrypted() ? PaillierCost.aggregate(work.ciphertexts(), summands, work.keyBits()) : CryptoOps.NONE)
                .plus(signed(1, work.payloadBytes()));
        long adds = work.encrypted() ? 0 : d.computeMillis((double) work.values() * summands);
        long crypto = d.millis(ops.seconds(d));
        return new Spent(d.downloadMillis(summands * work.payloadBytes()) + adds + crypto + d.uploadMillis(work.payloadBytes()), crypto);
    }

    /** Party {@code p}'s decryption shares: download the aggregate, one exponentiation per ciphertext, upload the shares. */
    public long sharesMillis(int p) {
        return shares(p).millis();
    }

    private Spent shares(int p) {
        DeviceProfile d = partyDevices[p];
        long crypto = d.millis(PaillierCost.decryptionShares(work.ciphertexts(), work.keyBits(), work.parties()).seconds(d));
        return new Spent(d.downloadMillis(work.payloadBytes()) + crypto + d.uploadMillis(work.shareBytes()), crypto);
    }

    /** Party {@code p}'s combination of the shares of the parties with key indices {@code indices}: download them, combine. */
    public long combineMillis(int p, List<Integer> indices) {
        return combine(p, indices).millis();
    }

    private Spent combine(int p, List<Integer> indices) {
        DeviceProfile d = partyDevices[p];
        long crypto = d.millis(PaillierCost.combine(work.ciphertexts(), work.keyBits(), work.parties(), indices).seconds(d));
        return new Spent(d.downloadMillis(indices.size() * work.shareBytes()) + crypto, crypto);
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
        return round(submitted, aggregated, summands, decrypted, continuing).millis();
    }

    /** {@link #roundMillis} with the crypto part of the members that set the pace (the slowest of each phase; ties: the lowest id). */
    public Spent round(Collection<Integer> submitted, Collection<Integer> aggregated, int summands, List<Integer> decrypted,
                       Collection<Integer> continuing) {
        Spent total = new Spent(0, 0);
        if (work == null) {
            return total;
        }
        total = total.plus(slowest(submitted.stream().map(this::upload).toList()));
        total = total.plus(slowest(aggregated.stream().map(w -> aggregation(w, summands)).toList()));
        if (work.encrypted() && !decrypted.isEmpty()) {
            total = total.plus(slowest(decrypted.stream().map(index -> shares(index - 1)).toList()));
            total = total.plus(slowest(continuing.stream().map(p -> combine(p, decrypted)).toList()));
        }
        return total;
    }

    /** Whether devices are modelled at all (false: {@link #NONE}). */
    public boolean modelled() {
        return work != null;
    }

    private static Spent slowest(List<Spent> phases) {
        Spent slowest = new Spent(0, 0);
        for (Spent s : phases) {
            if (s.millis() > slowest.millis()) {
                slowest = s;
            }
        }
        return slowest;
    }

    private CryptoOps signed(long transactions, long bytes) {
        return signs ? CryptoOps.signedAndHashed(transactions, bytes) : CryptoOps.NONE;
    }
}
