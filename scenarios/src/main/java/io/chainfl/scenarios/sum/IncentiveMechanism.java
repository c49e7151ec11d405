package io.chainfl.scenarios.sum;

import io.chainfl.engine.ledger.Ledger;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.RunListener;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Accepts or rejects each addData with its payment, and settles rewards and penalties in virtual time. */
interface IncentiveMechanism {
    /** What a mechanism works with: the ledger (money and records), the agents, the hosted model, the event log. */
    record Context(Ledger ledger, List<SumAgent> agents, Supplier<OnlineModel> model, RunListener listener, Supplier<Integer> day) {
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

    /** Fills this mechanism's metric columns (see {@link #columns}). */
    void report(Map<String, Double> extra);

    /** The columns {@link #report} fills for these params, fixed for a config. */
    static List<String> columns(SumParams params) {
        List<String> columns = new java.util.ArrayList<>();
        if (params.incentive().type() == IncentiveParams.Type.GAMIFICATION) {
            params.agents().forEach(a -> columns.add("points_" + a.name()));
            columns.add("badges");
            return columns;
        }
        params.agents().forEach(a -> columns.add("balance_pct_" + a.name()));
        if (params.incentive().type() == IncentiveParams.Type.PREDICTION_MARKET) {
            columns.add("balance_pct_" + params.incentive().market().provider());
            columns.add("dropped");
        }
        columns.addAll(List.of("deposits", "refunds", "takes", "escrow", "total_money"));
        return columns;
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
