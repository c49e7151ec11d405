package io.chainfl.scenarios.sum;

import io.chainfl.agents.ledger.LedgerClient;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Accepts or rejects each addData with its payment, and settles rewards and penalties in virtual time. */
interface IncentiveMechanism {
    /**
     * What a mechanism works with: the ledger service (money and records, through the run's client on the clock's
     * thread), the agents, the hosted model, the event log.
     */
    record Context(LedgerClient ledger, List<SumAgent> agents, Supplier<OnlineModel> model, RunListener listener, Supplier<Integer> day) {
        void event(String kind, String subject, String detail) {
            listener.onEvent(new RunEvent(day.get(), kind, subject, detail));
        }
    }

    /** @param depositId escrow deposit id of the contribution, 0 when it carries none */
    record Admission(boolean accepted, long depositId, long amount) {
        static final Admission REJECTED = new Admission(false, 0, 0);
    }

    /** Set-up at time 0: mint balances, deposit a bounty, commit a test set. */
    void open(long nowMillis);

    Admission admit(SumAgent agent, long offer, long nowMillis);

    /** The contribution was recorded and the model updated. */
    void added(Contribution contribution);

    /** The agent's turn: it claims whatever refunds or takes are due (reference: on every action). */
    void onTurn(SumAgent agent, long nowMillis);

    /** Refunds and takes the agents claimed so far (each one transaction an agent signs and sends); 0 where there are none. */
    default long claims() {
        return 0;
    }

    /** Whether the agent keeps acting (money left, not dropped). */
    boolean active(SumAgent agent);

    /** End of the run: reveal and reward, for mechanisms that settle at the end. */
    void close(long nowMillis);

    /** Money created at set-up (0 for gamification): balances + escrow must always add up to it. */
    long minted();

    /** Writes the books kept between days (balances and deposits are the ledger's, which the run checkpoints). */
    void save(java.io.DataOutputStream out) throws java.io.IOException;

    /** Takes back the books {@link #save} wrote, instead of {@link #open}: the ledger already holds the set-up. */
    void restore(java.io.DataInputStream in, SumBooks books) throws java.io.IOException;

    /** Fills this mechanism's metrics (see {@link #metrics}), by name. */
    void report(Map<String, Double> extra);

    /** The metrics {@link #report} fills for these params, fixed for a config: per-agent ones are named after the agent. */
    static List<Metric> metrics(SumParams params) {
        List<Metric> metrics = new java.util.ArrayList<>();
        if (params.incentive().type() == IncentiveParams.Type.GAMIFICATION) {
            params.agents().forEach(a -> metrics.add(new Metric("points_" + a.name(), "points", "points agent " + a.name() + " earned so far")));
            metrics.add(new Metric("badges", "badges", "badges awarded so far"));
            return metrics;
        }
        params.agents().forEach(a -> metrics.add(balance(a.name())));
        if (params.incentive().type() == IncentiveParams.Type.PREDICTION_MARKET) {
            metrics.add(balance(params.incentive().market().provider()));
            metrics.add(new Metric("dropped", "agents", "agents dropped from the market so far"));
        }
        metrics.add(new Metric("deposits", "money", "deposits paid so far"));
        metrics.add(new Metric("refunds", "money", "deposits refunded so far"));
        metrics.add(new Metric("takes", "money", "deposits taken by others so far"));
        metrics.add(new Metric("escrow", "money", "money held by the contract"));
        metrics.add(new Metric("total_money", "money", "balances plus escrow (constant unless money leaks)"));
        return metrics;
    }

    private static Metric balance(String agent) {
        return new Metric("balance_pct_" + agent, "% of start", "balance of " + agent + " as a percentage of its starting balance");
    }

    static IncentiveMechanism create(SumParams params, Context context, SumData data, OnlineModel initialModel, long endMillis,
                                     io.chainfl.engine.seed.SeedStreams seeds) {
        return switch (params.incentive().type()) {
            case DEPOSIT -> new DepositRefundTake(params.incentive().deposit(), context);
            case PREDICTION_MARKET -> new PredictionMarket(params.incentive().market(), context, data.test(), initialModel, endMillis, seeds);
            case GAMIFICATION -> new Gamification(params.incentive().gamification(), context);
        };
    }
}
