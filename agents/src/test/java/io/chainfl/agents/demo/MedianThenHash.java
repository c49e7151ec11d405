package io.chainfl.agents.demo;

import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.agents.round.UploadStrategy;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.aggregation.CoordinateMedian;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.engine.metrics.LedgerMetrics;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.learning.model.Model;
import java.util.List;

/**
 * A demonstration protocol, not shipped: the server applies the coordinate-wise median of the uploads and posts
 * only the hash of that median, so anyone holding the uploads can audit the step while the uploads stay off chain.
 * This file is the whole protocol: {@link io.chainfl.agents.ParameterServerActor} runs the rest of the round.
 */
public final class MedianThenHash implements UploadStrategy {
    public static final String SENDER = "server";
    public static final String KIND = "median";
    public static final Metric MEDIAN_OF = new Metric("median_of", "uploads", "uploads the median was taken over");
    public static final List<Metric> METRICS = List.of(MEDIAN_OF, LedgerMetrics.TXS);

    /** The hash of the round's median, posted once {@link #aggregate} took it. */
    private LedgerEntry medianHash;

    /** Nothing per upload goes on chain. */
    @Override
    public List<LedgerMessages.Transaction> transactions(int round, List<ClientUpdate> uploads) {
        return List.of();
    }

    @Override
    public float[] aggregate(int round, List<ClientUpdate> uploads) {
        float[] median = new CoordinateMedian().aggregate(uploads);
        medianHash = new LedgerEntry(round, SENDER, KIND, Hashes.sha256(median), 4L * median.length);
        return median;
    }

    @Override
    public List<ContractCall> aggregateCalls(int round) {
        return List.of(new ContractCall.PostHash(medianHash), new ContractCall.SealBlocks());
    }

    @Override
    public void report(int round, float[] globalBefore, List<ClientUpdate> uploads, Model global, RoundReport report) {
        report.metric(MEDIAN_OF, uploads.size());
        report.ledgerCost(LedgerMetrics.TXS);
    }
}
