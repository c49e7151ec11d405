package io.chainfl.agents;

import io.chainfl.agents.adversary.Coalition;
import io.chainfl.agents.round.FailureEvents;
import io.chainfl.agents.round.Gathering;
import io.chainfl.agents.round.RoundPace;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.agents.round.UploadStrategy;
import io.chainfl.learning.aggregation.Aggregator;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.data.Dataset;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.learning.model.EvalResult;
import io.chainfl.learning.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Keeps the global model and runs the round of every protocol with one exchange per round; the protocol's own
 * decisions are an {@link UploadStrategy} (fedavg's is {@link FedAvgStrategy}). Per round it sends the model to the
 * selected participants, collects their updates in participant-id order, lets the strategy record them on the
 * ledger and aggregate them, and evaluates the new global model on the held-out test set. The server never touches
 * the ledger object: the uploads reach the chain through the run's ledger service ({@link LedgerNode}) as transactions
 * sealed into a block, what the strategy records after aggregating as contract calls, and the round's ledger cost is
 * read from the service's replies. Four behaviors: idle between rounds, training while the participants owe their
 * updates, sealing while the ledger service seals the round's block, recording while it runs the strategy's calls after
 * aggregation. A {@link RoundPace} decides, from the devices, who is asked and how long the round's device part lasts.
 * (Over 300 lines: the factory overloads that keep older callers compiling, and the four behaviors sharing one round's
 * state, read best in one place.)
 */
public final class ParameterServerActor {

    public sealed interface Command extends CborSerializable permits RunRound, WrappedTrained, WrappedFailed, WrappedSealed, WrappedCalled, ParticipantChange {}

    /** Run one round with the given participants (ids sorted) and report to {@code replyTo}. */
    public record RunRound(int round, List<Integer> selected, ActorRef<RoundDone> replyTo) implements Command {}

    private record WrappedTrained(ParticipantActor.Trained trained) implements Command {}

    private record WrappedFailed(ParticipantActor.Failed failed) implements Command {}

    private record WrappedSealed(LedgerMessages.Sealed sealed) implements Command {}

    private record WrappedCalled(LedgerMessages.Called called) implements Command {}

    private final ActorContext<Command> context;
    private final String series;
    private final Map<Integer, ActorRef<ParticipantActor.Command>> participants;
    private final Model globalModel;
    private final UploadStrategy strategy;
    private final Dataset testSet;
    private final int evalBatch;
    private final ParticipantMemory memory;
    private final RoundPace pace;
    private final ActorRef<ParticipantActor.Trained> trainedAdapter;
    private final ActorRef<ParticipantActor.Failed> failedAdapter;
    private final ActorRef<LedgerMessages.Command> ledgerNode;
    private final ActorRef<LedgerMessages.Sealed> sealedAdapter;
    private final ActorRef<LedgerMessages.Called> calledAdapter;
    private int lastRound;
    /** Participant losses not yet reported: they go out with the next finished round, in id order. */
    private final FailureEvents pendingEvents = new FailureEvents();

    /** The round in progress. */
    private record Round(RunRound request, Gathering<ParticipantActor.Trained> updates, float[] global, RoundReport report) {}

    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           Aggregator aggregator, ActorRef<LedgerMessages.Command> ledger, Dataset testSet, int evalBatch) {
        return create(series, participants, globalModel, aggregator, ledger, testSet, evalBatch, Coalition.none(), null);
    }

    /**
     * @param coalition     crafts the colluders' uploads from the benign ones ({@link Coalition#none()} for none)
     * @param backdoorProbe triggered test images labelled with the backdoor target, or null without a backdoor
     */
    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           Aggregator aggregator, ActorRef<LedgerMessages.Command> ledger, Dataset testSet, int evalBatch, Coalition coalition,
                                           Dataset backdoorProbe) {
        return create(series, participants, globalModel, aggregator, ledger, testSet, evalBatch, coalition, backdoorProbe, new ParticipantMemory());
    }

    /** @param memory the participants' memory: who was dropped after a failure is never asked again */
    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           Aggregator aggregator, ActorRef<LedgerMessages.Command> ledger, Dataset testSet, int evalBatch, Coalition coalition,
                                           Dataset backdoorProbe, ParticipantMemory memory) {
        return create(series, participants, globalModel, aggregator, ledger, testSet, evalBatch, coalition, backdoorProbe, memory, RoundObserver.NONE);
    }

    /** As above, with a passive observer (a property-inference adversary) that adds its metrics. */
    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           Aggregator aggregator, ActorRef<LedgerMessages.Command> ledger, Dataset testSet, int evalBatch, Coalition coalition,
                                           Dataset backdoorProbe, ParticipantMemory memory, RoundObserver observer) {
        return create(series, participants, globalModel, aggregator, ledger, testSet, evalBatch, coalition, backdoorProbe, memory, observer, RoundPace.INSTANT);
    }

    /** As above, with rounds paced by the participants' devices ({@link RoundPace}: who is asked, how long the round lasts). */
    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           Aggregator aggregator, ActorRef<LedgerMessages.Command> ledger, Dataset testSet, int evalBatch, Coalition coalition,
                                           Dataset backdoorProbe, ParticipantMemory memory, RoundObserver observer, RoundPace pace) {
        return create(series, participants, globalModel, new FedAvgStrategy(aggregator, coalition, backdoorProbe, observer, evalBatch), ledger,
                testSet, evalBatch, memory, pace);
    }

    /** The server of any one-exchange protocol: {@code strategy} decides what is recorded and how the uploads combine. */
    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           UploadStrategy strategy, ActorRef<LedgerMessages.Command> ledger, Dataset testSet, int evalBatch, ParticipantMemory memory) {
        return create(series, participants, globalModel, strategy, ledger, testSet, evalBatch, memory, RoundPace.INSTANT);
    }

    /** As above, with rounds paced by devices. */
    public static Behavior<Command> create(String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants, Model globalModel,
                                           UploadStrategy strategy, ActorRef<LedgerMessages.Command> ledger, Dataset testSet, int evalBatch, ParticipantMemory memory,
                                           RoundPace pace) {
        return Behaviors.setup(ctx -> new ParameterServerActor(ctx, series, participants, globalModel, strategy, ledger, testSet, evalBatch, memory, pace)
                .idle());
    }

    private ParameterServerActor(ActorContext<Command> context, String series, Map<Integer, ActorRef<ParticipantActor.Command>> participants,
                                 Model globalModel, UploadStrategy strategy, ActorRef<LedgerMessages.Command> ledger, Dataset testSet, int evalBatch, ParticipantMemory memory,
                                 RoundPace pace) {
        this.context = context;
        this.series = series;
        this.participants = new TreeMap<>(participants);
        this.globalModel = globalModel;
        this.strategy = strategy;
        this.ledgerNode = ledger;
        this.testSet = testSet;
        this.evalBatch = evalBatch;
        this.memory = memory;
        this.pace = pace;
        this.trainedAdapter = context.messageAdapter(ParticipantActor.Trained.class, WrappedTrained::new);
        this.failedAdapter = context.messageAdapter(ParticipantActor.Failed.class, WrappedFailed::new);
        this.sealedAdapter = context.messageAdapter(LedgerMessages.Sealed.class, WrappedSealed::new);
        this.calledAdapter = context.messageAdapter(LedgerMessages.Called.class, WrappedCalled::new);
    }

    /** Between rounds: a participant's late answer is ignored, a lost participant is followed. */
    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(RunRound.class, this::startRound)
                .onMessage(WrappedTrained.class, w -> late(w.trained().participantId(), w.trained().round()))
                .onMessage(WrappedFailed.class, w -> {
                    dropped(w.failed());
                    return late(w.failed().participantId(), w.failed().round());
                })
                .onMessage(ParticipantChange.class, change -> onParticipantChange(change, null))
                .build();
    }

    /** While the selected participants owe their updates. */
    private Behavior<Command> training(Round r) {
        return Behaviors.receive(Command.class)
                .onMessage(RunRound.class, request -> {
                    throw new IllegalStateException("round " + request.round() + " requested while round " + r.request().round() + " is running");
                })
                .onMessage(WrappedTrained.class, w -> {
                    if (w.trained().round() != r.request().round()) {
                        return late(w.trained().participantId(), w.trained().round());
                    }
                    r.updates().answer(w.trained().participantId(), w.trained());
                    return next(r);
                })
                .onMessage(WrappedFailed.class, w -> {
                    dropped(w.failed());
                    if (w.failed().round() != r.request().round()) {
                        return late(w.failed().participantId(), w.failed().round());
                    }
                    r.updates().fail(w.failed());
                    return next(r);
                })
                .onMessage(ParticipantChange.class, change -> onParticipantChange(change, r))
                .build();
    }

    private Behavior<Command> late(int participant, int round) {
        context.getLog().warn("ignoring a late answer from participant {} for round {}", participant, round);
        return Behaviors.same();
    }

    private Behavior<Command> startRound(RunRound request) {
        List<Integer> stillIn = request.selected().stream().filter(id -> !memory.isDropped(id) && participants.containsKey(id)).toList();
        float[] global = globalModel.params().clone();
        // the round's ledger cost comes from the ledger service's replies: the seal's, and the strategy's calls after aggregating
        RoundReport report = RoundReport.begin(series, request.round());
        // offline and late devices are never asked: their uploads would not count
        RoundPace.Plan plan = pace.plan(request.round(), stillIn);
        List<Integer> active = plan.onTime();
        report.events(plan.events());
        report.deviceTime(plan.deviceMillis());
        strategy.configureRound(request.round(), global);
        Gathering<ParticipantActor.Trained> updates = Gathering.ask(active,
                id -> participants.get(id).tell(new ParticipantActor.Train(request.round(), global, trainedAdapter, failedAdapter, 1)));
        return next(new Round(request, updates, global, report));
    }

    private Behavior<Command> next(Round r) {
        if (!r.updates().complete()) {
            return training(r);
        }
        return submitRound(r);
    }

    /**
     * A participant that gave up is never asked again. It wrote that into its own memory too, but on a cluster that is
     * its member's copy: the server's copy (the one checkpoints save) learns it from the message.
     */
    private void dropped(ParticipantActor.Failed failed) {
        memory.drop(failed.participantId());
    }

    /** A participant lost with its cluster member: follow it to its new place, or stop waiting for it. */
    private Behavior<Command> onParticipantChange(ParticipantChange change, Round r) {
        int id = change.participantId();
        int round = r != null ? r.request().round() : lastRound + 1;
        boolean owesUpdate = r != null && r.updates().owes(id);
        if (change.replacement() == null) {
            participants.remove(id);
            pendingEvents.add(id, new RunEvent(round, "participant_dropped", "participant-" + id, change.detail()));
            if (owesUpdate) {
                r.updates().forget(id);
                return next(r);
            }
        } else {
            participants.put(id, change.replacement());
            pendingEvents.add(id, new RunEvent(round, "participant_reassigned", "participant-" + id, change.detail()));
            if (owesUpdate) {
                change.replacement().tell(new ParticipantActor.Train(round, r.global(), trainedAdapter, failedAdapter, 1));
            }
        }
        return Behaviors.same();
    }

    /** The uploads are in: the strategy's transactions go to the ledger service, which seals them into the round's block. */
    private Behavior<Command> submitRound(Round r) {
        RoundReport report = r.report();
        int round = report.round();
        lastRound = round;
        report.timing("train", report.sinceStart());

        Stopwatch ledgerClock = Stopwatch.start();
        List<ClientUpdate> trained = new ArrayList<>();
        for (ParticipantActor.Trained t : r.updates().answers().values()) {
            trained.add(new ClientUpdate(t.participantId(), t.delta(), t.samples()));
            report.participant(t.participantId(), t.samples(), t.trainLoss(), true);
        }
        List<ClientUpdate> uploads = strategy.uploads(round, trained);
        ledgerNode.tell(new LedgerMessages.Submit(strategy.transactions(round, uploads)));
        ledgerNode.tell(new LedgerMessages.Seal(sealedAdapter));
        return sealing(r, uploads, ledgerClock);
    }

    /** Waiting for the block; a participant's late answer is ignored, a lost one is followed as between rounds. */
    private Behavior<Command> sealing(Round r, List<ClientUpdate> uploads, Stopwatch ledgerClock) {
        return afterTraining(Behaviors.receive(Command.class)
                .onMessage(WrappedSealed.class, w -> {
                    w.sealed().outcomes().stream().filter(o -> o.revertReason() != null).findFirst().ifPresent(o -> {
                        throw new IllegalStateException("the ledger reverted " + o.sender() + "'s " + o.kind() + " of round " + o.round() + ": " + o.revertReason());
                    });
                    r.report().ledgerSeen(w.sealed().before(), w.sealed().stats());
                    r.report().timing("ledger", ledgerClock.elapsedMillis());
                    return aggregate(r, uploads);
                }));
    }

    /** While the ledger service runs what the strategy records after aggregating (the median demo posts its aggregate's hash). */
    private Behavior<Command> recording(Round r, List<ClientUpdate> uploads) {
        return afterTraining(Behaviors.receive(Command.class)
                .onMessage(WrappedCalled.class, w -> {
                    LedgerMessages.Called called = w.called().requireNoRevert();
                    r.report().ledgerSeen(called.before(), called.after());
                    finishRound(r, uploads);
                    return idle();
                }));
    }

    /** Once the round's updates are in: a participant's late answer is ignored, a lost one is followed as between rounds. */
    private Behavior<Command> afterTraining(BehaviorBuilder<Command> waiting) {
        return waiting
                .onMessage(WrappedTrained.class, w -> late(w.trained().participantId(), w.trained().round()))
                .onMessage(WrappedFailed.class, w -> {
                    dropped(w.failed());
                    return late(w.failed().participantId(), w.failed().round());
                })
                .onMessage(ParticipantChange.class, change -> onParticipantChange(change, null))
                .build();
    }

    /** Applies the strategy's change; its contract calls, if any, go to the ledger service before the round is evaluated. */
    private Behavior<Command> aggregate(Round r, List<ClientUpdate> uploads) {
        int round = r.report().round();
        Stopwatch aggregateClock = Stopwatch.start();
        if (!uploads.isEmpty()) {
            float[] change = strategy.aggregate(round, uploads);
            if (change != null) {
                globalModel.addToParams(change);
            }
        }
        r.report().timing("aggregate", aggregateClock.elapsedMillis());
        if (pace.serverTime() != null) {
            // the server's device time: the rule over the uploads it aggregated (and the evaluation, when on the path)
            r.report().serverTime(pace.serverTime().millis(uploads.size()));
        }
        List<ContractCall> calls = strategy.aggregateCalls(round);
        if (calls.isEmpty()) {
            finishRound(r, uploads);
            return idle();
        }
        ledgerNode.tell(new LedgerMessages.Call(calls, calledAdapter));
        return recording(r, uploads);
    }

    private void finishRound(Round r, List<ClientUpdate> uploads) {
        RoundReport report = r.report();
        int round = report.round();
        EvalResult eval = report.evaluate(globalModel, testSet, evalBatch);
        strategy.report(round, r.global(), uploads, globalModel, report);
        report.events(events(r));
        r.request().replyTo().tell(report.done(eval));
    }

    /** Losses reported since the last round, then this round's restarts and failures; in participant-id order. */
    private List<RunEvent> events(Round r) {
        int round = r.request().round();
        r.updates().answers().values().stream().filter(t -> t.attempts() > 1).forEach(t -> pendingEvents.add(t.participantId(),
                FailureEvents.restarted(round, "participant-" + t.participantId(), "training")));
        r.updates().failures().values().forEach(f -> pendingEvents.add(f.participantId(), FailureEvents.dropped("participant-" + f.participantId(), f, "training")));
        return pendingEvents.drain();
    }
}
