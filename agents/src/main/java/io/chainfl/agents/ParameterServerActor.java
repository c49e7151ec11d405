package io.chainfl.agents;

import io.chainfl.agents.adversary.Coalition;
import io.chainfl.engine.aggregation.Aggregator;
import io.chainfl.engine.aggregation.ClientUpdate;
import io.chainfl.engine.data.Dataset;
import io.chainfl.engine.ledger.Hashes;
import io.chainfl.engine.ledger.Ledger;
import io.chainfl.engine.ledger.LedgerEntry;
import io.chainfl.engine.ledger.LedgerStats;
import io.chainfl.engine.metrics.ParticipantMetrics;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import io.chainfl.engine.model.EvalResult;
import io.chainfl.engine.model.Evaluation;
import io.chainfl.engine.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps the global model. Per round it sends the model to the selected participants, collects their
 * updates, records each update's hash on the ledger, aggregates them in participant-id order and evaluates
 * the new global model on the held-out test set. A coalition attack, when configured, rewrites the colluders'
 * updates before anything else sees them (it stands for colluders who know the benign updates); a backdoor
 * probe, when given, adds the {@code attack_success_rate} metric.
 */
public final class ParameterServerActor extends AbstractBehavior<ParameterServerActor.Command> {

    public sealed interface Command extends CborSerializable permits RunRound, WrappedTrained, WrappedFailed, ParticipantChange {}

    /** Run one round with the given participants (ids sorted) and report to {@code replyTo}. */
    public record RunRound(int round, List<Integer> selected, ActorRef<RoundDone> replyTo) implements Command {}

    private record WrappedTrained(ParticipantActor.Trained trained) implements Command {}

    private record WrappedFailed(ParticipantActor.Failed failed) implements Command {}

    private final String series;
    private final Map<Integer, ActorRef<ParticipantActor.Command>> participants;
    private final Model globalModel;
    private final Aggregator aggregator;
    private final Ledger ledger;
    private final Dataset testSet;
    private final int evalBatch;
    private final Coalition coalition;
    private final Dataset backdoorProbe;
    private final ParticipantMemory memory;
    private RoundObserver observer = RoundObserver.NONE;
    private final ActorRef<ParticipantActor.Trained> trainedAdapter;
    private final ActorRef<ParticipantActor.Failed> failedAdapter;

    private RoundState current;
    private int lastRound;
    /** Participant losses not yet reported, by participant id: they go out with the next finished round, in id order. */
    private final TreeMap<Integer, List<RunEvent>> pendingEvents = new TreeMap<>();

    private static final class RoundState {
        final RunRound request;
        /** The selected participants still in the run: the round ends when each of them has reported or failed. */
        final TreeSet<Integer> expected;
        final TreeMap<Integer, ParticipantActor.Trained> received = new TreeMap<>();
        final TreeMap<Integer, ParticipantActor.Failed> failed = new TreeMap<>();
        final Stopwatch clock = Stopwatch.start();
        final float[] global;

        RoundState(RunRound request, TreeSet<Integer> expected, float[] global) {
            this.request = request;
            this.expected = expected;
            this.global = global;
        }

        boolean complete() {
            return expected.stream().allMatch(id -> received.containsKey(id) || failed.containsKey(id));
        }
    }

    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           Aggregator aggregator, Ledger ledger, Dataset testSet, int evalBatch) {
        return create(series, participants, globalModel, aggregator, ledger, testSet, evalBatch, Coalition.none(), null);
    }

    /**
     * @param coalition     crafts the colluders' uploads from the benign ones ({@link Coalition#none()} for none)
     * @param backdoorProbe triggered test images labelled with the backdoor target, or null without a backdoor
     */
    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           Aggregator aggregator, Ledger ledger, Dataset testSet, int evalBatch, Coalition coalition,
                                           Dataset backdoorProbe) {
        return create(series, participants, globalModel, aggregator, ledger, testSet, evalBatch, coalition, backdoorProbe, new ParticipantMemory());
    }

    /** @param memory the participants' memory: who was dropped after a failure is never asked again */
    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           Aggregator aggregator, Ledger ledger, Dataset testSet, int evalBatch, Coalition coalition,
                                           Dataset backdoorProbe, ParticipantMemory memory) {
        return Behaviors.setup(ctx -> new ParameterServerActor(ctx, series, participants, globalModel, aggregator, ledger, testSet, evalBatch,
                coalition, backdoorProbe, memory));
    }

    /** As above, with a passive observer (a property-inference adversary) that adds metric columns. */
    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           Aggregator aggregator, Ledger ledger, Dataset testSet, int evalBatch, Coalition coalition,
                                           Dataset backdoorProbe, ParticipantMemory memory, RoundObserver observer) {
        return Behaviors.setup(ctx -> {
            ParameterServerActor server = new ParameterServerActor(ctx, series, participants, globalModel, aggregator, ledger, testSet, evalBatch,
                    coalition, backdoorProbe, memory);
            server.observer = observer;
            return server;
        });
    }

    private ParameterServerActor(ActorContext<Command> context, String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants,
                                 Model globalModel, Aggregator aggregator, Ledger ledger, Dataset testSet, int evalBatch, Coalition coalition,
                                 Dataset backdoorProbe, ParticipantMemory memory) {
        super(context);
        this.series = series;
        this.participants = new TreeMap<>(participants);
        this.globalModel = globalModel;
        this.aggregator = aggregator;
        this.ledger = ledger;
        this.testSet = testSet;
        this.evalBatch = evalBatch;
        this.coalition = coalition;
        this.backdoorProbe = backdoorProbe;
        this.memory = memory;
        this.trainedAdapter = context.messageAdapter(ParticipantActor.Trained.class, WrappedTrained::new);
        this.failedAdapter = context.messageAdapter(ParticipantActor.Failed.class, WrappedFailed::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunRound.class, this::onRunRound)
                .onMessage(WrappedTrained.class, w -> onTrained(w.trained()))
                .onMessage(WrappedFailed.class, w -> onFailed(w.failed()))
                .onMessage(ParticipantChange.class, this::onParticipantChange)
                .build();
    }

    private Behavior<Command> onRunRound(RunRound request) {
        if (current != null) {
            throw new IllegalStateException("round " + request.round() + " requested while round " + current.request.round() + " is running");
        }
        TreeSet<Integer> active = new TreeSet<>();
        for (int id : request.selected()) {
            if (!memory.isDropped(id) && participants.containsKey(id)) {
                active.add(id);
            }
        }
        float[] global = globalModel.params().toFloatVector();
        current = new RoundState(request, active, global);
        aggregator.beginRound(request.round(), global);
        if (active.isEmpty()) {
            finishRound();
            return this;
        }
        for (int id : active) {
            participants.get(id).tell(new ParticipantActor.Train(request.round(), global, trainedAdapter, failedAdapter, 1));
        }
        return this;
    }

    private Behavior<Command> onFailed(ParticipantActor.Failed failed) {
        if (current == null || failed.round() != current.request.round()) {
            getContext().getLog().warn("participant {} failed after round {} was over", failed.participantId(), failed.round());
            return this;
        }
        current.failed.put(failed.participantId(), failed);
        if (current.complete()) {
            finishRound();
        }
        return this;
    }

    private Behavior<Command> onTrained(ParticipantActor.Trained trained) {
        if (current == null || trained.round() != current.request.round()) {
            getContext().getLog().warn("ignoring a late update from participant {} for round {}", trained.participantId(), trained.round());
            return this;
        }
        current.received.put(trained.participantId(), trained);
        if (current.complete()) {
            finishRound();
        }
        return this;
    }

    /** A participant lost with its cluster member: follow it to its new place, or stop waiting for it. */
    private Behavior<Command> onParticipantChange(ParticipantChange change) {
        int id = change.participantId();
        int round = current != null ? current.request.round() : lastRound + 1;
        boolean owesUpdate = current != null && current.expected.contains(id) && !current.received.containsKey(id)
                && !current.failed.containsKey(id);
        if (change.replacement() == null) {
            participants.remove(id);
            pendingEvents.computeIfAbsent(id, k -> new ArrayList<>()).add(new RunEvent(round, "participant_dropped", "participant-" + id, change.detail()));
            if (owesUpdate) {
                current.expected.remove(id);
                if (current.complete()) {
                    finishRound();
                }
            }
        } else {
            participants.put(id, change.replacement());
            pendingEvents.computeIfAbsent(id, k -> new ArrayList<>())
                    .add(new RunEvent(round, "participant_reassigned", "participant-" + id, change.detail()));
            if (owesUpdate) {
                change.replacement().tell(new ParticipantActor.Train(round, current.global, trainedAdapter, failedAdapter, 1));
            }
        }
        return this;
    }

    private void finishRound() {
        RoundState state = current;
        current = null;
        int round = state.request.round();
        lastRound = round;
        List<TimingRecord> timings = new ArrayList<>();
        timings.add(new TimingRecord(series, round, "train", state.clock.elapsedMillis()));

        Stopwatch ledgerClock = Stopwatch.start();
        LedgerStats before = ledger.stats();
        List<ClientUpdate> trained = new ArrayList<>();
        for (ParticipantActor.Trained t : state.received.values()) {
            trained.add(new ClientUpdate(t.participantId(), t.delta(), t.samples()));
        }
        // the colluders upload what they craft, so the ledger records the crafted updates
        List<ClientUpdate> updates = coalition.apply(trained, round);
        List<ParticipantMetrics> participantMetrics = new ArrayList<>();
        double lossSum = 0;
        long samples = 0;
        for (ClientUpdate u : updates) {
            ledger.bulletinBoard().post(new LedgerEntry(round, "participant-" + u.participantId(), "update", Hashes.sha256(u.delta()), 4L * u.delta().length));
        }
        for (ParticipantActor.Trained t : state.received.values()) {
            participantMetrics.add(new ParticipantMetrics(series, round, t.participantId(), t.samples(), t.trainLoss()));
            if (Double.isFinite(t.trainLoss())) {
                lossSum += t.trainLoss() * t.samples();
                samples += t.samples();
            }
        }
        ledger.seal();
        LedgerStats delta = ledger.stats().minus(before);
        timings.add(new TimingRecord(series, round, "ledger", ledgerClock.elapsedMillis()));

        Stopwatch aggregateClock = Stopwatch.start();
        if (!updates.isEmpty()) {
            float[] change = aggregator.aggregate(updates);
            globalModel.params().addi(Nd4j.create(change, new long[] {change.length}, DataType.FLOAT));
        }
        timings.add(new TimingRecord(series, round, "aggregate", aggregateClock.elapsedMillis()));

        Stopwatch evalClock = Stopwatch.start();
        EvalResult eval = Evaluation.evaluate(globalModel, testSet, evalBatch);
        timings.add(new TimingRecord(series, round, "evaluate", evalClock.elapsedMillis()));

        TreeMap<String, Double> extra = new TreeMap<>();
        extra.put("participants", (double) updates.size());
        extra.put("ledger_txs", (double) delta.transactions());
        extra.put("ledger_bytes", (double) delta.payloadBytes());
        if (backdoorProbe != null) {
            extra.put("attack_success_rate", Evaluation.evaluate(globalModel, backdoorProbe, evalBatch).accuracy());
        }
        extra.putAll(observer.observe(round, state.global, updates));
        RoundMetrics metrics = new RoundMetrics(series, round, eval.accuracy(), eval.meanLoss(), eval.macroF1(),
                samples == 0 ? Double.NaN : lossSum / samples, extra);
        state.request.replyTo().tell(new RoundDone(metrics, participantMetrics, events(state), timings));
    }

    /** Losses reported since the last round, then this round's failures; in participant-id order, like everything else the server reports. */
    private List<RunEvent> events(RoundState state) {
        TreeMap<Integer, List<RunEvent>> events = new TreeMap<>(pendingEvents);
        pendingEvents.clear();
        int round = state.request.round();
        state.received.values().stream().filter(t -> t.attempts() > 1).forEach(t -> events.computeIfAbsent(t.participantId(), k -> new ArrayList<>()).add(
                new RunEvent(round, "participant_restarted", "participant-" + t.participantId(), "training threw; the retry succeeded")));
        state.failed.values().forEach(f -> events.computeIfAbsent(f.participantId(), k -> new ArrayList<>()).add(
                new RunEvent(round, "participant_dropped", "participant-" + f.participantId(),
                        "training threw " + f.attempts() + (f.attempts() == 1 ? " time" : " times") + ": " + f.error())));
        return events.values().stream().flatMap(List::stream).toList();
    }
}
