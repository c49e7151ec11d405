package io.chainfl.ledger.sim;

import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.ProofOfLearning;
import io.chainfl.ledger.TxReceipt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Java mirror of {@code ProofOfLearning.sol}. Storage as the gas model assumes: a balance slot per account; a task of
 * three slots (supplier; fee, validator fee, block reward, committee size and rankings so far packed; winner and the
 * finalized flag packed); a seat slot per (task, validator); a submitted flag per (task, trainer); a submission of
 * three slots (trainer, model hash, points) in a per-task array; held and minted packed into one slot.
 * Checks run in the Solidity order so that both backends give the same reason for the same call.
 * (Over 300 lines: five contract functions, each with its revert checks in Solidity's order and its gas accounting per
 * storage slot, mirrored line for line so the differential test can compare them; splitting would hide the order.)
 */
final class SimProofOfLearning implements ProofOfLearning {
    static final String CONTRACT = "ProofOfLearning";
    private final SimulatedChain chain;
    private final Names names;
    private final Map<Bytes32, Long> balances = new HashMap<>();
    private final Map<Long, Task> tasks = new HashMap<>();
    private long held;
    private long minted;

    SimProofOfLearning(SimulatedChain chain, Names names) {
        this.chain = chain;
        this.names = names;
    }

    private record Submission(Bytes32 trainer, Bytes32 modelHash) {}

    private static final class Task {
        final Bytes32 supplier;
        final long fee;
        final long validatorFee;
        final long blockReward;
        final Map<Bytes32, Integer> seats = new HashMap<>(); // 1: seated, 2: ranked
        final Set<Bytes32> submitted = new HashSet<>();
        final List<Submission> submissions = new ArrayList<>();
        final List<Long> points = new ArrayList<>();
        final int validators;
        int ranked;
        int winner = -1;
        boolean finalized;

        Task(Bytes32 supplier, long fee, long validatorFee, long blockReward, int validators) {
            this.supplier = supplier;
            this.fee = fee;
            this.validatorFee = validatorFee;
            this.blockReward = blockReward;
            this.validators = validators;
        }
    }

    private static LedgerEvent event(String name, String... args) {
        return new LedgerEvent(CONTRACT, name, List.of(args), 0);
    }

    private static String u(long v) {
        return Long.toUnsignedString(v);
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new LedgerRevertException(CONTRACT, reason);
        }
    }

    private static void requireUint(long v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be non-negative (uint64), got " + v);
        }
    }

    @Override
    public TxReceipt credit(String account, long amount) {
        requireUint(amount, "amount");
        synchronized (chain) {
            Bytes32 id = names.id(account);
            long balance = balance(id);
            EncodedCall call = new EncodedCall(GasSchedule.Function.POL_CREDIT, (n, s, abi) -> {
                abi.begin(n, s, 2);
                abi.bytes32(id);
                abi.uint(amount);
            }, List.of(event("Credited", id.toString(), u(amount))));
            long gas = chain.encode(call).update(balance == 0, amount != 0).log(1, 2 * 32).used();
            balances.put(id, Math.addExact(balance, amount));
            return chain.include(call, gas);
        }
    }

    @Override
    public TxReceipt postTask(long task, String supplier, long fee, long validatorFee, long blockReward, List<String> validators) {
        requireUint(task, "task");
        requireUint(fee, "fee");
        requireUint(validatorFee, "validatorFee");
        requireUint(blockReward, "blockReward");
        synchronized (chain) {
            require(!tasks.containsKey(task), "task exists");
            require(!validators.isEmpty(), "no validators");
            Bytes32 id = names.id(supplier);
            long escrow = Math.addExact(fee, Math.multiplyExact(validatorFee, (long) validators.size()));
            long balance = balance(id);
            require(balance >= escrow, "insufficient balance");
            List<Bytes32> seats = validators.stream().map(names::id).toList();
            require(new HashSet<>(seats).size() == seats.size(), "duplicate validator");
            int n = seats.size();
            EncodedCall call = new EncodedCall(GasSchedule.Function.POL_POST_TASK, (nonce, s, abi) -> {
                abi.begin(nonce, s, 6);
                abi.uint(task);
                abi.bytes32(id);
                abi.uint(fee);
                abi.uint(validatorFee);
                abi.uint(blockReward);
                abi.bytes32Array(seats);
            }, List.of(event("TaskPosted", u(task), id.toString(), u(fee), u(validatorFee), u(blockReward), Integer.toString(n))));
            GasMeter meter = chain.encode(call)
                    .coldLoad()                   // the supplier slot: "task exists"
                    .coldLoad()                   // the supplier's balance
                    .add(GasSchedule.POL_PER_VALIDATOR * n);
            for (int i = 0; i < n; i++) {
                meter.update(true, true);         // each seat: read for "duplicate validator", then set
            }
            long gas = meter
                    .store(balance == 0, escrow != 0)              // the balance, already warm
                    .store(true, true)                              // the supplier slot, warm
                    .coldSet()                                      // fee, validator fee, block reward, committee size
                    .update(held == 0 && minted == 0, escrow != 0)  // held (packed with minted)
                    .log(1, 6 * 32)
                    .used();
            Task t = new Task(id, fee, validatorFee, blockReward, n);
            seats.forEach(v -> t.seats.put(v, 1));
            tasks.put(task, t);
            balances.put(id, balance - escrow);
            held += escrow;
            return chain.include(call, gas);
        }
    }

    @Override
    public TxReceipt submit(long task, String trainer, byte[] modelHash) {
        synchronized (chain) {
            Task t = live(task);
            require(t.ranked == 0, "ranking started");
            Bytes32 id = names.id(trainer);
            require(!t.submitted.contains(id), "already submitted");
            int index = t.submissions.size();
            require(index < MAX_SUBMISSIONS, "too many submissions");
            Bytes32 hash = Bytes32.of(modelHash);
            EncodedCall call = new EncodedCall(GasSchedule.Function.POL_SUBMIT, (n, s, abi) -> {
                abi.begin(n, s, 3);
                abi.uint(task);
                abi.bytes32(id);
                abi.bytes32(hash);
            }, List.of(event("Submitted", u(task), Integer.toString(index), id.toString(), hash.toString())));
            long gas = chain.encode(call)
                    .coldLoad().coldLoad()        // live: supplier slot, finalized slot
                    .coldLoad()                   // rankings so far
                    .update(true, true)           // the submitted flag
                    .update(index == 0, true)     // the array's length
                    .coldSet()                    // trainer
                    .add(hash.isZero() ? GasSchedule.COLD_SLOAD + GasSchedule.WARM_ACCESS : GasSchedule.COLD_SLOAD + GasSchedule.SSTORE_SET)
                    .add(GasSchedule.COLD_SLOAD + GasSchedule.WARM_ACCESS) // points written as zero
                    .log(1, 4 * 32)
                    .used();
            t.submitted.add(id);
            t.submissions.add(new Submission(id, hash));
            t.points.add(0L);
            return chain.include(call, gas);
        }
    }

    @Override
    public TxReceipt rank(long task, String validator, List<Integer> order) {
        synchronized (chain) {
            Task t = live(task);
            Bytes32 id = names.id(validator);
            int seat = t.seats.getOrDefault(id, 0);
            require(seat != 0, "not a validator");
            require(seat == 1, "already ranked");
            int n = t.submissions.size();
            require(ProofOfLearning.isPermutation(n, order), "not a permutation");
            List<Long> orderList = order.stream().map(Integer::longValue).toList();
            long fee = t.validatorFee;
            EncodedCall call = new EncodedCall(GasSchedule.Function.POL_RANK, (nonce, s, abi) -> {
                abi.begin(nonce, s, 3);
                abi.uint(task);
                abi.bytes32(id);
                abi.uintArray(orderList);
            }, List.of(event("Ranked", u(task), id.toString(), u(fee))));
            GasMeter meter = chain.encode(call)
                    .coldLoad().coldLoad()        // live
                    .coldLoad()                   // the seat
                    .coldLoad()                   // the array's length
                    .add(GasSchedule.POL_PER_RANKED * n);
            for (int p = 0; p < n; p++) {
                meter.update(t.points.get(order.get(p)) == 0, n - 1 - p != 0);
            }
            long balance = balance(id);
            long gas = meter
                    .store(false, true)           // the seat: ranked
                    .update(false, true)          // rankings so far (with the fees)
                    .update(balance == 0, fee != 0)
                    .update(false, fee != 0)      // held
                    .log(1, 3 * 32)
                    .used();
            for (int p = 0; p < n; p++) {
                t.points.set(order.get(p), t.points.get(order.get(p)) + n - 1 - p);
            }
            t.seats.put(id, 2);
            t.ranked++;
            balances.put(id, balance + fee);
            held -= fee;
            return chain.include(call, gas);
        }
    }

    @Override
    public TxReceipt finalizeTask(long task) {
        synchronized (chain) {
            Task t = live(task);
            require(t.ranked == t.validators, "rankings missing");
            int n = t.submissions.size();
            long[] points = t.points.stream().mapToLong(Long::longValue).toArray();
            int best = ProofOfLearning.winner(points);
            List<LedgerEvent> events;
            Bytes32 payee;
            long paid;
            if (best < 0) {
                payee = t.supplier;
                paid = t.fee;
                events = List.of(event("Refunded", u(task), payee.toString(), u(paid)));
            } else {
                payee = t.submissions.get(best).trainer();
                paid = t.fee + t.blockReward;
                events = List.of(event("Won", u(task), Integer.toString(best), payee.toString(), u(points[best]), u(paid)));
            }
            EncodedCall call = new EncodedCall(GasSchedule.Function.POL_FINALIZE, (nonce, s, abi) -> {
                abi.begin(nonce, s, 1);
                abi.uint(task);
            }, events);
            long balance = balance(payee);
            GasMeter meter = chain.encode(call)
                    .coldLoad().coldLoad()        // live
                    .coldLoad()                   // rankings, committee size, fee
                    .store(true, true)            // finalized (the winner later shares the slot: a dirty write)
                    .coldLoad()                   // the array's length
                    .update(false, t.fee != 0);   // held
            if (best < 0) {
                meter.add(GasSchedule.WARM_ACCESS); // the supplier slot, warm since live()
            } else {
                meter.add(GasSchedule.POL_PER_SUBMISSION * n)
                        .add(GasSchedule.COLD_SLOAD * (n - 1)) // each later submission's points (the first's is read before the loop)
                        .coldLoad()               // the first's points
                        .add(GasSchedule.WARM_ACCESS) // the winner: dirty write
                        .coldLoad()               // the winner's trainer
                        .add(GasSchedule.WARM_ACCESS); // minted shares held's slot, already written: a dirty write
            }
            long gas = meter
                    .update(balance == 0, paid != 0)
                    .log(1, (best < 0 ? 3 : 5) * 32L)
                    .used();
            t.finalized = true;
            t.winner = best;
            balances.put(payee, balance + paid);
            held -= t.fee;
            if (best >= 0) {
                minted += t.blockReward;
            }
            return chain.include(call, gas);
        }
    }

    private Task live(long task) {
        Task t = tasks.get(task);
        require(t != null, "no task");
        require(!t.finalized, "finalized");
        return t;
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
    public long minted() {
        synchronized (chain) {
            return minted;
        }
    }

    @Override
    public int winnerOf(long task) {
        synchronized (chain) {
            Task t = tasks.get(task);
            return t == null ? -1 : t.winner;
        }
    }

    @Override
    public long pointsOf(long task, int index) {
        synchronized (chain) {
            Task t = tasks.get(task);
            return t == null || index < 0 || index >= t.points.size() ? 0 : t.points.get(index);
        }
    }
}
