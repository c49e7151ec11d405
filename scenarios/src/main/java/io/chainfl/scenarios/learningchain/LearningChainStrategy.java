package io.chainfl.scenarios.learningchain;

import io.chainfl.agents.FedAvgStrategy;
import io.chainfl.agents.adversary.Coalition;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.agents.round.UploadStrategy;
import io.chainfl.engine.Hashes;
import io.chainfl.engine.metrics.LedgerMetrics;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.learning.aggregation.Aggregator;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.Model;
import io.chainfl.ledger.LedgerEntry;
import java.util.List;
import java.util.Locale;

/**
 * One LearningChain round on the server actor's pipeline: every data holder's (noised) gradient is a transaction in the
 * round's first block, so every computing node sees the same gradients; the node that wins the proof-of-work race
 * ({@link MiningRace}) aggregates them with its rule and posts the model update in the next block under its own name.
 * The aggregation runs once, here: every node would compute the same aggregate from the same block, so simulating the
 * losers' work would change nothing but the wall clock.
 */
final class LearningChainStrategy implements UploadStrategy {
    static final Metric WINNER = new Metric("winner", "node", "computing node that won the round's proof-of-work race, aggregated and posted the model update");
    static final Metric WINNER_HASH_SHARE = new Metric("winner_hash_share", "fraction", "the winning node's share of the total hash power");
    static final Metric TEST_ERROR = new Metric("test_error", "fraction", "1 - accuracy of the updated global model on the test set");
    static final List<Metric> METRICS = List.of(FedAvgStrategy.PARTICIPANTS, WINNER, WINNER_HASH_SHARE, TEST_ERROR, LedgerMetrics.TXS, LedgerMetrics.BYTES);

    private final Aggregator aggregator;
    private final MiningRace race;
    private final Coalition coalition;
    private final Dataset test;
    private final int evalBatch;
    /** The round's winner and its block's entry, set by {@link #aggregate}; -1 and null in a round without gradients. */
    private int winner = -1;
    private LedgerEntry modelUpdate;

    LearningChainStrategy(Aggregator aggregator, MiningRace race, Coalition coalition, Dataset test, int evalBatch) {
        this.aggregator = aggregator;
        this.race = race;
        this.coalition = coalition;
        this.test = test;
        this.evalBatch = evalBatch;
    }

    @Override
    public void configureRound(int round, float[] global) {
        winner = -1;
        modelUpdate = null;
        aggregator.beginRound(round, global);
    }

    /** Colluding data holders send what they craft, so the chain records the crafted gradients. */
    @Override
    public List<ClientUpdate> uploads(int round, List<ClientUpdate> trained) {
        return coalition.apply(trained, round);
    }

    /** Each data holder broadcasts its gradient: its hash and size go on chain as the holder's transaction. */
    @Override
    public List<LedgerMessages.Transaction> transactions(int round, List<ClientUpdate> uploads) {
        return uploads.stream().map(u -> new LedgerMessages.Transaction(u.participantId(),
                new LedgerEntry(round, "holder-" + u.participantId(), "gradient", Hashes.sha256(u.delta()), 4L * u.delta().length))).toList();
    }

    @Override
    public float[] aggregate(int round, List<ClientUpdate> uploads) {
        winner = race.winner(round);
        float[] update = aggregator.aggregate(uploads);
        modelUpdate = new LedgerEntry(round, "node-" + winner, "model_update", Hashes.sha256(update), 4L * update.length);
        return update;
    }

    /** The winner's block: the model update it computed, sealed by the chain's proof-of-work model. */
    @Override
    public List<ContractCall> aggregateCalls(int round) {
        if (modelUpdate == null) {
            return List.of(); // no gradient arrived: nothing to aggregate, no block to mine
        }
        return List.of(new ContractCall.PostHash(modelUpdate), new ContractCall.SealBlocks());
    }

    @Override
    public void report(int round, float[] globalBefore, List<ClientUpdate> uploads, Model global, RoundReport report) {
        report.metric(FedAvgStrategy.PARTICIPANTS, uploads.size());
        report.metric(WINNER, winner);
        report.metric(WINNER_HASH_SHARE, winner < 0 ? Double.NaN : race.share(winner));
        // the server's pipeline evaluates the model but hands strategies no result; the same pure evaluation again
        report.metric(TEST_ERROR, 1.0 - Evaluation.evaluate(global, test, evalBatch).accuracy());
        report.ledgerCost(LedgerMetrics.TXS, LedgerMetrics.BYTES);
        if (winner < 0) {
            return;
        }
        report.event(new RunEvent(round, "block_mined", "node-" + winner,
                String.format(Locale.ROOT, "hash share %.4f; model update of %d gradients", race.share(winner), uploads.size())));
    }
}
