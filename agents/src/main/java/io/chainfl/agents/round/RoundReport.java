package io.chainfl.agents.round;

import io.chainfl.agents.RoundDone;
import io.chainfl.learning.data.Dataset;
import io.chainfl.ledger.LedgerStats;
import io.chainfl.engine.metrics.LedgerMetrics;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.engine.metrics.MetricValues;
import io.chainfl.engine.metrics.ParticipantMetrics;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import io.chainfl.learning.model.EvalResult;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a round, written once for every server-driven protocol: it gathers the round's phase timings,
 * events, participant rows and metrics as the protocol produces them, charges the ledger's cost since the round
 * began, evaluates the new global model (timed as "evaluate"), and turns all of it into the {@link RoundDone} the
 * driver records. The train loss of the round is the sample-weighted mean over the uploads that count (those
 * the protocol applied), skipping non-finite losses.
 */
public final class RoundReport {
    private final String series;
    private final int round;
    private LedgerStats ledgerBefore;
    private LedgerStats ledgerLatest;
    private final Stopwatch sinceStart = Stopwatch.start();
    private final List<TimingRecord> timings = new ArrayList<>();
    private final List<RunEvent> events = new ArrayList<>();
    private final List<ParticipantMetrics> participants = new ArrayList<>();
    private final MetricValues metrics = new MetricValues();
    private double lossSum;
    private long lossSamples;
    private long deviceMillis;
    private long serverMillis;

    private RoundReport(String series, int round) {
        this.series = series;
        this.round = round;
    }

    /**
     * Call when the round starts: {@link #sinceStart()} counts from here, and the ledger's cost from the counters before
     * the round's first reply of the ledger service ({@link #ledgerSeen}): the protocol's driver is the ledger's only
     * writer, so nothing changes them in between.
     */
    public static RoundReport begin(String series, int round) {
        return new RoundReport(series, round);
    }

    /** The ledger's counters before and after a reply of the ledger service (a seal, a batch of contract calls) in this round. */
    public void ledgerSeen(LedgerStats before, LedgerStats after) {
        if (ledgerBefore == null) {
            ledgerBefore = before;
        }
        ledgerLatest = after;
    }

    public String series() {
        return series;
    }

    public int round() {
        return round;
    }

    /** Milliseconds since the round began (phases timed from the start of the round, such as "train"). */
    public double sinceStart() {
        return sinceStart.elapsedMillis();
    }

    public void timing(String phase, double millis) {
        timings.add(new TimingRecord(series, round, phase, millis));
    }

    public void event(RunEvent event) {
        events.add(event);
    }

    public void events(List<RunEvent> more) {
        events.addAll(more);
    }

    /** The events so far, in order (a protocol counting its own events, such as forfeits). */
    public List<RunEvent> eventsSoFar() {
        return List.copyOf(events);
    }

    /**
     * One participant's row of {@code participants.csv}; {@code counts} says whether its upload was applied and so
     * weighs in the round's train loss.
     */
    public void participant(int id, int samples, double trainLoss, boolean counts) {
        participants.add(new ParticipantMetrics(series, round, id, samples, trainLoss));
        if (counts && Double.isFinite(trainLoss)) {
            lossSum += trainLoss * samples;
            lossSamples += samples;
        }
    }

    /** Whether the round has a row for participant {@code id} (it uploaded, or failed, this round). */
    public boolean hasParticipant(int id) {
        return participants.stream().anyMatch(p -> p.participant() == id);
    }

    /**
     * Sets one of the participant columns its scenario declared on participant {@code id}'s row of this round (a reward's
     * valuation and payout, known after aggregation).
     *
     * @throws IllegalStateException when the round has no row for {@code id}
     */
    public void participantMetric(int id, Metric metric, double value) {
        for (int i = 0; i < participants.size(); i++) {
            if (participants.get(i).participant() == id) {
                participants.set(i, participants.get(i).with(metric, value));
                return;
            }
        }
        throw new IllegalStateException("round " + round + " has no row for participant " + id + " to set " + metric.name() + " on");
    }

    /** The virtual milliseconds the round spends on devices (its {@link RoundPace.Plan}), before its ledger part. */
    public void deviceTime(long millis) {
        deviceMillis = millis;
    }

    /** The virtual milliseconds of the server's own work (devices.server_work), after the devices' part; a server_ms column. */
    public void serverTime(long millis) {
        serverMillis = millis;
        metrics.put(ServerTime.SERVER_MS, millis);
    }

    public MetricValues metrics() {
        return metrics;
    }

    public void metric(Metric metric, double value) {
        metrics.put(metric, value);
    }

    /** What the round cost the ledger so far. */
    public LedgerStats ledgerSpent() {
        return ledgerBefore == null ? LedgerStats.EMPTY : ledgerLatest.minus(ledgerBefore);
    }

    /** Reports the ledger's cost since the round began as the given metrics of {@link LedgerMetrics}. */
    public void ledgerCost(Metric... which) {
        LedgerStats spent = ledgerSpent();
        for (Metric m : which) {
            if (m.equals(LedgerMetrics.TXS)) {
                metrics.put(m, spent.transactions());
            } else if (m.equals(LedgerMetrics.BYTES)) {
                metrics.put(m, spent.payloadBytes());
            } else if (m.equals(LedgerMetrics.GAS)) {
                metrics.put(m, spent.gasUsed());
            } else if (m.equals(LedgerMetrics.MS)) {
                metrics.put(m, spent.virtualTimeMillis());
            } else {
                throw new IllegalArgumentException(m.name() + " is not a ledger metric");
            }
        }
    }

    /** Evaluates the global model on the test set, timed as the "evaluate" phase. */
    public EvalResult evaluate(Model global, Dataset test, int batch) {
        Stopwatch clock = Stopwatch.start();
        EvalResult eval = Evaluation.evaluate(global, test, batch);
        timing("evaluate", clock.elapsedMillis());
        return eval;
    }

    public RoundDone done(EvalResult eval) {
        RoundMetrics row = new RoundMetrics(series, round, eval.accuracy(), eval.meanLoss(), eval.macroF1(),
                lossSamples == 0 ? Double.NaN : lossSum / lossSamples, metrics.byName());
        return new RoundDone(row, participants, events, timings, deviceMillis + serverMillis, ledgerSpent().virtualTimeMillis());
    }
}
