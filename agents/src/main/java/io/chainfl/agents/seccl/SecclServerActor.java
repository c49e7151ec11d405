package io.chainfl.agents.seccl;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.RoundDone;
import io.chainfl.agents.adversary.Coalition;
import io.chainfl.agents.adversary.MaliciousServerParams;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.LedgerMessages.Called;
import io.chainfl.agents.seccl.SecclMessages.Ballot;
import io.chainfl.agents.seccl.SecclMessages.Detection;
import io.chainfl.agents.seccl.SecclMessages.Evaluate;
import io.chainfl.agents.seccl.SecclMessages.ParticipantCommand;
import io.chainfl.agents.seccl.SecclMessages.Relayed;
import io.chainfl.agents.seccl.SecclMessages.TrainAndUpload;
import io.chainfl.agents.seccl.SecclMessages.Upload;
import io.chainfl.agents.round.Gathering;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.engine.metrics.LedgerMetrics;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.learning.aggregation.CoordinateMean;
import io.chainfl.learning.aggregation.SparseUpdate;
import io.chainfl.learning.data.Dataset;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.learning.model.EvalResult;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * SecCL's parameter server. A round: collect the uploads and record each one's hash on the bulletin board;
 * relay them to everyone else (a malicious server cheats here); collect the scores, record their hashes,
 * and hand them to the election contract; aggregate only the elected candidates' uploads. Everything the
 * contract decides is on the ledger, so anyone can audit that exactly the elected uploads were applied.
 * One behavior per phase: idle, uploading, evaluating the uploads; the end of the round is {@link RoundReport}.
 * The server never touches the ledger object: its posts and the election are contract calls to the ledger service.
 * (Over 300 lines: the phases and the two waits, on the participants and on the ledger service, read best together.)
 */
public final class SecclServerActor {
    public static final String UPLOAD = "upload";
    public static final String BALLOT = "ballot";
    public static final Metric ELECTED = new Metric("elected", "uploads", "uploads the round applied: the election's winners, or every upload without election");
    public static final Metric ELECTED_ADVERSARIES = new Metric("elected_adversaries", "uploads", "applied uploads that came from the coalition");
    public static final Metric DETECTIONS = new Metric("detections", "relays", "relayed uploads a participant found not to match the bulletin board");
    public static final Metric RELAYS_CHEATED = new Metric("relays_cheated", "relays", "(recipient, owner) pairs a malicious server tampered with");
    /** Messages kept while the server waits for the ledger: at most a round's answers and losses, far below this. */
    private static final int STASH_CAPACITY = 100_000;
    /** What the server reports per round, in column order. */
    public static final List<Metric> METRICS = List.of(ELECTED, ELECTED_ADVERSARIES, DETECTIONS, RELAYS_CHEATED, LedgerMetrics.TXS, LedgerMetrics.GAS,
            LedgerMetrics.BYTES);

    public sealed interface Command extends CborSerializable permits RunRound, GotUpload, GotBallot, GotFailure, GotLedger, ParticipantLost {}

    public record RunRound(int round, List<Integer> selected, ActorRef<RoundDone> replyTo) implements Command {}

    private record GotUpload(Upload upload) implements Command {}

    private record GotBallot(Ballot ballot) implements Command {}

    private record GotFailure(ParticipantActor.Failed failed) implements Command {}

    /** The ledger service's answer to the round's contract calls (the server waits for it before going on). */
    private record GotLedger(Called called) implements Command {}

    /**
     * A participant lost with its cluster member (sent only inside the driver's JVM): under {@code runtime.on_participant_loss:
     * reassign} it lives on at {@code replacement} and is asked again for the step it owes; under {@code drop} ({@code replacement}
     * null) the server stops waiting for it and never asks it again.
     *
     * @param detail what happened, for the event log
     */
    public record ParticipantLost(int participantId, ActorRef<ParticipantCommand> replacement, String detail) implements Command {}

    /** How the server combines uploads: only the elected candidates' (SecCL) or everyone's (no election). */
    public enum Aggregation { ELECTION, ALL }

    /** Static settings of the server. */
    public record Settings(String series, int winners, List<Long> scoringVector, Aggregation aggregation, int evalBatch, Set<Integer> coalition,
                           SecclDeviceTime deviceTime) {
        /** Devices take no time. */
        public Settings(String series, int winners, List<Long> scoringVector, Aggregation aggregation, int evalBatch, Set<Integer> coalition) {
            this(series, winners, scoringVector, aggregation, evalBatch, coalition, SecclDeviceTime.NONE);
        }
    }

    private final Settings settings;
    private final SecclRoster roster;
    private final Model globalModel;
    private final Dataset testSet;
    private final RelayTampering tampering;
    private final BoardCoalition colluders;
    private final ActorRef<Upload> uploadAdapter;
    private final ActorRef<Ballot> ballotAdapter;
    private final ActorRef<ParticipantActor.Failed> failureAdapter;
    private final ParticipantMemory memory;
    private final ActorRef<LedgerMessages.Command> board;
    private final ActorRef<Called> ledgerAdapter;
    /** What arrives while the server waits for the ledger service, replayed once it answered. */
    private final StashBuffer<Command> waiting;
    private int lastRound;

    /** What a round has gathered once the uploads are in, and what each recipient was relayed (to ask a reassigned one again). */
    private record Uploaded(RunRound request, RoundReport report, float[] global, Gathering<Upload> training, TreeMap<Integer, Upload> uploads,
                            Map<Integer, List<Relayed>> relays, List<Integer> roster, int cheatedPairs) {}

    /**
     * @param memory the participants' memory: who was dropped after a failure is never asked again
     * @param board  the ledger service: the server posts and runs the election through it, participants verify the relays on it
     */
    public static Behavior<Command> create(Settings settings, Map<Integer, ActorRef<ParticipantCommand>> participants, Model globalModel,
                                           ActorRef<LedgerMessages.Command> board, Dataset testSet, MaliciousServerParams attack,
                                           SeedStreams seeds, ParticipantMemory memory) {
        return create(settings, participants, globalModel, board, testSet, attack, seeds, Coalition.none(), 1.0, memory);
    }

    /**
     * @param coalition     colluders crafting uploads from the benign uploads relayed to them in the previous round (kept
     *                      here on the driver, so it works wherever the participants live)
     * @param shareFraction the fraction of its coordinates a crafted upload carries, as every SecCL upload
     * @param memory        the participants' memory: who was dropped after a failure is never asked again
     */
    public static Behavior<Command> create(Settings settings, Map<Integer, ActorRef<ParticipantCommand>> participants, Model globalModel,
                                           ActorRef<LedgerMessages.Command> board, Dataset testSet, MaliciousServerParams attack,
                                           SeedStreams seeds, Coalition coalition, double shareFraction, ParticipantMemory memory) {
        BoardCoalition colluders = new BoardCoalition(coalition, shareFraction, (int) globalModel.numParams());
        return Behaviors.withStash(STASH_CAPACITY, stash -> Behaviors.setup(ctx -> new SecclServerActor(ctx, settings, participants, globalModel,
                board, testSet, new RelayTampering(attack, seeds), colluders, memory, stash).idle()));
    }

    private SecclServerActor(ActorContext<Command> context, Settings settings, Map<Integer, ActorRef<ParticipantCommand>> participants,
                             Model globalModel, ActorRef<LedgerMessages.Command> board, Dataset testSet, RelayTampering tampering,
                             BoardCoalition colluders, ParticipantMemory memory, StashBuffer<Command> waiting) {
        this.memory = memory;
        this.board = board;
        this.waiting = waiting;
        this.ledgerAdapter = context.messageAdapter(Called.class, GotLedger::new);
        this.failureAdapter = context.messageAdapter(ParticipantActor.Failed.class, GotFailure::new);
        this.settings = settings;
        this.roster = new SecclRoster(participants);
        this.globalModel = globalModel;
        this.testSet = testSet;
        this.tampering = tampering;
        this.colluders = colluders;
        this.uploadAdapter = context.messageAdapter(Upload.class, GotUpload::new);
        this.ballotAdapter = context.messageAdapter(Ballot.class, GotBallot::new);
    }

    public static String participantName(int id) {
        return "participant-" + id;
    }

    /** Between rounds: late answers are ignored, a lost participant is followed (or left) from the next round on. */
    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(RunRound.class, this::startRound)
                .onMessage(ParticipantLost.class, lost -> {
                    roster.follow(lost, lastRound + 1);
                    return Behaviors.same();
                })
                .onMessage(Command.class, late -> Behaviors.same())
                .build();
    }

    private Behavior<Command> startRound(RunRound run) {
        RoundReport report = RoundReport.begin(settings.series(), run.round());
        float[] global = globalModel.params().clone();
        List<Integer> active = run.selected().stream().filter(id -> roster.asks(id, memory)).toList();
        Gathering<Upload> training = Gathering.ask(active,
                id -> roster.get(id).tell(new TrainAndUpload(run.round(), global, uploadAdapter, failureAdapter, 1)));
        return uploading(run, report, global, training);
    }

    /** While the participants owe their uploads; answers of another round (a lost participant's twin) are ignored. */
    private Behavior<Command> uploading(RunRound run, RoundReport report, float[] global, Gathering<Upload> training) {
        if (training.complete()) {
            return relay(run, report, global, training);
        }
        return Behaviors.receive(Command.class)
                .onMessage(GotUpload.class, m -> m.upload().round() == run.round(), m -> {
                    training.answer(m.upload().participant(), m.upload());
                    return uploading(run, report, global, training);
                })
                .onMessage(GotFailure.class, m -> m.failed().round() == run.round(), m -> {
                    failed(training, m.failed());
                    return uploading(run, report, global, training);
                })
                .onMessage(ParticipantLost.class, lost -> {
                    onLost(lost, run.round(), training, copy -> copy.tell(new TrainAndUpload(run.round(), global, uploadAdapter, failureAdapter, 1)));
                    return uploading(run, report, global, training);
                })
                .onMessage(Command.class, stale -> Behaviors.same())
                .build();
    }

    /** Records the uploads on the board, relays them (as the server chooses) and asks for the ballots. */
    private Behavior<Command> relay(RunRound run, RoundReport report, float[] global, Gathering<Upload> training) {
        int round = run.round();
        report.timing("train", report.sinceStart());
        // the colluders upload what they craft, so the board records the crafted uploads
        TreeMap<Integer, Upload> uploads = colluders.apply(round, new TreeMap<>(training.answers()));
        Stopwatch ledgerClock = Stopwatch.start();
        return callLedger(SecclLedger.uploadPosts(round, uploads.values()), posted -> {
            report.ledgerSeen(posted.before(), posted.after());
            report.timing("ledger_uploads", ledgerClock.elapsedMillis());
            return relayPosted(run, report, global, training, uploads, SecclLedger.txIds(uploads.keySet(), posted));
        });
    }

    /** The uploads are on the board (their transaction ids by participant): relays them and asks for the ballots. */
    private Behavior<Command> relayPosted(RunRound run, RoundReport report, float[] global, Gathering<Upload> training,
                                          TreeMap<Integer, Upload> uploads, Map<Integer, String> txIds) {
        int round = run.round();
        RelayTampering.Plan plan = tampering.apply(round, uploads, txIds);
        Uploaded uploaded = new Uploaded(run, report, global, training, uploads, plan.relays(), List.copyOf(uploads.keySet()), plan.cheatedPairs());
        // a participant dropped with its member after uploading is still relayed to, but no longer asked to vote
        Gathering<Ballot> ballots = Gathering.ask(plan.relays().keySet().stream().filter(id -> roster.asks(id, memory)).toList(),
                recipient -> roster.get(recipient).tell(evaluate(uploaded, recipient)));
        return evaluating(uploaded, ballots);
    }

    /**
     * Sends the contract calls to the ledger service and waits for its answer; whatever else arrives meanwhile is kept
     * and replayed into the behavior {@code then} returns, as if it had come after (the server is the ledger's only
     * writer, so the calls run exactly in the order the round makes them).
     */
    private Behavior<Command> callLedger(List<ContractCall> calls, Function<Called, Behavior<Command>> then) {
        board.tell(new LedgerMessages.Call(calls, ledgerAdapter));
        return Behaviors.receive(Command.class)
                .onMessage(GotLedger.class, m -> waiting.unstashAll(then.apply(m.called().requireNoRevert())))
                .onMessage(Command.class, m -> {
                    waiting.stash(m);
                    return Behaviors.same();
                })
                .build();
    }

    private Evaluate evaluate(Uploaded r, int recipient) {
        return new Evaluate(r.request().round(), r.global(), r.relays().get(recipient), r.roster(), board, ballotAdapter, failureAdapter, 1);
    }

    /** While the participants owe their ballots on the relayed uploads; answers of another round are ignored. */
    private Behavior<Command> evaluating(Uploaded r, Gathering<Ballot> ballots) {
        if (ballots.complete()) {
            r.report().timing("evaluate_uploads", r.report().sinceStart());
            return elect(r, ballots);
        }
        int round = r.request().round();
        return Behaviors.receive(Command.class)
                .onMessage(GotBallot.class, m -> m.ballot().round() == round, m -> {
                    ballots.answer(m.ballot().voter(), m.ballot());
                    return evaluating(r, ballots);
                })
                .onMessage(GotFailure.class, m -> m.failed().round() == round, m -> {
                    failed(ballots, m.failed());
                    return evaluating(r, ballots);
                })
                .onMessage(ParticipantLost.class, lost -> {
                    onLost(lost, round, ballots, copy -> copy.tell(evaluate(r, lost.participantId())));
                    return evaluating(r, ballots);
                })
                .onMessage(Command.class, stale -> Behaviors.same())
                .build();
    }

    /**
     * A participant that failed a step for good: the step goes on without it, and it is never asked again. Its own member's
     * memory knows already; the driver's, which checkpoints save, learns it here (the same object in one JVM).
     */
    private <A> void failed(Gathering<A> step, ParticipantActor.Failed failed) {
        memory.drop(failed.participantId());
        step.fail(failed);
    }

    /** Follows a lost participant; if it owes {@code step}, its copy is asked again ({@code ask}), or, dropped, no longer waited for. */
    private void onLost(ParticipantLost lost, int round, Gathering<?> step, Consumer<ActorRef<ParticipantCommand>> ask) {
        boolean owes = step.owes(lost.participantId());
        roster.follow(lost, round);
        if (owes && lost.replacement() == null) {
            step.forget(lost.participantId());
        } else if (owes) {
            ask.accept(lost.replacement());
        }
    }

    /** Posts the ballots and runs the election through the ledger service, then finishes the round. */
    private Behavior<Command> elect(Uploaded r, Gathering<Ballot> gathered) {
        RoundReport report = r.report();
        lastRound = report.round();
        Stopwatch ledgerClock = Stopwatch.start();
        return callLedger(SecclLedger.electionCalls(settings, report.round(), gathered.answers().values()), elected -> {
            report.ledgerSeen(elected.before(), elected.after());
            report.timing("ledger_election", ledgerClock.elapsedMillis());
            finishRound(r, gathered, SecclLedger.chosen(settings, elected, r.uploads().keySet()));
            return idle();
        });
    }

    private void finishRound(Uploaded r, Gathering<Ballot> gathered, List<Integer> chosen) {
        RoundReport report = r.report();
        int round = report.round();
        Collection<Ballot> ballots = gathered.answers().values();

        Stopwatch aggregateClock = Stopwatch.start();
        List<SparseUpdate> selected = chosen.stream().map(id -> r.uploads().get(id).update()).toList();
        float[] change = CoordinateMean.of(selected, r.global().length);
        globalModel.addToParams(change);
        report.timing("aggregate", aggregateClock.elapsedMillis());

        EvalResult eval = report.evaluate(globalModel, testSet, settings.evalBatch());
        int detections = 0;
        for (Ballot b : ballots) {
            for (Detection d : b.detections()) {
                detections++;
                report.event(new RunEvent(round, "server_misbehaviour_detected", "server",
                        "participant " + d.recipient() + " found the relayed upload of participant " + d.owner() + ": " + d.what()));
            }
        }
        if (settings.aggregation() == Aggregation.ELECTION) {
            report.event(new RunEvent(round, "elected", "election", chosen.toString()));
        }
        report.events(roster.events(round, r.training(), gathered));
        for (Upload u : r.uploads().values()) {
            report.participant(u.participant(), u.samples(), u.trainLoss(), true);
        }
        report.metric(ELECTED, chosen.size());
        report.metric(ELECTED_ADVERSARIES, chosen.stream().filter(settings.coalition()::contains).count());
        report.metric(DETECTIONS, detections);
        report.metric(RELAYS_CHEATED, r.cheatedPairs());
        report.ledgerCost(LedgerMetrics.TXS, LedgerMetrics.GAS, LedgerMetrics.BYTES);
        report.deviceTime(settings.deviceTime().roundMillis(r.uploads().keySet(), gathered.answers().keySet()));
        r.request().replyTo().tell(report.done(eval));
    }
}
