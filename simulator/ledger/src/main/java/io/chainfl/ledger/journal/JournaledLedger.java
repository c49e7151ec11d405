package io.chainfl.ledger.journal;

import io.chainfl.engine.checkpoint.CallJournal;
import io.chainfl.ledger.BulletinBoard;
import io.chainfl.ledger.DanKu;
import io.chainfl.ledger.Election;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.GradientExchange;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerStats;
import io.chainfl.ledger.ProofOfLearning;
import io.chainfl.ledger.RewardPool;
import io.chainfl.ledger.TxReceipt;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A ledger that records every state-changing call that succeeded, in the order the ledger executed it. The
 * ledger's state (blocks, transaction ids, contract storage, the consensus model's random draws, balances)
 * is a function of that call sequence, so the journal is the ledger's checkpoint: replaying it into a fresh
 * ledger of the same config and seed rebuilds the same hash-linked chain ({@link LedgerJournal#replay}). On
 * Ethereum the replay re-sends the transactions to freshly deployed contracts. Calls that revert change nothing
 * and are not recorded; view calls pass through.
 * Over 300 lines because it wraps every writing function of the seven contracts, each with its own journal entry.
 */
public final class JournaledLedger implements Ledger, CallJournal {
    static final int POST = 1, OPEN = 2, BALLOT = 3, TALLY = 4, MINT = 5, DEPOSIT = 6, REFUND = 7, TAKE = 8, GRADIENT = 9, SEAL = 10,
            DANKU_CREDIT = 11, DANKU_CREATE = 12, DANKU_TRAINING = 13, DANKU_SUBMIT = 14, DANKU_COMMIT = 15, DANKU_OPEN = 16,
            DANKU_TEST = 17, DANKU_FINALIZE = 18, POOL_CREDIT = 19, POOL_OPEN = 20, POOL_PAY = 21, POOL_CLOSE = 22,
            POL_CREDIT = 60, POL_POST_TASK = 61, POL_SUBMIT = 62, POL_RANK = 63, POL_FINALIZE = 64;

    private final Ledger ledger;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(pending);
    private long calls;

    public JournaledLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    public Ledger inner() {
        return ledger;
    }

    /** Journal bytes recorded since the last call, which clears them. */
    public synchronized byte[] drainPending() {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        return bytes;
    }

    public synchronized long recordedCalls() {
        return calls;
    }

    private synchronized <T> T record(Supplier<T> call, Consumer<DataOutputStream> entry) {
        T result = call.get();
        entry.accept(out);
        calls++;
        return result;
    }

    private static void write(DataOutputStream out, IoWriter writer) {
        try {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface IoWriter {
        void write(DataOutputStream out) throws IOException;
    }

    private static void writeLongs(DataOutputStream out, List<? extends Number> values) throws IOException {
        out.writeInt(values.size());
        for (Number v : values) {
            out.writeLong(v.longValue());
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> values) throws IOException {
        out.writeInt(values.size());
        for (String v : values) {
            out.writeUTF(v);
        }
    }

    private final BulletinBoard board = new BulletinBoard() {
        @Override
        public TxReceipt post(LedgerEntry e) {
            return record(() -> ledger.bulletinBoard().post(e), o -> write(o, d -> {
                d.writeByte(POST);
                d.writeLong(e.round());
                d.writeUTF(e.sender());
                d.writeUTF(e.kind());
                d.write(e.messageHash());
                d.writeLong(e.payloadBytes());
            }));
        }

        @Override
        public Optional<byte[]> hashOf(long round, String sender, String kind) {
            synchronized (JournaledLedger.this) {
                return ledger.bulletinBoard().hashOf(round, sender, kind);
            }
        }
    };

    private final Election election = new Election() {
        @Override
        public TxReceipt open(long round, int winners, List<Long> scoringVector) {
            return record(() -> ledger.election().open(round, winners, scoringVector), o -> write(o, d -> {
                d.writeByte(OPEN);
                d.writeLong(round);
                d.writeInt(winners);
                writeLongs(d, scoringVector);
            }));
        }

        @Override
        public TxReceipt castBallot(long round, int voter, List<Integer> candidates, List<Long> scores) {
            return record(() -> ledger.election().castBallot(round, voter, candidates, scores), o -> write(o, d -> {
                d.writeByte(BALLOT);
                d.writeLong(round);
                d.writeInt(voter);
                writeLongs(d, candidates);
                writeLongs(d, scores);
            }));
        }

        @Override
        public ElectionResult tally(long round) {
            return record(() -> ledger.election().tally(round), o -> write(o, d -> {
                d.writeByte(TALLY);
                d.writeLong(round);
            }));
        }
    };

    private final Escrow escrow = new Escrow() {
        @Override
        public TxReceipt mint(String account, long amount) {
            return record(() -> ledger.escrow().mint(account, amount), o -> write(o, d -> {
                d.writeByte(MINT);
                d.writeUTF(account);
                d.writeLong(amount);
            }));
        }

        @Override
        public DepositReceipt deposit(String account, long amount, long unlockAtMillis) {
            return record(() -> ledger.escrow().deposit(account, amount, unlockAtMillis), o -> write(o, d -> {
                d.writeByte(DEPOSIT);
                d.writeUTF(account);
                d.writeLong(amount);
                d.writeLong(unlockAtMillis);
            }));
        }

        @Override
        public TxReceipt refund(long depositId, long nowMillis) {
            return record(() -> ledger.escrow().refund(depositId, nowMillis), o -> write(o, d -> {
                d.writeByte(REFUND);
                d.writeLong(depositId);
                d.writeLong(nowMillis);
            }));
        }

        @Override
        public TxReceipt take(long depositId, List<String> takers, List<Long> weights) {
            return record(() -> ledger.escrow().take(depositId, takers, weights), o -> write(o, d -> {
                d.writeByte(TAKE);
                d.writeLong(depositId);
                writeStrings(d, takers);
                writeLongs(d, weights);
            }));
        }

        @Override
        public long balanceOf(String account) {
            synchronized (JournaledLedger.this) {
                return ledger.escrow().balanceOf(account);
            }
        }

        @Override
        public long escrowed() {
            synchronized (JournaledLedger.this) {
                return ledger.escrow().escrowed();
            }
        }
    };

    private final GradientExchange gradientExchange = new GradientExchange() {
        @Override
        public TxReceipt post(long round, String sender, byte[] payload) {
            return record(() -> ledger.gradientExchange().post(round, sender, payload), o -> write(o, d -> {
                d.writeByte(GRADIENT);
                d.writeLong(round);
                d.writeUTF(sender);
                d.writeInt(payload.length);
                d.write(payload);
            }));
        }
    };

    private static void writeShorts(DataOutputStream out, short[] values) throws IOException {
        out.writeInt(values.length);
        for (short v : values) {
            out.writeShort(v);
        }
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private final DanKu danku = new DanKu() {
        @Override
        public TxReceipt credit(String account, long amount) {
            return record(() -> ledger.danku().credit(account, amount), o -> write(o, d -> {
                d.writeByte(DANKU_CREDIT);
                d.writeUTF(account);
                d.writeLong(amount);
            }));
        }

        @Override
        public TxReceipt create(long market, String organizer, long reward, List<byte[]> groupHashes, Terms t) {
            return record(() -> ledger.danku().create(market, organizer, reward, groupHashes, t), o -> write(o, d -> {
                d.writeByte(DANKU_CREATE);
                d.writeLong(market);
                d.writeUTF(organizer);
                d.writeLong(reward);
                d.writeInt(groupHashes.size());
                for (byte[] h : groupHashes) {
                    writeBytes(d, h);
                }
                d.writeInt(t.testGroups());
                d.writeInt(t.features());
                d.writeInt(t.classes());
                d.writeLong(t.thresholdPpm());
                d.writeLong(t.submitUntilMillis());
                d.writeLong(t.revealUntilMillis());
                d.writeBoolean(t.commitReveal());
            }));
        }

        @Override
        public TxReceipt revealTraining(long market, int group, byte[] salt, short[] rows) {
            return record(() -> ledger.danku().revealTraining(market, group, salt, rows), o -> write(o, d -> {
                d.writeByte(DANKU_TRAINING);
                d.writeLong(market);
                d.writeInt(group);
                writeBytes(d, salt);
                writeShorts(d, rows);
            }));
        }

        @Override
        public SubmissionReceipt submit(long market, String submitter, int[] weights, long nowMillis) {
            return record(() -> ledger.danku().submit(market, submitter, weights, nowMillis), o -> write(o, d -> {
                d.writeByte(DANKU_SUBMIT);
                d.writeLong(market);
                d.writeUTF(submitter);
                writeInts(d, weights);
                d.writeLong(nowMillis);
            }));
        }

        @Override
        public SubmissionReceipt commit(long market, String submitter, byte[] commitment, long nowMillis) {
            return record(() -> ledger.danku().commit(market, submitter, commitment, nowMillis), o -> write(o, d -> {
                d.writeByte(DANKU_COMMIT);
                d.writeLong(market);
                d.writeUTF(submitter);
                writeBytes(d, commitment);
                d.writeLong(nowMillis);
            }));
        }

        @Override
        public TxReceipt openModel(long market, int index, byte[] salt, int[] weights, long nowMillis) {
            return record(() -> ledger.danku().openModel(market, index, salt, weights, nowMillis), o -> write(o, d -> {
                d.writeByte(DANKU_OPEN);
                d.writeLong(market);
                d.writeInt(index);
                writeBytes(d, salt);
                writeInts(d, weights);
                d.writeLong(nowMillis);
            }));
        }

        @Override
        public TxReceipt revealTest(long market, int group, byte[] salt, short[] rows, long nowMillis) {
            return record(() -> ledger.danku().revealTest(market, group, salt, rows, nowMillis), o -> write(o, d -> {
                d.writeByte(DANKU_TEST);
                d.writeLong(market);
                d.writeInt(group);
                writeBytes(d, salt);
                writeShorts(d, rows);
                d.writeLong(nowMillis);
            }));
        }

        @Override
        public TxReceipt finalizeMarket(long market, long nowMillis) {
            return record(() -> ledger.danku().finalizeMarket(market, nowMillis), o -> write(o, d -> {
                d.writeByte(DANKU_FINALIZE);
                d.writeLong(market);
                d.writeLong(nowMillis);
            }));
        }

        @Override
        public long balanceOf(String account) {
            synchronized (JournaledLedger.this) {
                return ledger.danku().balanceOf(account);
            }
        }

        @Override
        public long held() {
            synchronized (JournaledLedger.this) {
                return ledger.danku().held();
            }
        }

        @Override
        public int testStartOf(long market) {
            synchronized (JournaledLedger.this) {
                return ledger.danku().testStartOf(market);
            }
        }

        @Override
        public int submissionCount(long market) {
            synchronized (JournaledLedger.this) {
                return ledger.danku().submissionCount(market);
            }
        }

        @Override
        public long correctOf(long market, int index) {
            synchronized (JournaledLedger.this) {
                return ledger.danku().correctOf(market, index);
            }
        }

        @Override
        public int[] weightsOf(long market, int index) {
            synchronized (JournaledLedger.this) {
                return ledger.danku().weightsOf(market, index);
            }
        }
    };

    @Override
    public DanKu danku() {
        return danku;
    }

    private final RewardPool rewardPool = new RewardPool() {
        @Override
        public TxReceipt credit(String account, long amount) {
            return record(() -> ledger.rewardPool().credit(account, amount), o -> write(o, d -> {
                d.writeByte(POOL_CREDIT);
                d.writeUTF(account);
                d.writeLong(amount);
            }));
        }

        @Override
        public TxReceipt open(long pool, String owner, long amount, int rounds) {
            return record(() -> ledger.rewardPool().open(pool, owner, amount, rounds), o -> write(o, d -> {
                d.writeByte(POOL_OPEN);
                d.writeLong(pool);
                d.writeUTF(owner);
                d.writeLong(amount);
                d.writeInt(rounds);
            }));
        }

        @Override
        public TxReceipt pay(long pool, int round, List<String> accounts, List<Long> shares) {
            return record(() -> ledger.rewardPool().pay(pool, round, accounts, shares), o -> write(o, d -> {
                d.writeByte(POOL_PAY);
                d.writeLong(pool);
                d.writeInt(round);
                d.writeInt(accounts.size());
                for (String a : accounts) {
                    d.writeUTF(a);
                }
                d.writeInt(shares.size());
                for (long s : shares) {
                    d.writeLong(s);
                }
            }));
        }

        @Override
        public TxReceipt close(long pool) {
            return record(() -> ledger.rewardPool().close(pool), o -> write(o, d -> {
                d.writeByte(POOL_CLOSE);
                d.writeLong(pool);
            }));
        }

        @Override
        public long balanceOf(String account) {
            synchronized (JournaledLedger.this) {
                return ledger.rewardPool().balanceOf(account);
            }
        }

        @Override
        public long held() {
            synchronized (JournaledLedger.this) {
                return ledger.rewardPool().held();
            }
        }

        @Override
        public long remainingOf(long pool) {
            synchronized (JournaledLedger.this) {
                return ledger.rewardPool().remainingOf(pool);
            }
        }
    };

    @Override
    public RewardPool rewardPool() {
        return rewardPool;
    }

    private final ProofOfLearning proofOfLearning = new ProofOfLearning() {
        @Override
        public TxReceipt credit(String account, long amount) {
            return record(() -> ledger.proofOfLearning().credit(account, amount), o -> write(o, d -> {
                d.writeByte(POL_CREDIT);
                d.writeUTF(account);
                d.writeLong(amount);
            }));
        }

        @Override
        public TxReceipt postTask(long task, String supplier, long fee, long validatorFee, long blockReward, List<String> validators) {
            return record(() -> ledger.proofOfLearning().postTask(task, supplier, fee, validatorFee, blockReward, validators), o -> write(o, d -> {
                d.writeByte(POL_POST_TASK);
                d.writeLong(task);
                d.writeUTF(supplier);
                d.writeLong(fee);
                d.writeLong(validatorFee);
                d.writeLong(blockReward);
                d.writeInt(validators.size());
                for (String v : validators) {
                    d.writeUTF(v);
                }
            }));
        }

        @Override
        public TxReceipt submit(long task, String trainer, byte[] modelHash) {
            return record(() -> ledger.proofOfLearning().submit(task, trainer, modelHash), o -> write(o, d -> {
                d.writeByte(POL_SUBMIT);
                d.writeLong(task);
                d.writeUTF(trainer);
                d.writeInt(modelHash.length);
                d.write(modelHash);
            }));
        }

        @Override
        public TxReceipt rank(long task, String validator, List<Integer> order) {
            return record(() -> ledger.proofOfLearning().rank(task, validator, order), o -> write(o, d -> {
                d.writeByte(POL_RANK);
                d.writeLong(task);
                d.writeUTF(validator);
                d.writeInt(order.size());
                for (int index : order) {
                    d.writeInt(index);
                }
            }));
        }

        @Override
        public TxReceipt finalizeTask(long task) {
            return record(() -> ledger.proofOfLearning().finalizeTask(task), o -> write(o, d -> {
                d.writeByte(POL_FINALIZE);
                d.writeLong(task);
            }));
        }

        @Override
        public long balanceOf(String account) {
            synchronized (JournaledLedger.this) {
                return ledger.proofOfLearning().balanceOf(account);
            }
        }

        @Override
        public long held() {
            synchronized (JournaledLedger.this) {
                return ledger.proofOfLearning().held();
            }
        }

        @Override
        public long minted() {
            synchronized (JournaledLedger.this) {
                return ledger.proofOfLearning().minted();
            }
        }

        @Override
        public int winnerOf(long task) {
            synchronized (JournaledLedger.this) {
                return ledger.proofOfLearning().winnerOf(task);
            }
        }

        @Override
        public long pointsOf(long task, int index) {
            synchronized (JournaledLedger.this) {
                return ledger.proofOfLearning().pointsOf(task, index);
            }
        }
    };

    @Override
    public ProofOfLearning proofOfLearning() {
        return proofOfLearning;
    }

    @Override
    public BulletinBoard bulletinBoard() {
        return board;
    }

    @Override
    public Election election() {
        return election;
    }

    @Override
    public Escrow escrow() {
        return escrow;
    }

    @Override
    public GradientExchange gradientExchange() {
        return gradientExchange;
    }

    @Override
    public void seal() {
        record(() -> {
            ledger.seal();
            return null;
        }, o -> write(o, d -> d.writeByte(SEAL)));
    }

    @Override
    public synchronized boolean verifyChain() {
        return ledger.verifyChain();
    }

    @Override
    public synchronized LedgerStats stats() {
        return ledger.stats();
    }

    @Override
    public synchronized List<LedgerEvent> events() {
        return ledger.events();
    }

    @Override
    public void close() {
        ledger.close();
    }
}
