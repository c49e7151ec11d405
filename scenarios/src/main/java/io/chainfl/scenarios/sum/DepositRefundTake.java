package io.chainfl.scenarios.sum;

import io.chainfl.agents.ledger.LedgerClient;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Self-assessment: every contribution carries a deposit that grows as the time since the last update shrinks;
 * after the refund wait the contributor gets it back if the model agrees with its label, otherwise holders of
 * good (refunded) data take it in proportion to their good counts; after the longer wait anyone may take it.
 */
final class DepositRefundTake implements IncentiveMechanism {
    private static final long HOUR_MS = 3_600_000L;
    private final IncentiveParams.Deposit params;
    private final Context context;
    /** The escrow contract, through the ledger service. */
    private final LedgerClient escrow;
    private final Map<SumAgent, Long> goodCounts = new LinkedHashMap<>();
    /** Unsettled contributions in the order they were added (so in time order). */
    private final List<Contribution> unsettled = new ArrayList<>();
    private long lastUpdateMillis;
    private long minted;
    private long deposited;
    private long refunded;
    private long taken;
    /** Refund and take calls made by this JVM's run (read as a difference around a turn, so never checkpointed). */
    private long claims;

    DepositRefundTake(IncentiveParams.Deposit params, Context context) {
        this.params = params;
        this.context = context;
        this.escrow = context.ledger();
    }

    @Override
    public void open(long nowMillis) {
        for (SumAgent a : context.agents()) {
            escrow.mint(a.name(), a.params.balance());
            minted += a.params.balance();
            goodCounts.put(a, 0L);
        }
        lastUpdateMillis = nowMillis;
    }

    /** max(min_cost, floor(numerator / floor(sqrt(seconds since the last update)))); -1 when no time has passed. */
    long cost(long nowMillis) {
        return cost(params, nowMillis - lastUpdateMillis);
    }

    static long cost(IncentiveParams.Deposit params, long millisSinceLastUpdate) {
        long seconds = millisSinceLastUpdate / 1000;
        if (seconds <= 0) {
            return -1;
        }
        long cost = (long) Math.floor(params.costNumerator() / Math.floor(Math.sqrt(seconds)));
        return Math.max(params.minCost(), cost);
    }

    @Override
    public Admission admit(SumAgent agent, long offer, long nowMillis) {
        long cost = cost(nowMillis);
        // the reference rejects a second update in the same second, an offer below the cost, and what one cannot pay
        if (cost < 0 || cost > offer || cost > escrow.balanceOf(agent.name())) {
            return Admission.REJECTED;
        }
        long unlockAt = nowMillis + hours(params.refundWaitHours());
        long depositId = escrow.deposit(agent.name(), cost, unlockAt);
        lastUpdateMillis = nowMillis;
        deposited += cost;
        return new Admission(true, depositId, cost);
    }

    @Override
    public void added(Contribution contribution) {
        unsettled.add(contribution);
    }

    @Override
    public long claims() {
        return claims;
    }

    @Override
    public void onTurn(SumAgent agent, long nowMillis) {
        long refundWait = hours(params.refundWaitHours());
        long anyoneWait = hours(params.anyoneTakeWaitHours());
        for (Iterator<Contribution> it = unsettled.iterator(); it.hasNext(); ) {
            Contribution c = it.next();
            long age = nowMillis - c.timeMillis();
            if (age < refundWait) {
                break;
            }
            if (settle(agent, c, age, anyoneWait, nowMillis)) {
                it.remove();
            }
        }
    }

    private boolean settle(SumAgent agent, Contribution c, long age, long anyoneWait, long nowMillis) {
        if (age > anyoneWait) {
            escrow.take(c.depositId(), List.of(agent.name()), List.of(1L));
            claims++;
            taken += c.deposit();
            return true;
        }
        boolean agrees = context.model().get().predict(c.x()) == c.label();
        if (c.agent() == agent) {
            if (!agrees) {
                return false;
            }
            escrow.refund(c.depositId(), nowMillis);
            claims++;
            refunded += c.deposit();
            goodCounts.merge(agent, 1L, Long::sum);
            return true;
        }
        if (agrees || goodCounts.get(agent) == 0) {
            return false;
        }
        // every holder of good data except the contributor shares it; the reporter first (it gets the rounding remainder)
        List<String> takers = new ArrayList<>(List.of(agent.name()));
        List<Long> weights = new ArrayList<>(List.of(goodCounts.get(agent)));
        goodCounts.forEach((holder, count) -> {
            if (holder != agent && holder != c.agent() && count > 0) {
                takers.add(holder.name());
                weights.add(count);
            }
        });
        escrow.take(c.depositId(), takers, weights);
        claims++;
        taken += c.deposit();
        return true;
    }

    @Override
    public boolean active(SumAgent agent) {
        return escrow.balanceOf(agent.name()) > 0;
    }

    @Override
    public void close(long nowMillis) {}

    @Override
    public void save(DataOutputStream out) throws IOException {
        out.writeLong(lastUpdateMillis);
        out.writeLong(minted);
        out.writeLong(deposited);
        out.writeLong(refunded);
        out.writeLong(taken);
        for (SumAgent a : context.agents()) {
            out.writeLong(goodCounts.get(a));
        }
        SumBooks.writeContributions(out, unsettled);
    }

    @Override
    public void restore(DataInputStream in, SumBooks books) throws IOException {
        lastUpdateMillis = in.readLong();
        minted = in.readLong();
        deposited = in.readLong();
        refunded = in.readLong();
        taken = in.readLong();
        for (SumAgent a : context.agents()) {
            goodCounts.put(a, in.readLong());
        }
        unsettled.clear();
        unsettled.addAll(books.readContributions(in));
    }

    @Override
    public long minted() {
        return minted;
    }

    @Override
    public void report(Map<String, Double> extra) {
        for (SumAgent a : context.agents()) {
            extra.put("balance_pct_" + a.name(), percent(escrow.balanceOf(a.name()), a.params.balance()));
        }
        long escrowed = escrow.escrowed();
        extra.put("deposits", (double) deposited);
        extra.put("refunds", (double) refunded);
        extra.put("takes", (double) taken);
        extra.put("escrow", (double) escrowed);
        extra.put("total_money", (double) (context.agents().stream().mapToLong(a -> escrow.balanceOf(a.name())).sum() + escrowed));
    }

    static double percent(long balance, long start) {
        return start == 0 ? 0.0 : 100.0 * balance / start;
    }

    static long hours(double hours) {
        return Math.round(hours * HOUR_MS);
    }
}
