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
 * Streamed ({@code scenario.streaming}), members work on a payload in {@link Work#pieces} pieces (a transaction's
 * worth of ciphertexts each) and pass each piece on as soon as it is done, where the protocol allows: a party uploads
 * piece k while it encrypts piece k + 1, the workers fetch and multiply the submissions' pieces as they arrive and
 * upload the aggregate's pieces as they are final (the aggregate is published only after the upload deadline, as
 * before); after the processing contract's vote, the decrypting parties fetch the aggregate, compute and upload
 * shares piece by piece and the accepted parties combine each piece as its t shares arrive. The vote stays a barrier
 * (no share of an aggregate the workers have not agreed on). Each of the two streams lasts as a pipeline of equal
 * pieces: (sum of its stages + (pieces - 1) x its slowest stage) / pieces, a stage being the slowest member's whole
 * work of that kind (milliseconds as computed unstreamed); its crypto part is the same pipeline over the crypto
 * stages alone (the time the cryptography would take if nothing else did).
 * The ledger's block time comes on top, as before (RoundDone.ledgerMillis); the upload deadline is judged on the
 * ledger's clock alone. Without encryption the payload is float32 values: no encryption, plain additions (one FLOP per
 * value and summand), no decryption. Without a ledger nothing is signed or hashed. Each piece (a download, the training,
 * the crypto, an upload) is a whole number of milliseconds rounded up, as elsewhere.
 */
public final class DeepChainDeviceTime {
    /** Devices take no time: rounds last only their ledger time. */
    public static final DeepChainDeviceTime NONE = new DeepChainDeviceTime(null, null, null, null, false, false);

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
     * @param pieces          pieces a payload is streamed in (scenario.gradients_per_tx values each; only used streamed)
     */
    public record Work(long modelBytes, long values, int keyBits, long ciphertexts, long payloadBytes, long shareBytes, long txsPerPayload,
                       int parties, long pieces) {
        /** One piece: nothing to stream. */
        public Work(long modelBytes, long values, int keyBits, long ciphertexts, long payloadBytes, long shareBytes, long txsPerPayload, int parties) {
            this(modelBytes, values, keyBits, ciphertexts, payloadBytes, shareBytes, txsPerPayload, parties, 1);
        }

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
    private final boolean streamed;

    private DeepChainDeviceTime(DeviceProfile[] partyDevices, DeviceProfile[] workerDevices, double[] trainFlops, Work work, boolean signs,
                                boolean streamed) {
        this.partyDevices = partyDevices;
        this.workerDevices = workerDevices;
        this.trainFlops = trainFlops;
        this.work = work;
        this.signs = signs;
        this.streamed = streamed;
    }

    /**
     * @param partyDevices  each party's device, by party id
     * @param workerDevices each worker's device, by worker id
     * @param trainFlops    each party's training FLOPs for one share, by party id
     * @param hasLedger     whether transactions are signed and hashed (false: nothing is posted)
     */
    public static DeepChainDeviceTime of(List<DeviceProfile> partyDevices, List<DeviceProfile> workerDevices, double[] trainFlops, Work work,
                                         boolean hasLedger) {
        return of(partyDevices, workerDevices, trainFlops, work, hasLedger, false);
    }

    /** {@code streamed}: payloads pass from member to member piece by piece (see the class comment). */
    public static DeepChainDeviceTime of(List<DeviceProfile> partyDevices, List<DeviceProfile> workerDevices, double[] trainFlops, Work work,
                                         boolean hasLedger, boolean streamed) {
        if (partyDevices.size() != trainFlops.length) {
            throw new IllegalArgumentException("one training cost per party");
        }
        return new DeepChainDeviceTime(partyDevices.toArray(DeviceProfile[]::new), workerDevices.toArray(DeviceProfile[]::new), trainFlops.clone(),
                work, hasLedger, streamed);
    }

    /** Party {@code p}'s upload phase: download the model, train, encrypt (sign and hash), upload the submission. */
    public long uploadMillis(int p) {
        return upload(p).millis();
    }

    private Spent upload(int p) {
        DeviceProfile d = partyDevices[p];
        long crypto = d.millis(encryptOps().seconds(d));
        return new Spent(d.downloadMillis(work.modelBytes()) + d.computeMillis(trainFlops[p]) + crypto + d.uploadMillis(work.payloadBytes()), crypto);
    }

    /** Worker {@code w}'s aggregation of {@code summands} submissions: download them, add them, sign and upload the aggregate. */
    public long aggregationMillis(int w, int summands) {
        return aggregation(w, summands).millis();
    }

    private Spent aggregation(int w, int summands) {
        DeviceProfile d = workerDevices[w];
        long adds = work.encrypted() ? 0 : d.computeMillis((double) work.values() * summands);
        long crypto = d.millis(aggregateOps(summands).seconds(d));
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
        if (streamed) {
            return streamedRound(submitted, aggregated, summands, decrypted, continuing);
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

    /**
     * The streamed round: the submissions' stream (after the slowest party's model download and training: its
     * encryption, its upload, a worker's download and products of the submissions, the aggregate's upload), then,
     * after the vote, the decryption's (the aggregate's download, the shares, their upload, their download by the
     * combining party, its combination).
     */
    private Spent streamedRound(Collection<Integer> submitted, Collection<Integer> aggregated, int summands, List<Integer> decrypted,
                                Collection<Integer> continuing) {
        long prefix = 0;
        long[] submissions = new long[5];
        long[] submissionsCrypto = new long[5];
        for (int p : submitted) {
            DeviceProfile d = partyDevices[p];
            long crypto = d.millis(encryptOps().seconds(d));
            prefix = Math.max(prefix, d.downloadMillis(work.modelBytes()) + d.computeMillis(trainFlops[p]));
            submissions[0] = Math.max(submissions[0], crypto);
            submissionsCrypto[0] = submissions[0];
            submissions[1] = Math.max(submissions[1], d.uploadMillis(work.payloadBytes()));
        }
        for (int w : aggregated) {
            DeviceProfile d = workerDevices[w];
            long crypto = d.millis(aggregateOps(summands).seconds(d));
            submissions[2] = Math.max(submissions[2], d.downloadMillis(summands * work.payloadBytes()));
            submissions[3] = Math.max(submissions[3], crypto + (work.encrypted() ? 0 : d.computeMillis((double) work.values() * summands)));
            submissionsCrypto[3] = Math.max(submissionsCrypto[3], crypto);
            submissions[4] = Math.max(submissions[4], d.uploadMillis(work.payloadBytes()));
        }
        Spent total = new Spent(prefix + pipeline(submissions), pipeline(submissionsCrypto));
        if (work.encrypted() && !decrypted.isEmpty()) {
            long[] decryption = new long[5];
            long[] decryptionCrypto = new long[5];
            for (int index : decrypted) {
                DeviceProfile d = partyDevices[index - 1];
                decryption[0] = Math.max(decryption[0], d.downloadMillis(work.payloadBytes()));
                decryption[1] = Math.max(decryption[1], d.millis(PaillierCost.decryptionShares(work.ciphertexts(), work.keyBits(), work.parties()).seconds(d)));
                decryption[2] = Math.max(decryption[2], d.uploadMillis(work.shareBytes()));
            }
            decryptionCrypto[1] = decryption[1];
            for (int p : continuing) {
                DeviceProfile d = partyDevices[p];
                decryption[3] = Math.max(decryption[3], d.downloadMillis(decrypted.size() * work.shareBytes()));
                decryption[4] = Math.max(decryption[4], d.millis(PaillierCost.combine(work.ciphertexts(), work.keyBits(), work.parties(), decrypted).seconds(d)));
            }
            decryptionCrypto[4] = decryption[4];
            total = total.plus(new Spent(pipeline(decryption), pipeline(decryptionCrypto)));
        }
        return total;
    }

    /** Stages of {@link Work#pieces} equal pieces each, every stage passing a piece on when done: (sum + (pieces - 1) x slowest) / pieces, rounded up. */
    long pipeline(long[] stages) {
        long sum = 0;
        long slowest = 0;
        for (long stage : stages) {
            sum += stage;
            slowest = Math.max(slowest, stage);
        }
        long pieces = Math.max(1, work.pieces());
        return (sum + (pieces - 1) * slowest + pieces - 1) / pieces;
    }

    private CryptoOps encryptOps() {
        CryptoOps ops = work.encrypted() ? PaillierCost.encrypt(work.ciphertexts(), work.keyBits()) : CryptoOps.NONE;
        return ops.plus(signed(work.txsPerPayload(), work.payloadBytes()));
    }

    private CryptoOps aggregateOps(int summands) {
        return (work.encrypted() ? PaillierCost.aggregate(work.ciphertexts(), summands, work.keyBits()) : CryptoOps.NONE).plus(signed(1, work.payloadBytes()));
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
