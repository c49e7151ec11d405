package io.chainfl.agents.deepchain;

import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.Ledger;
import io.chainfl.engine.metrics.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * DeepChain's incentives on the escrow contract: every party and worker deposits at set-up; one that misses a
 * deadline or is caught cheating forfeits its deposit to the honest members of its group (equal shares); the
 * honest get theirs back at the end. Without a ledger (plain FL) nothing is deposited and only events remain.
 */
public final class DeepChainContracts {
    private final Escrow escrow;
    private final long deposit;
    private final Map<String, Long> depositIds = new TreeMap<>();
    private long minted;

    public DeepChainContracts(Ledger ledger, boolean hasContracts, long deposit) {
        this.escrow = hasContracts ? ledger.escrow() : null;
        this.deposit = deposit;
    }

    public static String party(int id) {
        return "party-" + id;
    }

    public static String worker(int id) {
        return "worker-" + id;
    }

    /** Mints {@code deposit} for each account and locks it in escrow (refundable at any time by the rules below). */
    public void depositAll(List<String> accounts) {
        if (escrow == null) {
            return;
        }
        for (String account : accounts) {
            escrow.mint(account, deposit);
            minted += deposit;
            depositIds.put(account, escrow.deposit(account, deposit, 0).depositId());
        }
    }

    /** Forfeits {@code loser}'s deposit to {@code honest} (if it still has one); returns the event to record. */
    public RunEvent forfeit(int round, String loser, List<String> honest, String why) {
        Long id = depositIds.remove(loser);
        if (escrow != null && id != null && !honest.isEmpty()) {
            escrow.take(id, honest, honest.stream().map(h -> 1L).toList());
        }
        return new RunEvent(round, "forfeit", loser, why + (id == null ? " (no deposit left)" : "; deposit " + deposit + " to " + String.join(" ", honest)));
    }

    /** Refunds every deposit still held: the honest parties and workers at the end of training. */
    public List<RunEvent> refundAll(int round, long nowMillis) {
        List<RunEvent> events = new ArrayList<>();
        for (Map.Entry<String, Long> e : depositIds.entrySet()) {
            if (escrow != null) {
                escrow.refund(e.getValue(), nowMillis);
            }
            events.add(new RunEvent(round, "refund", e.getKey(), "deposit " + deposit + " returned"));
        }
        depositIds.clear();
        return events;
    }

    /**
     * Which deposits are still held (the ledger itself is restored from its journal, which already holds the
     * set-up deposits: a resumed run restores this instead of calling {@link #depositAll} again).
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

    public long balanceOf(String account) {
        return escrow == null ? 0 : escrow.balanceOf(account);
    }

    public long minted() {
        return minted;
    }

    public long escrowed() {
        return escrow == null ? 0 : escrow.escrowed();
    }
}
