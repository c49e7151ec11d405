package io.chainfl.agents;

import io.chainfl.agents.adversary.Coalition;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.agents.round.UploadStrategy;
import io.chainfl.learning.aggregation.Aggregator;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.data.Dataset;
import io.chainfl.engine.Hashes;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.engine.metrics.LedgerMetrics;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.Model;
import java.util.List;

/**
 * Federated averaging (or a robust aggregator): every upload's hash goes on the bulletin board, the configured
 * rule combines the uploads. A coalition attack, when configured, rewrites the colluders' updates before anything
 * else sees them (it stands for colluders who know the benign updates); a backdoor probe, when given, adds
 * {@link #ATTACK_SUCCESS_RATE}; an observer (a passive adversary) adds its own metrics.
 */
public final class FedAvgStrategy implements UploadStrategy {
    public static final Metric PARTICIPANTS = new Metric("participants", "uploads", "uploads the server aggregated in the round");
    public static final Metric ATTACK_SUCCESS_RATE = new Metric("attack_success_rate", "fraction",
            "triggered test images of other classes that the global model classifies as the backdoor's target");

    private final Aggregator aggregator;
    private final Coalition coalition;
    private final Dataset backdoorProbe;
    private final RoundObserver observer;
    private final int evalBatch;

    /**
     * @param coalition     crafts the colluders' uploads from the benign ones ({@link Coalition#none()} for none)
     * @param backdoorProbe triggered test images labelled with the backdoor target, or null without a backdoor
     */
    public FedAvgStrategy(Aggregator aggregator, Coalition coalition, Dataset backdoorProbe, RoundObserver observer, int evalBatch) {
        this.aggregator = aggregator;
        this.coalition = coalition;
        this.backdoorProbe = backdoorProbe;
        this.observer = observer;
        this.evalBatch = evalBatch;
    }

    /** The metrics it reports, in column order: with a backdoor probe also its success rate, then the observer's. */
    public static List<Metric> metrics(boolean backdoor, List<Metric> observed) {
        List<Metric> metrics = new java.util.ArrayList<>(List.of(PARTICIPANTS, LedgerMetrics.TXS, LedgerMetrics.BYTES));
        if (backdoor) {
            metrics.add(ATTACK_SUCCESS_RATE);
        }
        metrics.addAll(observed);
        return List.copyOf(metrics);
    }

    @Override
    public void configureRound(int round, float[] global) {
        aggregator.beginRound(round, global);
    }

    /** The colluders upload what they craft, so the ledger records the crafted updates. */
    @Override
    public List<ClientUpdate> uploads(int round, List<ClientUpdate> trained) {
        return coalition.apply(trained, round);
    }

    @Override
    public List<LedgerMessages.Transaction> transactions(int round, List<ClientUpdate> uploads) {
        return uploads.stream().map(u -> new LedgerMessages.Transaction(u.participantId(),
                new LedgerEntry(round, "participant-" + u.participantId(), "update", Hashes.sha256(u.delta()), 4L * u.delta().length))).toList();
    }

    @Override
    public float[] aggregate(int round, List<ClientUpdate> uploads) {
        return aggregator.aggregate(uploads);
    }

    @Override
    public void report(int round, float[] globalBefore, List<ClientUpdate> uploads, Model global, RoundReport report) {
        report.metric(PARTICIPANTS, uploads.size());
        report.ledgerCost(LedgerMetrics.TXS, LedgerMetrics.BYTES);
        if (backdoorProbe != null) {
            report.metric(ATTACK_SUCCESS_RATE, Evaluation.evaluate(global, backdoorProbe, evalBatch).accuracy());
        }
        report.metrics().putAll(observer.observe(round, globalBefore, uploads));
    }
}
