package io.chainfl.agents.async;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.FedAvgStrategy;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.RoundDone;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.engine.Hashes;
import io.chainfl.engine.kernel.VirtualClock;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.LedgerMetrics;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.EvalResult;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.Model;
import io.chainfl.ledger.LedgerEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntToLongFunction;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The fedavg server under asynchronous aggregation (FedAsync or FedBuff, {@link AsyncRule}). An {@link AsyncSchedule}
 * says, from the devices alone, which training's upload is in next in virtual time; the server takes uploads strictly
 * in that order, waiting for a training's result when the host has not finished it yet and keeping results that the
 * host finished early, so neither thread count nor message order changes what is applied. Each upload moves the run's
 * clock to its arrival; the participant (or, with fewer trainings at once than participants, a drawn idle one) starts
 * again at once on the model the server then holds. Every {@code eval_every} server versions the updates applied since
 * the last evaluation go on the ledger (their hashes, one block; an upload's round there is its number among the
 * applied uploads, since a participant can be applied twice between two evaluations) and the model is evaluated: one row of metrics.csv,
 * round = model version, {@code virtual_time_s} = when that version was made. The server does not wait for the block
 * (it is not on the training's path), so ledger time does not move the clock here. After {@code rows} evaluations the
 * run ends; trainings still under way are abandoned. With {@code publish: on_block} a version can be downloaded only
 * once its block is sealed ({@link BlockPublication}): the schedule holds a participant that finishes until then, and
 * the server keeps the parameters of the versions it may still start on.
 */
public final class AsyncServerActor {
    public static final Metric STALENESS_MEAN = new Metric("staleness_mean", "versions",
            "mean staleness of the updates applied since the previous row: server versions made between the version a participant trained on and the one its update went into");
    public static final Metric STALENESS_MAX = new Metric("staleness_max", "versions", "largest staleness among the updates applied since the previous row");

    public sealed interface Command extends CborSerializable permits Start, WrappedTrained, WrappedFailed, WrappedSealed {}

    /** Starts the first trainings at the clock's time. */
    public record Start() implements Command {}

    private record WrappedTrained(ParticipantActor.Trained trained) implements Command {}

    private record WrappedFailed(ParticipantActor.Failed failed) implements Command {}

    private record WrappedSealed(LedgerMessages.Sealed sealed) implements Command {}

    /**
     * What the server needs besides its actors.
     *
     * @param millisOf      virtual milliseconds from a participant's start to its upload being in (download, training, upload)
     * @param concurrency   trainings under way at once
     * @param rows          evaluations before the run ends
     * @param backdoorProbe triggered test images labelled with the backdoor's target, or null without a backdoor
     * @param publication   when a version becomes downloadable ({@link AsyncSchedule.Publication#IMMEDIATE}, or at its block)
     */
    public record Setup(String series, AsyncParams params, AsyncRule rule, IntToLongFunction millisOf, int concurrency, int rows, Dataset test,
                        int evalBatch, Dataset backdoorProbe, VirtualClock clock, RunListener listener,
                        SeedStreams seeds, AsyncSchedule.Publication publication) {}

    private final ActorContext<Command> context;
    private final Setup setup;
    private final Map<Integer, ActorRef<ParticipantActor.Command>> participants;
    private final Model global;
    private final ActorRef<LedgerMessages.Command> ledger;
    private final CompletableFuture<Void> done;
    private final ActorRef<ParticipantActor.Trained> trainedAdapter;
    private final ActorRef<ParticipantActor.Failed> failedAdapter;
    private final ActorRef<LedgerMessages.Sealed> sealedAdapter;
    /** Results the host finished before their turn, by (participant, training). */
    private final Map<Long, ParticipantActor.Trained> finished = new HashMap<>();
    /** The parameters each training under way started from (shared by the trainings of one version). */
    private final Map<Long, float[]> bases = new HashMap<>();
    private AsyncSchedule schedule;
    private long version;
    private float[] snapshot;
    private long snapshotVersion = -1;
    /** With versions published on blocks: the parameters of every version a waiting participant may still start on. */
    private final TreeMap<Long, float[]> unpublished = new TreeMap<>();
    private int rowsDone;
    /** Uploads posted to the ledger so far. */
    private long posted;
    private Row row;

    /** What the row being gathered has applied so far. */
    private final class Row {
        final RoundReport report;
        final List<AsyncRule.Upload> applied = new ArrayList<>();

        Row(long round) {
            report = RoundReport.begin(setup.series(), Math.toIntExact(round));
        }
    }

    public static Behavior<Command> create(Setup setup, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model global,
                                           ActorRef<LedgerMessages.Command> ledger, CompletableFuture<Void> done) {
        return Behaviors.setup(ctx -> new AsyncServerActor(ctx, setup, participants, global, ledger, done).waitingToStart());
    }

    private AsyncServerActor(ActorContext<Command> context, Setup setup, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model global,
                             ActorRef<LedgerMessages.Command> ledger, CompletableFuture<Void> done) {
        this.context = context;
        this.setup = setup;
        this.participants = new TreeMap<>(participants);
        this.global = global;
        this.ledger = ledger;
        this.done = done;
        this.trainedAdapter = context.messageAdapter(ParticipantActor.Trained.class, WrappedTrained::new);
        this.failedAdapter = context.messageAdapter(ParticipantActor.Failed.class, WrappedFailed::new);
        this.sealedAdapter = context.messageAdapter(LedgerMessages.Sealed.class, WrappedSealed::new);
    }

    private static long key(int participant, int training) {
        return ((long) participant << 32) | (training & 0xffffffffL);
    }

    private Behavior<Command> waitingToStart() {
        return Behaviors.receive(Command.class)
                .onMessage(Start.class, s -> guarded(() -> {
                    schedule = AsyncSchedule.start(List.copyOf(participants.keySet()), setup.concurrency(), setup.millisOf(), setup.seeds(),
                            setup.clock().nowMillis(), setup.publication());
                    if (publishesOnBlocks()) {
                        unpublished.put(0L, global.params().clone());
                    }
                    row = new Row(setup.params().evalEvery());
                    schedule.inFlight().forEach(job -> dispatch(job, currentParams()));
                    return takeUploads();
                }))
                .build();
    }

    /** Taking uploads in virtual-time order as their results come in. */
    private Behavior<Command> taking() {
        return Behaviors.receive(Command.class)
                .onMessage(WrappedTrained.class, w -> guarded(() -> {
                    keep(w.trained());
                    return takeUploads();
                }))
                .onMessage(WrappedFailed.class, w -> guarded(() -> failed(w.failed())))
                .build();
    }

    /** While the row's block is sealed: results keep arriving and wait for their turn. */
    private Behavior<Command> sealing() {
        return Behaviors.receive(Command.class)
                .onMessage(WrappedTrained.class, w -> guarded(() -> {
                    keep(w.trained());
                    return Behaviors.same();
                }))
                .onMessage(WrappedFailed.class, w -> guarded(() -> failed(w.failed())))
                .onMessage(WrappedSealed.class, w -> guarded(() -> sealed(w.sealed())))
                .build();
    }

    private void keep(ParticipantActor.Trained trained) {
        finished.put(key(trained.participantId(), trained.round()), trained);
    }

    /** The failure policies that drop or retry participants are refused for asynchronous aggregation, so any failure ends the run. */
    private Behavior<Command> failed(ParticipantActor.Failed failed) {
        throw new IllegalStateException("participant " + failed.participantId() + " failed training " + failed.round() + ": " + failed.error());
    }

    private void dispatch(AsyncSchedule.Job job, float[] base) {
        bases.put(key(job.participant(), job.training()), base);
        participants.get(job.participant()).tell(new ParticipantActor.Train(job.training(), base, trainedAdapter, failedAdapter, 1));
    }

    /** Takes every upload whose result is here, in schedule order, until one is missing or a row is due. */
    private Behavior<Command> takeUploads() {
        while (true) {
            for (AsyncSchedule.Job due : schedule.startDue()) {
                // it waited for a published version, possibly older than the server's current one
                unpublished.headMap(due.baseVersion()).clear();
                dispatch(due, unpublished.get(due.baseVersion()));
            }
            AsyncSchedule.Job job = schedule.next();
            long key = key(job.participant(), job.training());
            ParticipantActor.Trained trained = finished.remove(key);
            if (trained == null) {
                return taking();
            }
            setup.clock().advanceTo(job.arrivalMillis());
            float[] base = bases.remove(key);
            AsyncRule.Upload upload = new AsyncRule.Upload(job.participant(), trained.delta(), trained.samples(), trained.trainLoss(), base,
                    version - job.baseVersion());
            List<AsyncRule.Upload> applied = setup.rule().take(global.params(), upload, version);
            if (!applied.isEmpty()) {
                version++;
                row.applied.addAll(applied);
                if (publishesOnBlocks()) {
                    unpublished.put(version, global.params().clone());
                }
            }
            for (AsyncSchedule.Job next : schedule.take(job, version)) {
                dispatch(next, currentParams());
            }
            if (!applied.isEmpty() && version % setup.params().evalEvery() == 0) {
                List<LedgerMessages.Transaction> transactions = new ArrayList<>();
                for (AsyncRule.Upload u : row.applied) {
                    // the board takes one post per (round, sender, kind): an upload's "round" there is its number among the applied ones
                    posted++;
                    transactions.add(new LedgerMessages.Transaction(u.participant(), new LedgerEntry(Math.toIntExact(posted), "participant-" + u.participant(),
                            "update", Hashes.sha256(u.delta()), 4L * u.delta().length)));
                }
                ledger.tell(new LedgerMessages.Submit(transactions));
                ledger.tell(new LedgerMessages.Seal(sealedAdapter));
                return sealing();
            }
        }
    }

    private boolean publishesOnBlocks() {
        return setup.publication() != AsyncSchedule.Publication.IMMEDIATE;
    }

    /** The current version's parameters, copied once per version and shared by every training that starts on it. */
    private float[] currentParams() {
        if (snapshotVersion != version) {
            snapshot = global.params().clone();
            snapshotVersion = version;
        }
        return snapshot;
    }

    private Behavior<Command> sealed(LedgerMessages.Sealed sealed) {
        sealed.outcomes().stream().filter(o -> o.revertReason() != null).findFirst().ifPresent(o -> {
            throw new IllegalStateException("the ledger reverted " + o.sender() + "'s " + o.kind() + " of version " + o.round() + ": " + o.revertReason());
        });
        RoundReport report = row.report;
        report.ledgerSeen(sealed.before(), sealed.stats());
        EvalResult eval = report.evaluate(global, setup.test(), setup.evalBatch());
        long stalenessSum = 0;
        long stalenessMax = 0;
        for (AsyncRule.Upload u : row.applied) {
            report.participant(u.participant(), u.samples(), u.trainLoss(), true);
            stalenessSum += u.staleness();
            stalenessMax = Math.max(stalenessMax, u.staleness());
        }
        report.metric(FedAvgStrategy.PARTICIPANTS, row.applied.size());
        report.ledgerCost(LedgerMetrics.TXS, LedgerMetrics.BYTES);
        if (setup.backdoorProbe() != null) {
            report.metric(FedAvgStrategy.ATTACK_SUCCESS_RATE, Evaluation.evaluate(global, setup.backdoorProbe(), setup.evalBatch()).accuracy());
        }
        report.metric(STALENESS_MEAN, (double) stalenessSum / row.applied.size());
        report.metric(STALENESS_MAX, stalenessMax);
        RoundDone result = report.done(eval);
        RunListener listener = setup.listener();
        result.participants().forEach(listener::onParticipant);
        result.events().forEach(listener::onEvent);
        result.timings().forEach(listener::onTiming);
        listener.onRound(withTime(result.metrics(), setup.clock().nowMillis()));
        rowsDone++;
        if (rowsDone == setup.rows()) {
            done.complete(null);
            return Behaviors.stopped();
        }
        row = new Row((rowsDone + 1L) * setup.params().evalEvery());
        return takeUploads();
    }

    private static RoundMetrics withTime(RoundMetrics row, long nowMillis) {
        TreeMap<String, Double> extra = new TreeMap<>(row.extra());
        extra.put(VirtualTime.COLUMN, VirtualTime.seconds(nowMillis));
        return new RoundMetrics(row.series(), row.round(), row.accuracy(), row.loss(), row.macroF1(), row.trainLoss(), extra);
    }

    /** Whatever a step throws ends the run with it. */
    private Behavior<Command> guarded(Supplier<Behavior<Command>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return Behaviors.stopped();
        }
    }
}
