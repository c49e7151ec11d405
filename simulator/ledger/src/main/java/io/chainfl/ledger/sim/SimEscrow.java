package io.chainfl.ledger.sim;

import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.TxReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Java mirror of {@code Escrow.sol}. Storage as the gas model assumes: a balance slot per account, a
 * deposit record of two slots (owner; amount, unlock time and settled flag packed), the last id and the
 * escrowed total.
 */
final class SimEscrow implements Escrow {
    static final String CONTRACT = "Escrow";
    private final SimulatedChain chain;
    private final Names names;
    private final Map<Bytes32, Long> balances = new HashMap<>();
    private final Map<Long, DepositState> deposits = new HashMap<>();
    private long lastId;
    private long escrowed;

    SimEscrow(SimulatedChain chain, Names names) {
        this.chain = chain;
        this.names = names;
    }

    private static final class DepositState {
        final Bytes32 owner;
        final long amount;
        final long unlockAt;
        boolean settled;

        DepositState(Bytes32 owner, long amount, long unlockAt) {
            this.owner = owner;
            this.amount = amount;
            this.unlockAt = unlockAt;
        }
    }

    record Mint(Bytes32 account, long amount) implements ChainCall {
        public GasSchedule.Function function() {
            return GasSchedule.Function.ESCROW_MINT;
        }

        public void encode(long nonce, AbiEncoder abi) {
            abi.begin(nonce, function().selector(), 2);
            abi.bytes32(account);
            abi.uint(amount);
        }

        public void emit(long blockNumber, List<LedgerEvent> out) {
            out.add(event("Minted", blockNumber, account.toString(), u64(amount)));
        }
    }

    record Deposit(Bytes32 account, long amount, long unlockAt, long id) implements ChainCall {
        public GasSchedule.Function function() {
            return GasSchedule.Function.ESCROW_DEPOSIT;
        }

        public void encode(long nonce, AbiEncoder abi) {
            abi.begin(nonce, function().selector(), 3);
            abi.bytes32(account);
            abi.uint(amount);
            abi.uint(unlockAt);
        }

        public void emit(long blockNumber, List<LedgerEvent> out) {
            out.add(event("Deposited", blockNumber, u64(id), account.toString(), u64(amount), u64(unlockAt)));
        }
    }

    record Refund(long id, long now, Bytes32 owner, long amount) implements ChainCall {
        public GasSchedule.Function function() {
            return GasSchedule.Function.ESCROW_REFUND;
        }

        public void encode(long nonce, AbiEncoder abi) {
            abi.begin(nonce, function().selector(), 2);
            abi.uint(id);
            abi.uint(now);
        }

        public void emit(long blockNumber, List<LedgerEvent> out) {
            out.add(event("Refunded", blockNumber, u64(id), owner.toString(), u64(amount)));
        }
    }

    record Take(long id, List<Bytes32> takers, List<Long> weights, List<Long> paid) implements ChainCall {
        public GasSchedule.Function function() {
            return GasSchedule.Function.ESCROW_TAKE;
        }

        public void encode(long nonce, AbiEncoder abi) {
            abi.begin(nonce, function().selector(), 3);
            abi.uint(id);
            abi.bytes32Array(takers);
            abi.uintArray(weights);
        }

        public void emit(long blockNumber, List<LedgerEvent> out) {
            for (int i = 0; i < takers.size(); i++) {
                out.add(event("Taken", blockNumber, u64(id), takers.get(i).toString(), u64(paid.get(i))));
            }
        }
    }

    private static LedgerEvent event(String name, long blockNumber, String... args) {
        return new LedgerEvent(CONTRACT, name, List.of(args), blockNumber);
    }

    private static String u64(long v) {
        return Long.toUnsignedString(v);
    }

    private static void requireUint64(long v, String what) {
        if (v < 0) {
            throw new IllegalArgumentException(what + " must be non-negative (uint64), got " + v);
        }
    }

    @Override
    public TxReceipt mint(String account, long amount) {
        requireUint64(amount, "amount");
        synchronized (chain) {
            Mint call = new Mint(names.id(account), amount);
            long balance = balance(call.account());
            long gas = chain.encode(call).update(balance == 0, amount != 0).log(1, 2 * 32).used();
            balances.put(call.account(), Math.addExact(balance, amount));
            return chain.include(call, gas);
        }
    }

    @Override
    public DepositReceipt deposit(String account, long amount, long unlockAtMillis) {
        requireUint64(amount, "amount");
        requireUint64(unlockAtMillis, "unlock time");
        synchronized (chain) {
            Bytes32 owner = names.id(account);
            long balance = balance(owner);
            if (balance < amount) {
                throw new LedgerRevertException(CONTRACT, "insufficient balance");
            }
            Deposit call = new Deposit(owner, amount, unlockAtMillis, lastId + 1);
            long gas = chain.encode(call)
                    .update(balance == 0, amount != 0)
                    .update(lastId == 0 && escrowed == 0, true) // lastId and escrowed share one slot
                    .add(GasSchedule.WARM_ACCESS)             // the second write to that slot
                    .coldSet().coldSet() // the new two-slot deposit record
                    .log(1, 4 * 32)
                    .used();
            balances.put(owner, balance - amount);
            lastId = call.id();
            deposits.put(call.id(), new DepositState(owner, amount, unlockAtMillis));
            escrowed += amount;
            return new DepositReceipt(call.id(), chain.include(call, gas));
        }
    }

    @Override
    public TxReceipt refund(long depositId, long nowMillis) {
        synchronized (chain) {
            DepositState d = open(depositId);
            if (Long.compareUnsigned(nowMillis, d.unlockAt) < 0) {
                throw new LedgerRevertException(CONTRACT, "locked");
            }
            Refund call = new Refund(depositId, nowMillis, d.owner, d.amount);
            long balance = balance(d.owner);
            long gas = chain.encode(call)
                    .coldLoad().coldLoad().store(false, true) // read the record, set settled
                    .update(balance == 0, d.amount != 0)
                    .update(false, d.amount != 0)
                    .log(1, 3 * 32)
                    .used();
            d.settled = true;
            balances.put(d.owner, balance + d.amount);
            escrowed -= d.amount;
            return chain.include(call, gas);
        }
    }

    @Override
    public TxReceipt take(long depositId, List<String> takers, List<Long> weights) {
        synchronized (chain) {
            DepositState d = open(depositId);
            if (takers.isEmpty() || takers.size() != weights.size()) {
                throw new LedgerRevertException(CONTRACT, "length mismatch");
            }
            BigInteger sum = BigInteger.ZERO;
            for (long w : weights) {
                requireUint64(w, "weight");
                sum = sum.add(BigInteger.valueOf(w));
            }
            if (sum.signum() == 0) {
                throw new LedgerRevertException(CONTRACT, "zero weight");
            }
            List<Long> paid = shares(d.amount, weights, sum);
            List<Bytes32> ids = takers.stream().map(names::id).toList();
            Take call = new Take(depositId, ids, List.copyOf(weights), paid);
            GasMeter meter = chain.encode(call).coldLoad().coldLoad().store(false, true).update(false, d.amount != 0);
            Map<Bytes32, Long> after = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                long before = after.getOrDefault(ids.get(i), balance(ids.get(i)));
                meter.update(before == 0, paid.get(i) != 0).log(1, 3 * 32).add(GasSchedule.TAKE_PER_TAKER);
                after.put(ids.get(i), before + paid.get(i));
            }
            long gas = meter.used();
            d.settled = true;
            balances.putAll(after);
            escrowed -= d.amount;
            return chain.include(call, gas);
        }
    }

    /** Floor shares {@code amount * w_i / sum}; the remainder goes to the first taker. */
    static List<Long> shares(long amount, List<Long> weights, BigInteger sum) {
        List<Long> paid = new ArrayList<>(weights.size());
        long total = 0;
        for (long w : weights) {
            long share = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(w)).divide(sum).longValueExact();
            paid.add(share);
            total += share;
        }
        paid.set(0, paid.get(0) + (amount - total));
        return paid;
    }

    private DepositState open(long depositId) {
        DepositState d = deposits.get(depositId);
        if (d == null) {
            throw new LedgerRevertException(CONTRACT, "no deposit");
        }
        if (d.settled) {
            throw new LedgerRevertException(CONTRACT, "already settled");
        }
        return d;
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
    public long escrowed() {
        synchronized (chain) {
            return escrowed;
        }
    }
}
