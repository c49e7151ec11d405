package io.chainfl.agents.deepchain;

import io.chainfl.agents.ledger.CallResult;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.metrics.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * DeepChain's incentives on the escrow contract: every party and worker deposits at set-up; one that misses a
 * deadline or is caught cheating forfeits its deposit to the honest members of its group (equal shares); the
 * honest get theirs back at the end. Without a ledger (plain FL) nothing is deposited and only events remain.
 * This class decides and remembers (which deposits are still held); the escrow calls it decides go to the ledger
 * service through the coordinator ({@link DeepChainLedger}), in the order they are made.
 */
public final class DeepChainContracts {
    private final boolean hasContracts;
    private final long deposit;
    private final Map<String, Long> depositIds = new TreeMap<>();
    private long minted;

    public DeepChainContracts(boolean hasContracts, long deposit) {
        this.hasContracts = hasContracts;
        this.deposit = deposit;
    }

    public static String party(int id) {
        return "party-" + id;
    }

    public static String worker(int id) {
        return "worker-" + id;
    }

    /**
     * The set-up calls: for each account in turn, mint {@code deposit} and lock it in escrow (refundable at any time by
     * the rules below); none without contracts. Their outcomes go to {@link #deposited}.
     */
    public List<ContractCall> depositCalls(List<String> accounts) {
        List<ContractCall> calls = new ArrayList<>();
        if (hasContracts) {
            for (String account : accounts) {
                calls.add(new ContractCall.Mint(account, deposit));
                calls.add(new ContractCall.Deposit(account, deposit, 0));
            }
        }
        return calls;
    }

    /** Notes the deposits the set-up calls made: {@code results} are the outcomes of {@link #depositCalls}{@code (accounts)}, in order. */
    public void deposited(List<String> accounts, List<CallResult> results) {
        if (!hasContracts) {
            return;
        }
        for (int i = 0; i < accounts.size(); i++) {
            minted += deposit;
            depositIds.put(accounts.get(i), ((CallResult.Deposited) results.get(2 * i + 1)).depositId());
        }
    }

    /** Forfeits {@code loser}'s deposit to {@code honest} (if it still has one) by a call to {@code ledger}; returns the event to record. */
    public RunEvent forfeit(int round, String loser, List<String> honest, String why, Consumer<ContractCall> ledger) {
        Long id = depositIds.remove(loser);
        if (hasContracts && id != null && !honest.isEmpty()) {
            ledger.accept(new ContractCall.Take(id, honest, honest.stream().map(h -> 1L).toList()));
        }
        return new RunEvent(round, "forfeit", loser, why + (id == null ? " (no deposit left)" : "; deposit " + deposit + " to " + String.join(" ", honest)));
    }

    /** Refunds every deposit still held, at virtual time {@code nowMillis}, by calls to {@code ledger}: the honest parties and workers at the end of training. */
    public List<RunEvent> refundAll(int round, long nowMillis, Consumer<ContractCall> ledger) {
        List<RunEvent> events = new ArrayList<>();
        for (Map.Entry<String, Long> e : depositIds.entrySet()) {
            if (hasContracts) {
                ledger.accept(new ContractCall.Refund(e.getValue(), nowMillis));
            }
            events.add(new RunEvent(round, "refund", e.getKey(), "deposit " + deposit + " returned"));
        }
        depositIds.clear();
        return events;
    }

    /**
     * Which deposits are still held (the ledger itself is restored from its journal, which already holds the
     * set-up deposits: a resumed run restores this instead of making the {@link #depositCalls} again).
     */
    public void save(Snapshot.Builder out, String prefix) {
        out.longs(prefix + "minted", minted);
        depositIds.forEach((account, id) -> out.longs(prefix + "deposit/" + account, id));
    }

    public void restore(Snapshot state, String prefix) {
        minted = state.longs(prefix + "minted").orElseThrow(() -> new IllegalStateException("checkpoint has no " + prefix + "minted"))[0];
        depositIds.clear();
        String deposits = prefix + "deposit/";
        state.sections().keySet().stream().filter(name -> name.startsWith(deposits))
                .forEach(name -> depositIds.put(name.substring(deposits.length()), state.longs(name).orElseThrow()[0]));
    }

    public long minted() {
        return minted;
    }
}
