package io.chainfl.ledger.sim;

import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerRevertException;
import io.chainfl.ledger.RewardPool;
import io.chainfl.ledger.TxReceipt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Java mirror of {@code RewardPool.sol}. Storage as the gas model assumes: a balance slot per account, a pool record
 * of two slots (owner; amount, remaining, rounds, paid rounds and the closed flag packed into one), and the held total.
 */
final class SimRewardPool implements RewardPool {
    static final String CONTRACT = "RewardPool";
    private final SimulatedChain chain;
    private final Names names;
    private final Map<Bytes32, Long> balances = new HashMap<>();
    private final Map<Long, Pool> pools = new HashMap<>();
    private long held;

    SimRewardPool(SimulatedChain chain, Names names) {
        this.chain = chain;
        this.names = names;
    }

    private static final class Pool {
        final Bytes32 owner;
        final long amount;
        final int rounds;
        long remaining;
        int paidRounds;
        boolean closed;

        Pool(Bytes32 owner, long amount, int rounds) {
            this.owner = owner;
            this.amount = amount;
            this.rounds = rounds;
            this.remaining = amount;
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
            EncodedCall call = new EncodedCall(GasSchedule.Function.POOL_CREDIT, (n, s, abi) -> {
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
    public TxReceipt open(long pool, String owner, long amount, int rounds) {
        requireUint(pool, "pool");
        requireUint(amount, "amount");
        synchronized (chain) {
            require(!pools.containsKey(pool), "pool exists");
            require(rounds > 0, "no rounds");
            Bytes32 id = names.id(owner);
            long balance = balance(id);
            require(balance >= amount, "insufficient balance");
            EncodedCall call = new EncodedCall(GasSchedule.Function.POOL_OPEN, (n, s, abi) -> {
                abi.begin(n, s, 4);
                abi.uint(pool);
                abi.bytes32(id);
                abi.uint(amount);
                abi.uint(rounds);
            }, List.of(event("Opened", u(pool), id.toString(), u(amount), Integer.toString(rounds))));
            long gas = chain.encode(call)
                    .coldLoad().store(true, true) // the owner slot: read for "pool exists", then set
                    .update(false, amount != 0)   // the owner's balance
                    .coldSet()                    // amount, remaining, rounds packed
                    .update(held == 0, amount != 0)
                    .log(1, 4 * 32)
                    .used();
            balances.put(id, balance - amount);
            pools.put(pool, new Pool(id, amount, rounds));
            held += amount;
            return chain.include(call, gas);
        }
    }

    @Override
    public TxReceipt pay(long pool, int round, List<String> accounts, List<Long> shares) {
        synchronized (chain) {
            Pool p = live(pool);
            require(round == p.paidRounds + 1 && round <= p.rounds, "wrong round");
            require(accounts.size() == shares.size(), "length mismatch");
            for (long s : shares) {
                requireUint(s, "share");
            }
            long[] paid = RewardPool.payments(p.amount / p.rounds, shares);
            List<Bytes32> ids = accounts.stream().map(names::id).toList();
            List<Long> shareList = List.copyOf(shares);
            List<LedgerEvent> events = new ArrayList<>();
            long total = 0;
            for (int i = 0; i < ids.size(); i++) {
                events.add(event("Paid", u(pool), Integer.toString(round), ids.get(i).toString(), u(paid[i])));
                total += paid[i];
            }
            EncodedCall call = new EncodedCall(GasSchedule.Function.POOL_PAY, (n, s, abi) -> {
                abi.begin(n, s, 4);
                abi.uint(pool);
                abi.uint(round);
                abi.bytes32Array(ids);
                abi.uintArray(shareList);
            }, List.copyOf(events));
            GasMeter meter = chain.encode(call)
                    .coldLoad()                  // the owner slot: the pool exists
                    .coldLoad().store(false, true) // remaining and paid rounds
                    .add(GasSchedule.POOL_PER_ACCOUNT * ids.size());
            Map<Bytes32, Long> after = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                boolean warm = after.containsKey(ids.get(i));
                long before = after.getOrDefault(ids.get(i), balance(ids.get(i)));
                if (warm) {
                    meter.store(before == 0, paid[i] != 0);
                } else {
                    meter.update(before == 0, paid[i] != 0);
                }
                meter.log(1, 4 * 32);
                after.put(ids.get(i), before + paid[i]);
            }
            long gas = meter.update(false, total != 0).used();
            balances.putAll(after);
            p.remaining -= total;
            p.paidRounds = round;
            held -= total;
            return chain.include(call, gas);
        }
    }

    @Override
    public TxReceipt close(long pool) {
        synchronized (chain) {
            Pool p = live(pool);
            require(p.paidRounds == p.rounds, "rounds left");
            long refund = p.remaining;
            EncodedCall call = new EncodedCall(GasSchedule.Function.POOL_CLOSE, (n, s, abi) -> {
                abi.begin(n, s, 1);
                abi.uint(pool);
            }, List.of(event("Closed", u(pool), p.owner.toString(), u(refund))));
            long balance = balance(p.owner);
            long gas = chain.encode(call)
                    .coldLoad()                   // the owner slot
                    .coldLoad().store(false, true) // remaining to 0, closed
                    .update(balance == 0, refund != 0)
                    .update(false, refund != 0)
                    .log(1, 3 * 32)
                    .add(refund != 0 && held == refund ? -GasSchedule.SSTORE_CLEAR_REFUND : 0)
                    .used();
            balances.put(p.owner, balance + refund);
            held -= refund;
            p.remaining = 0;
            p.closed = true;
            return chain.include(call, gas);
        }
    }

    private Pool live(long pool) {
        Pool p = pools.get(pool);
        require(p != null, "no pool");
        require(!p.closed, "closed");
        return p;
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
    public long remainingOf(long pool) {
        synchronized (chain) {
            Pool p = pools.get(pool);
            return p == null ? 0 : p.remaining;
        }
    }
}
