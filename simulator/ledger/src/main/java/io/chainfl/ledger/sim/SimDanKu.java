package io.chainfl.ledger.sim;

import io.chainfl.ledger.DanKu;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.TxReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Java mirror of {@code DanKu.sol}: the same checks in the same order (so the same revert reason wins), the same
 * integer evaluation (scores in long: int16 rows times int32 weights over fewer than 65,536 features cannot
 * overflow), and gas from the storage slots the Solidity layout touches plus the loop costs measured on Hardhat.
 * Over 300 lines because each of the eight transactions carries its own call record, checks and gas account.
 */
final class SimDanKu implements DanKu {
    static final String CONTRACT = "DanKu";
    private static final int WEIGHTS_PER_SLOT = 8;
    private static final long LABEL_CHECK_PER_ROW = 150;

    private final SimulatedChain chain;
    private final Names names;
    private final Map<Bytes32, Long> balances = new HashMap<>();
    private final Map<Long, Market> markets = new HashMap<>();
    private long held;

    SimDanKu(SimulatedChain chain, Names names) {
        this.chain = chain;
        this.names = names;
    }

    private static final class Market {
        Bytes32 organizer;
        long reward;
        int groups;
        int testStart;
        Terms terms;
        List<Bytes32> hashes;
        boolean[] revealed;
        int trainingLeft;
        int testLeft;
        long testSamples;
        boolean finalized;
        final List<Submission> submissions = new ArrayList<>();
    }

    private static final class Submission {
        Bytes32 submitter;
        Bytes32 commitment;
        boolean opened;
        long correct;
        int[] weights = new int[0];
    }

    /** One transaction: its function, how it is encoded, and the events it emitted (computed when it ran). */
    private record Call(GasSchedule.Function function, Encoding encoding, List<List<String>> eventArgs, List<String> eventNames)
            implements ChainCall {
        public void encode(long nonce, AbiEncoder abi) {
            encoding.encode(nonce, function.selector(), abi);
        }

        public void emit(long blockNumber, List<LedgerEvent> out) {
            for (int i = 0; i < eventNames.size(); i++) {
                out.add(new LedgerEvent(CONTRACT, eventNames.get(i), eventArgs.get(i), blockNumber));
            }
        }
    }

    @FunctionalInterface
    private interface Encoding {
        void encode(long nonce, int selector, AbiEncoder abi);
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private static long[] longs(short[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    private static long[] longs(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }

    private static LedgerRevertException revert(String reason) {
        return new LedgerRevertException(CONTRACT, reason);
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw revert(reason);
        }
    }

    private TxReceipt include(Call call, java.util.function.ToLongFunction<GasMeter> execution) {
        GasMeter meter = chain.encode(call);
        long gas = execution.applyAsLong(meter);
        return chain.include(call, gas);
    }

    private static Call call(GasSchedule.Function f, Encoding e, String event, String... args) {
        return new Call(f, e, List.of(List.of(args)), List.of(event));
    }

    @Override
    public TxReceipt credit(String account, long amount) {
        synchronized (chain) {
            Bytes32 id = names.id(account);
            long balance = balance(id);
            Call c = call(GasSchedule.Function.DANKU_CREDIT, (n, s, abi) -> {
                abi.begin(n, s, 2);
                abi.bytes32(id);
                abi.uint(amount);
            }, "Credited", id.toString(), u(amount));
            TxReceipt r = include(c, m -> m.update(balance == 0, amount != 0).log(1, 64).used());
            balances.put(id, Math.addExact(balance, amount));
            return r;
        }
    }

    @Override
    public TxReceipt create(long id, String organizer, long reward, List<byte[]> groupHashes, Terms t) {
        synchronized (chain) {
            require(!markets.containsKey(id), "market exists");
            int n = groupHashes.size();
            require(t.testGroups() != 0 && t.testGroups() < n && t.features() != 0 && t.features() < 65536 && t.classes() >= 2
                    && t.classes() < 65536 && t.thresholdPpm() <= 1_000_000 && t.submitUntilMillis() <= t.revealUntilMillis() && n < 65536, "bad terms");
            Bytes32 org = names.id(organizer);
            long balance = balance(org);
            require(balance >= reward, "insufficient balance");
            List<Bytes32> hashes = groupHashes.stream().map(Bytes32::of).toList();
            byte[] packed = new byte[32 * n];
            for (int i = 0; i < n; i++) {
                hashes.get(i).writeTo(packed, 32 * i);
            }
            int testStart = new BigInteger(1, Keccak256.hash(packed)).mod(BigInteger.valueOf(n)).intValueExact();
            List<Long> terms = List.of((long) t.testGroups(), (long) t.features(), (long) t.classes(), t.thresholdPpm(),
                    t.submitUntilMillis(), t.revealUntilMillis(), t.commitReveal() ? 1L : 0L);
            Call c = call(GasSchedule.Function.DANKU_CREATE, (nonce, s, abi) -> {
                abi.begin(nonce, s, 5);
                abi.uint(id);
                abi.bytes32(org);
                abi.uint(reward);
                abi.bytes32Array(hashes);
                abi.uintArray(terms);
            }, "Created", u(id), org.toString(), u(reward), u(testStart));
            long heldBefore = held;
            TxReceipt r = include(c, m -> {
                m.coldLoad().update(balance == 0, reward != balance).update(heldBefore == 0, reward != 0).keccak(32L * n)
                        .store(true, true).coldSet().coldSet();
                if (t.commitReveal()) {
                    m.coldSet();
                } else {
                    m.coldLoad().store(true, false);
                }
                m.update(true, true); // the group list's length
                for (int i = 0; i < n; i++) {
                    m.coldSet().add(GasSchedule.DANKU_PER_ELEMENT);
                }
                return m.log(1, 4 * 32).used();
            });
            balances.put(org, balance - reward);
            held += reward;
            Market market = new Market();
            market.organizer = org;
            market.reward = reward;
            market.groups = n;
            market.testStart = testStart;
            market.terms = t;
            market.hashes = hashes;
            market.revealed = new boolean[n];
            market.trainingLeft = n - t.testGroups();
            market.testLeft = t.testGroups();
            markets.put(id, market);
            return r;
        }
    }

    private Market existing(long id) {
        Market m = markets.get(id);
        require(m != null, "no market");
        return m;
    }

    private boolean isTest(Market m, int group) {
        return DanKu.isTest(group, m.groups, m.testStart, m.terms.testGroups());
    }

    private static void checkReveal(Market m, int group, byte[] salt, short[] rows) {
        require(!m.revealed[group], "already revealed");
        require(rows.length % (m.terms.features() + 1) == 0, "bad rows");
        require(Bytes32.of(DanKu.groupHash(salt, rows)).equals(m.hashes.get(group)), "hash mismatch");
    }

    /** The reveal's shared part: flags, the hashed group, the calldata loop. */
    private static GasMeter revealGas(GasMeter m, int rows) {
        return m.update(true, true) // revealed flag
                .coldLoad().coldLoad() // group list length and hash
                .keccak(32L + 32L * rows).add(GasSchedule.memory(32L + 32L * rows)).add(GasSchedule.DANKU_PER_ELEMENT * rows);
    }

    @Override
    public TxReceipt revealTraining(long id, int group, byte[] salt, short[] rows) {
        synchronized (chain) {
            Market m = existing(id);
            require(group >= 0 && group < m.groups && !isTest(m, group), "not a training group");
            checkReveal(m, group, salt, rows);
            long samples = rows.length / (m.terms.features() + 1);
            Call c = call(GasSchedule.Function.DANKU_REVEAL_TRAINING, (n, s, abi) -> {
                abi.begin(n, s, 4);
                abi.uint(id);
                abi.uint(group);
                abi.bytes32(Bytes32.of(salt));
                abi.intArray(longs(rows));
            }, "TrainingRevealed", u(id), u(group), u(samples));
            TxReceipt r = include(c, g -> revealGas(g, rows.length).store(false, true).log(1, 96).used());
            m.revealed[group] = true;
            m.trainingLeft--;
            return r;
        }
    }

    private Market accepting(long id, long now) {
        Market m = existing(id);
        require(m.trainingLeft == 0, "training not revealed");
        require(Long.compareUnsigned(now, m.terms.submitUntilMillis()) < 0, "submission closed");
        return m;
    }

    /** Storing a model: its length slot and one slot per eight int32 weights, all fresh. */
    private static GasMeter storeWeights(GasMeter g, int[] weights, boolean zeroSlotsFree) {
        g.coldSet();
        for (int slot = 0; slot * WEIGHTS_PER_SLOT < weights.length; slot++) {
            boolean zero = true;
            for (int i = slot * WEIGHTS_PER_SLOT; i < Math.min(weights.length, (slot + 1) * WEIGHTS_PER_SLOT); i++) {
                zero &= weights[i] == 0;
            }
            if (zero && zeroSlotsFree) {
                g.coldLoad().store(true, false); // writing zeros into a zero slot changes nothing
            } else {
                g.coldSet();
            }
        }
        return g.add(GasSchedule.DANKU_STORE_PER_WEIGHT * weights.length);
    }

    @Override
    public SubmissionReceipt submit(long id, String submitter, int[] weights, long now) {
        synchronized (chain) {
            Market m = accepting(id, now);
            require(!m.terms.commitReveal(), "commit required");
            require(weights.length == m.terms.modelLength(), "bad model");
            Bytes32 who = names.id(submitter);
            int index = m.submissions.size();
            Call c = call(GasSchedule.Function.DANKU_SUBMIT, (n, s, abi) -> {
                abi.begin(n, s, 4);
                abi.uint(id);
                abi.bytes32(who);
                abi.intArray(longs(weights));
                abi.uint(now);
            }, "Submitted", u(id), u(index), who.toString());
            TxReceipt r = include(c, g -> storeWeights(g.coldLoad().coldLoad().coldLoad().coldLoad().update(index == 0, true)
                    .coldSet().coldSet(), weights, true).log(1, 96).used());
            Submission sub = new Submission();
            sub.submitter = who;
            sub.opened = true;
            sub.weights = weights.clone();
            m.submissions.add(sub);
            return new SubmissionReceipt(index, r);
        }
    }

    @Override
    public SubmissionReceipt commit(long id, String submitter, byte[] commitment, long now) {
        synchronized (chain) {
            Market m = accepting(id, now);
            require(m.terms.commitReveal(), "open market");
            Bytes32 who = names.id(submitter);
            Bytes32 hash = Bytes32.of(commitment);
            int index = m.submissions.size();
            Call c = call(GasSchedule.Function.DANKU_COMMIT, (n, s, abi) -> {
                abi.begin(n, s, 4);
                abi.uint(id);
                abi.bytes32(who);
                abi.bytes32(hash);
                abi.uint(now);
            }, "Committed", u(id), u(index), who.toString());
            TxReceipt r = include(c, g -> g.coldLoad().coldLoad().coldLoad().coldLoad().update(index == 0, true)
                    .coldSet().coldSet().log(1, 96).used());
            Submission sub = new Submission();
            sub.submitter = who;
            sub.commitment = hash;
            m.submissions.add(sub);
            return new SubmissionReceipt(index, r);
        }
    }

    @Override
    public TxReceipt openModel(long id, int index, byte[] salt, int[] weights, long now) {
        synchronized (chain) {
            Market m = existing(id);
            require(index >= 0 && index < m.submissions.size(), "no submission");
            Submission sub = m.submissions.get(index);
            require(!sub.opened, "already opened");
            require(Long.compareUnsigned(now, m.terms.submitUntilMillis()) >= 0, "too early");
            require(Long.compareUnsigned(now, m.terms.revealUntilMillis()) < 0 && m.testLeft == m.terms.testGroups(), "too late");
            require(weights.length == m.terms.modelLength(), "bad model");
            byte[] salt32 = salt.clone();
            require(Bytes32.of(commitmentOf(salt32, sub.submitter, weights)).equals(sub.commitment), "commitment mismatch");
            Call c = call(GasSchedule.Function.DANKU_OPEN_MODEL, (n, s, abi) -> {
                abi.begin(n, s, 5);
                abi.uint(id);
                abi.uint(index);
                abi.bytes32(Bytes32.of(salt32));
                abi.intArray(longs(weights));
                abi.uint(now);
            }, "Opened", u(id), u(index));
            TxReceipt r = include(c, g -> storeWeights(g.coldLoad().coldLoad().coldLoad().coldLoad().coldLoad().coldLoad()
                    .keccak(64L + 32L * weights.length).add(GasSchedule.memory(64L + 32L * weights.length))
                    .add(GasSchedule.DANKU_PER_ELEMENT * weights.length).store(false, true), weights, false).log(1, 64).used());
            sub.opened = true;
            sub.weights = weights.clone();
            return r;
        }
    }

    private static byte[] commitmentOf(byte[] salt, Bytes32 submitter, int[] weights) {
        byte[] packed = new byte[64 + 32 * weights.length];
        System.arraycopy(salt, 0, packed, 0, 32);
        submitter.writeTo(packed, 32);
        for (int i = 0; i < weights.length; i++) {
            Arrays.fill(packed, 64 + 32 * i, 64 + 32 * i + 24, weights[i] < 0 ? (byte) -1 : 0);
            Bytes32.putWord(packed, 64 + 32 * i + 24, weights[i]);
        }
        return Keccak256.hash(packed);
    }

    @Override
    public TxReceipt revealTest(long id, int group, byte[] salt, short[] rows, long now) {
        synchronized (chain) {
            Market m = existing(id);
            require(group >= 0 && group < m.groups && isTest(m, group), "not a test group");
            require(Long.compareUnsigned(now, m.terms.submitUntilMillis()) >= 0, "too early");
            require(Long.compareUnsigned(now, m.terms.revealUntilMillis()) < 0, "too late");
            checkReveal(m, group, salt, rows);
            int width = m.terms.features() + 1;
            int classes = m.terms.classes();
            for (int r = width - 1; r < rows.length; r += width) {
                require(rows[r] >= 0 && rows[r] < classes, "bad label");
            }
            long samples = rows.length / width;
            long[] correct = new long[m.submissions.size()];
            for (int i = 0; i < correct.length; i++) {
                Submission sub = m.submissions.get(i);
                if (sub.opened) {
                    correct[i] = evaluate(sub.weights, rows, width, classes);
                }
            }
            Call c = call(GasSchedule.Function.DANKU_REVEAL_TEST, (n, s, abi) -> {
                abi.begin(n, s, 5);
                abi.uint(id);
                abi.uint(group);
                abi.bytes32(Bytes32.of(salt));
                abi.intArray(longs(rows));
                abi.uint(now);
            }, "TestRevealed", u(id), u(group), u(samples));
            TxReceipt r = include(c, g -> {
                revealGas(g, rows.length).add(LABEL_CHECK_PER_ROW * samples).coldLoad();
                for (int i = 0; i < correct.length; i++) {
                    Submission sub = m.submissions.get(i);
                    if (sub.opened) {
                        int n = sub.weights.length;
                        g.add(GasSchedule.COLD_SLOAD * ((n + WEIGHTS_PER_SLOT - 1) / WEIGHTS_PER_SLOT)).add(GasSchedule.memory(32L * n))
                                .add(samples * (GasSchedule.DANKU_PER_ROW + classes * (GasSchedule.DANKU_PER_ROW_AND_CLASS
                                        + (width - 1) * GasSchedule.DANKU_PER_MULTIPLY_ADD)))
                                .store(sub.correct == 0, correct[i] != 0);
                    }
                }
                return g.update(slotFourZero(m), samples != 0).store(false, true).log(1, 96).used();
            });
            for (int i = 0; i < correct.length; i++) {
                m.submissions.get(i).correct += correct[i];
            }
            m.revealed[group] = true;
            m.testSamples += samples;
            m.testLeft--;
            return r;
        }
    }

    /** The market's fourth storage slot packs testSamples, commitReveal and finalized. */
    private static boolean slotFourZero(Market m) {
        return m.testSamples == 0 && !m.terms.commitReveal() && !m.finalized;
    }

    /** Number of rows whose argmax score (ties to the lower class) equals the label. */
    static long evaluate(int[] w, short[] rows, int width, int classes) {
        long correct = 0;
        for (int r = 0; r < rows.length; r += width) {
            int best = 0;
            long bestScore = 0;
            for (int c = 0; c < classes; c++) {
                int base = c * width;
                long score = w[base + width - 1];
                for (int j = 0; j + 1 < width; j++) {
                    score += (long) w[base + j] * rows[r + j];
                }
                if (c == 0 || score > bestScore) {
                    best = c;
                    bestScore = score;
                }
            }
            if (best == rows[r + width - 1]) {
                correct++;
            }
        }
        return correct;
    }

    @Override
    public TxReceipt finalizeMarket(long id, long now) {
        synchronized (chain) {
            Market m = existing(id);
            require(!m.finalized, "finalized");
            List<String> eventNames = new ArrayList<>();
            List<List<String>> eventArgs = new ArrayList<>();
            Map<Bytes32, Long> paid = new java.util.LinkedHashMap<>();
            long reward = m.reward;
            List<Submission> subs = m.submissions;
            if (m.testLeft == 0) {
                int best = -1;
                for (int i = 0; i < subs.size(); i++) {
                    if (subs.get(i).opened && (best < 0 || subs.get(i).correct > subs.get(best).correct)) {
                        best = i;
                    }
                }
                long accuracy = best >= 0 && m.testSamples > 0 ? subs.get(best).correct * 1_000_000 / m.testSamples : 0;
                if (best >= 0 && accuracy >= m.terms.thresholdPpm()) {
                    Bytes32 winner = subs.get(best).submitter;
                    paid.put(winner, reward);
                    eventNames.add("Paid");
                    eventArgs.add(List.of(u(id), winner.toString(), u(reward), u(accuracy)));
                } else {
                    paid.put(m.organizer, reward);
                    eventNames.add("Refunded");
                    eventArgs.add(List.of(u(id), m.organizer.toString(), u(reward)));
                }
            } else {
                require(Long.compareUnsigned(now, m.terms.revealUntilMillis()) >= 0, "not revealed");
                List<Submission> opened = subs.stream().filter(s -> s.opened).toList();
                if (opened.isEmpty()) {
                    paid.put(m.organizer, reward);
                    eventNames.add("Refunded");
                    eventArgs.add(List.of(u(id), m.organizer.toString(), u(reward)));
                } else {
                    long share = reward / opened.size();
                    long first = reward - share * (opened.size() - 1);
                    for (int i = 0; i < opened.size(); i++) {
                        long amount = i == 0 ? first : share;
                        Bytes32 who = opened.get(i).submitter;
                        paid.merge(who, amount, Long::sum);
                        eventNames.add("Split");
                        eventArgs.add(List.of(u(id), who.toString(), u(amount)));
                    }
                }
            }
            Call c = new Call(GasSchedule.Function.DANKU_FINALIZE, (n, s, abi) -> {
                abi.begin(n, s, 2);
                abi.uint(id);
                abi.uint(now);
            }, eventArgs, eventNames);
            boolean timedOut = m.testLeft != 0;
            long heldBefore = held;
            TxReceipt r = include(c, g -> {
                g.coldLoad().coldLoad().store(slotFourZero(m), true).update(false, heldBefore != 0);
                for (Submission s : subs) {
                    g.add(GasSchedule.DANKU_FINALIZE_PER_SUBMISSION);
                }
                int opened = 0;
                for (Map.Entry<Bytes32, Long> e : paid.entrySet()) {
                    long before = balance(e.getKey());
                    g.update(before == 0, e.getValue() != 0);
                }
                int events = eventNames.size();
                for (int i = 0; i < events; i++) {
                    g.log(1, 32L * eventArgs.get(i).size());
                }
                if (timedOut) {
                    for (Submission s : subs) {
                        if (s.opened) {
                            opened++;
                        }
                    }
                    g.add(GasSchedule.WARM_ACCESS * 2L * opened);
                }
                return g.used();
            });
            m.finalized = true;
            held -= reward;
            for (Map.Entry<Bytes32, Long> e : paid.entrySet()) {
                balances.put(e.getKey(), balance(e.getKey()) + e.getValue());
            }
            return r;
        }
    }

    private long balance(Bytes32 account) {
        return balances.getOrDefault(account, 0L);
    }

    @Override
    public long balanceOf(String account) {
        synchronized (chain) {
            return balance(names.id(account));
        }
    }

    @Override
    public long held() {
        synchronized (chain) {
            return held;
        }
    }

    @Override
    public int testStartOf(long market) {
        synchronized (chain) {
            Market m = markets.get(market);
            return m == null ? 0 : m.testStart;
        }
    }

    @Override
    public int submissionCount(long market) {
        synchronized (chain) {
            Market m = markets.get(market);
            return m == null ? 0 : m.submissions.size();
        }
    }

    @Override
    public long correctOf(long market, int index) {
        synchronized (chain) {
            return existing(market).submissions.get(index).correct;
        }
    }

    @Override
    public int[] weightsOf(long market, int index) {
        synchronized (chain) {
            return existing(market).submissions.get(index).weights.clone();
        }
    }
}
