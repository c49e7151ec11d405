package io.chainfl.ledger.journal;

import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEntry;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** The journal file of a {@link JournaledLedger}: appended at every checkpoint ({@code CheckpointStore.append}), replayed on resume. */
public final class LedgerJournal {
    private LedgerJournal() {}

    /**
     * Cuts the journal back to {@code length} (what the checkpoint covers: calls of a round that did not finish
     * are dropped) and replays it into {@code ledger}, which must be fresh and built from the same config and
     * seed. Returns the number of calls replayed.
     */
    public static long replay(Path journal, long length, Ledger ledger) throws IOException {
        if (length == 0) {
            Files.deleteIfExists(journal);
            return 0;
        }
        if (!Files.exists(journal) || Files.size(journal) < length) {
            throw new IOException(journal + " is shorter than its checkpoint says (" + length + " bytes)");
        }
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            channel.truncate(length);
            channel.force(true);
        }
        long calls = 0;
        try (InputStream file = Files.newInputStream(journal); DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16))) {
            while (true) {
                int op;
                try {
                    op = in.readUnsignedByte();
                } catch (EOFException end) {
                    return calls;
                }
                apply(op, in, ledger);
                calls++;
            }
        }
    }

    private static void apply(int op, DataInputStream in, Ledger ledger) throws IOException {
        switch (op) {
            case JournaledLedger.POST -> {
                long round = in.readLong();
                String sender = in.readUTF();
                String kind = in.readUTF();
                byte[] hash = new byte[32];
                in.readFully(hash);
                ledger.bulletinBoard().post(new LedgerEntry(round, sender, kind, hash, in.readLong()));
            }
            case JournaledLedger.OPEN -> {
                long round = in.readLong();
                int winners = in.readInt();
                ledger.election().open(round, winners, readLongs(in));
            }
            case JournaledLedger.BALLOT -> {
                long round = in.readLong();
                int voter = in.readInt();
                List<Integer> candidates = readLongs(in).stream().map(Long::intValue).toList();
                ledger.election().castBallot(round, voter, candidates, readLongs(in));
            }
            case JournaledLedger.TALLY -> ledger.election().tally(in.readLong());
            case JournaledLedger.MINT -> ledger.escrow().mint(in.readUTF(), in.readLong());
            case JournaledLedger.DEPOSIT -> ledger.escrow().deposit(in.readUTF(), in.readLong(), in.readLong());
            case JournaledLedger.REFUND -> ledger.escrow().refund(in.readLong(), in.readLong());
            case JournaledLedger.TAKE -> {
                long depositId = in.readLong();
                int n = in.readInt();
                List<String> takers = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    takers.add(in.readUTF());
                }
                ledger.escrow().take(depositId, takers, readLongs(in));
            }
            case JournaledLedger.GRADIENT -> {
                long round = in.readLong();
                String sender = in.readUTF();
                byte[] payload = new byte[in.readInt()];
                in.readFully(payload);
                ledger.gradientExchange().post(round, sender, payload);
            }
            case JournaledLedger.SEAL -> ledger.seal();
            case JournaledLedger.DANKU_CREDIT -> ledger.danku().credit(in.readUTF(), in.readLong());
            case JournaledLedger.DANKU_CREATE -> {
                long market = in.readLong();
                String organizer = in.readUTF();
                long reward = in.readLong();
                int n = in.readInt();
                List<byte[]> hashes = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    hashes.add(readBytes(in));
                }
                ledger.danku().create(market, organizer, reward, hashes, new io.chainfl.ledger.DanKu.Terms(in.readInt(), in.readInt(),
                        in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean()));
            }
            case JournaledLedger.DANKU_TRAINING -> ledger.danku().revealTraining(in.readLong(), in.readInt(), readBytes(in), readShorts(in));
            case JournaledLedger.DANKU_SUBMIT -> ledger.danku().submit(in.readLong(), in.readUTF(), readInts(in), in.readLong());
            case JournaledLedger.DANKU_COMMIT -> ledger.danku().commit(in.readLong(), in.readUTF(), readBytes(in), in.readLong());
            case JournaledLedger.DANKU_OPEN -> ledger.danku().openModel(in.readLong(), in.readInt(), readBytes(in), readInts(in), in.readLong());
            case JournaledLedger.DANKU_TEST -> ledger.danku().revealTest(in.readLong(), in.readInt(), readBytes(in), readShorts(in), in.readLong());
            case JournaledLedger.DANKU_FINALIZE -> ledger.danku().finalizeMarket(in.readLong(), in.readLong());
            case JournaledLedger.POOL_CREDIT -> ledger.rewardPool().credit(in.readUTF(), in.readLong());
            case JournaledLedger.POOL_OPEN -> ledger.rewardPool().open(in.readLong(), in.readUTF(), in.readLong(), in.readInt());
            case JournaledLedger.POOL_PAY -> {
                long pool = in.readLong();
                int round = in.readInt();
                int n = in.readInt();
                List<String> accounts = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    accounts.add(in.readUTF());
                }
                ledger.rewardPool().pay(pool, round, accounts, readLongs(in));
            }
            case JournaledLedger.POOL_CLOSE -> ledger.rewardPool().close(in.readLong());
            case JournaledLedger.POL_CREDIT -> ledger.proofOfLearning().credit(in.readUTF(), in.readLong());
            case JournaledLedger.POL_POST_TASK -> {
                long task = in.readLong();
                String supplier = in.readUTF();
                long fee = in.readLong();
                long validatorFee = in.readLong();
                long blockReward = in.readLong();
                int n = in.readInt();
                List<String> validators = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    validators.add(in.readUTF());
                }
                ledger.proofOfLearning().postTask(task, supplier, fee, validatorFee, blockReward, validators);
            }
            case JournaledLedger.POL_SUBMIT -> ledger.proofOfLearning().submit(in.readLong(), in.readUTF(), readBytes(in));
            case JournaledLedger.POL_RANK -> {
                long task = in.readLong();
                String validator = in.readUTF();
                int[] order = readInts(in);
                ledger.proofOfLearning().rank(task, validator, java.util.Arrays.stream(order).boxed().toList());
            }
            case JournaledLedger.POL_FINALIZE -> ledger.proofOfLearning().finalizeTask(in.readLong());
            default -> throw new IOException("unknown ledger journal entry " + op);
        }
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }

    private static short[] readShorts(DataInputStream in) throws IOException {
        short[] values = new short[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readShort();
        }
        return values;
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static List<Long> readLongs(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Long> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(in.readLong());
        }
        return values;
    }
}
