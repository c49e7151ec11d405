package io.chainfl.agents.seccl;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.RoundDone;
import io.chainfl.agents.adversary.Coalition;
import io.chainfl.agents.adversary.MaliciousServerParams;
import io.chainfl.agents.seccl.SecclMessages.Ballot;
import io.chainfl.agents.seccl.SecclMessages.Detection;
import io.chainfl.agents.seccl.SecclMessages.Evaluate;
import io.chainfl.agents.seccl.SecclMessages.ParticipantCommand;
import io.chainfl.agents.seccl.SecclMessages.TrainAndUpload;
import io.chainfl.agents.seccl.SecclMessages.Upload;
import io.chainfl.agents.round.FailureEvents;
import io.chainfl.agents.round.Gathering;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.engine.metrics.LedgerMetrics;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.learning.aggregation.CoordinateMean;
import io.chainfl.learning.aggregation.SparseUpdate;
import io.chainfl.learning.data.Dataset;
import io.chainfl.ledger.ElectionResult;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.learning.model.EvalResult;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SecCL's parameter server. A round: collect the uploads and record each one's hash on the bulletin board;
 * relay them to everyone else (a malicious server cheats here); collect the scores, record their hashes,
 * and hand them to the election contract; aggregate only the elected candidates' uploads. Everything the
 * contract decides is on the ledger, so anyone can audit that exactly the elected uploads were applied.
 * One behavior per phase: idle, uploading, evaluating the uploads; the end of the round is {@link RoundReport}.
 */
public final class SecclServerActor {
    public static final String UPLOAD = "upload";
    public static final String BALLOT = "ballot";
    public static final Metric ELECTED = new Metric("elected", "uploads", "uploads the round applied: the election's winners, or every upload without election");
    public static final Metric ELECTED_ADVERSARIES = new Metric("elected_adversaries", "uploads", "applied uploads that came from the coalition");
    public static final Metric DETECTIONS = new Metric("detections", "relays", "relayed uploads a participant found not to match the bulletin board");
    public static final Metric RELAYS_CHEATED = new Metric("relays_cheated", "relays", "(recipient, owner) pairs a malicious server tampered with");
    /** What the server reports per round, in column order. */
    public static final List<Metric> METRICS = List.of(ELECTED, ELECTED_ADVERSARIES, DETECTIONS, RELAYS_CHEATED, LedgerMetrics.TXS, LedgerMetrics.GAS,
            LedgerMetrics.BYTES);

    public sealed interface Command extends CborSerializable permits RunRound, GotUpload, GotBallot, GotFailure {}

    public record RunRound(int round, List<Integer> selected, ActorRef<RoundDone> replyTo) implements Command {}

    private record GotUpload(Upload upload) implements Command {}

    private record GotBallot(Ballot ballot) implements Command {}

    private record GotFailure(ParticipantActor.Failed failed) implements Command {}

    /** How the server combines uploads: only the elected candidates' (SecCL) or everyone's (no election). */
    public enum Aggregation { ELECTION, ALL }

    /** Static settings of the server. */
    public record Settings(String series, int winners, List<Long> scoringVector, Aggregation aggregation, int evalBatch, Set<Integer> coalition) {}

    private static final String TRAINING = "training";
    private static final String EVALUATING = "evaluating the uploads";

    private final Settings settings;
    private final Map<Integer, ActorRef<ParticipantCommand>> participants;
    private final Model globalModel;
    private final Ledger ledger;
    private final Dataset testSet;
    private final RelayTampering tampering;
    private final BoardCoalition colluders;
    private final ActorRef<Upload> uploadAdapter;
    private final ActorRef<Ballot> ballotAdapter;
    private final ActorRef<ParticipantActor.Failed> failureAdapter;
    private final ParticipantMemory memory;

    /** What a round has gathered once the uploads are in. */
    private record Uploaded(RunRound request, RoundReport report, float[] global, Gathering<Upload> training, TreeMap<Integer, Upload> uploads,
                            int cheatedPairs) {}

    public static Behavior<Command> create(Settings settings, Map<Integer, ActorRef<ParticipantCommand>> participants, Model globalModel,
                                           Ledger ledger, Dataset testSet, MaliciousServerParams attack, SeedStreams seeds) {
        return create(settings, participants, globalModel, ledger, testSet, attack, seeds, Coalition.none(), 1.0, new ParticipantMemory());
    }

    /** @param memory the participants' memory: who was dropped after a failure is never asked again */
    public static Behavior<Command> create(Settings settings, Map<Integer, ActorRef<ParticipantCommand>> participants, Model globalModel,
                                           Ledger ledger, Dataset testSet, MaliciousServerParams attack, SeedStreams seeds, ParticipantMemory memory) {
        return create(settings, participants, globalModel, ledger, testSet, attack, seeds, Coalition.none(), 1.0, memory);
    }

    /**
     * @param coalition     colluders crafting uploads from the benign uploads relayed to them in the previous round
     * @param shareFraction the fraction of its coordinates a crafted upload carries, as every SecCL upload
     * @param memory        the participants' memory: who was dropped after a failure is never asked again
     */
    public static Behavior<Command> create(Settings settings, Map<Integer, ActorRef<ParticipantCommand>> participants, Model globalModel,
                                           Ledger ledger, Dataset testSet, MaliciousServerParams attack, SeedStreams seeds, Coalition coalition,
                                           double shareFraction, ParticipantMemory memory) {
        BoardCoalition colluders = new BoardCoalition(coalition, shareFraction, (int) globalModel.numParams());
        return Behaviors.setup(ctx -> new SecclServerActor(ctx, settings, participants, globalModel, ledger, testSet, new RelayTampering(attack, seeds),
                colluders, memory).idle());
    }

    private SecclServerActor(ActorContext<Command> context, Settings settings, Map<Integer, ActorRef<ParticipantCommand>> participants,
                             Model globalModel, Ledger ledger, Dataset testSet, RelayTampering tampering, BoardCoalition colluders,
                             ParticipantMemory memory) {
        this.memory = memory;
        this.failureAdapter = context.messageAdapter(ParticipantActor.Failed.class, GotFailure::new);
        this.settings = settings;
        this.participants = new TreeMap<>(participants);
        this.globalModel = globalModel;
        this.ledger = ledger;
        this.testSet = testSet;
        this.tampering = tampering;
        this.colluders = colluders;
        this.uploadAdapter = context.messageAdapter(Upload.class, GotUpload::new);
        this.ballotAdapter = context.messageAdapter(Ballot.class, GotBallot::new);
    }

    public static String participantName(int id) {
        return "participant-" + id;
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class).onMessage(RunRound.class, this::startRound).build();
    }

    private Behavior<Command> startRound(RunRound run) {
        RoundReport report = RoundReport.begin(settings.series(), run.round(), ledger);
        float[] global = globalModel.params().toFloatVector();
        List<Integer> active = run.selected().stream().filter(id -> !memory.isDropped(id)).toList();
        Gathering<Upload> training = Gathering.ask(active,
                id -> participants.get(id).tell(new TrainAndUpload(run.round(), global, uploadAdapter, failureAdapter, 1)));
        return uploading(run, report, global, training);
    }

    /** While the participants owe their uploads. */
    private Behavior<Command> uploading(RunRound run, RoundReport report, float[] global, Gathering<Upload> training) {
        if (training.complete()) {
            return relay(run, report, global, training);
        }
        return Behaviors.receive(Command.class)
                .onMessage(GotUpload.class, m -> {
                    training.answer(m.upload().participant(), m.upload());
                    return uploading(run, report, global, training);
                })
                .onMessage(GotFailure.class, m -> {
                    training.fail(m.failed());
                    return uploading(run, report, global, training);
                })
                .build();
    }

    /** Records the uploads on the board, relays them (as the server chooses) and asks for the ballots. */
    private Behavior<Command> relay(RunRound run, RoundReport report, float[] global, Gathering<Upload> training) {
        int round = run.round();
        report.timing("train", report.sinceStart());
        // the colluders upload what they craft, so the board records the crafted uploads
        TreeMap<Integer, Upload> uploads = colluders.apply(round, new TreeMap<>(training.answers()));
        Stopwatch ledgerClock = Stopwatch.start();
        Map<Integer, String> txIds = new TreeMap<>();
        for (Upload u : uploads.values()) {
            byte[] bytes = u.update().bytes();
            txIds.put(u.participant(), ledger.bulletinBoard().post(
                    new LedgerEntry(round, participantName(u.participant()), UPLOAD, Hashes.sha256(bytes), bytes.length)).txId());
        }
        ledger.seal();
        report.timing("ledger_uploads", ledgerClock.elapsedMillis());
        RelayTampering.Plan plan = tampering.apply(round, uploads, txIds);
        List<Integer> roster = List.copyOf(uploads.keySet());
        Gathering<Ballot> ballots = Gathering.ask(plan.relays().keySet(), recipient -> participants.get(recipient).tell(
                new Evaluate(round, global, plan.relays().get(recipient), roster, ballotAdapter, failureAdapter, 1)));
        return evaluating(new Uploaded(run, report, global, training, uploads, plan.cheatedPairs()), ballots);
    }

    /** While the participants owe their ballots on the relayed uploads. */
    private Behavior<Command> evaluating(Uploaded r, Gathering<Ballot> ballots) {
        if (ballots.complete()) {
            r.report().timing("evaluate_uploads", r.report().sinceStart());
            finishRound(r, ballots);
            return idle();
        }
        return Behaviors.receive(Command.class)
                .onMessage(GotBallot.class, m -> {
                    ballots.answer(m.ballot().voter(), m.ballot());
                    return evaluating(r, ballots);
                })
                .onMessage(GotFailure.class, m -> {
                    ballots.fail(m.failed());
                    return evaluating(r, ballots);
                })
                .build();
    }

    private void finishRound(Uploaded r, Gathering<Ballot> gathered) {
        RoundReport report = r.report();
        int round = report.round();
        Collection<Ballot> ballots = gathered.answers().values();
        Stopwatch ledgerClock = Stopwatch.start();
        for (Ballot b : ballots) {
            byte[] bytes = ballotBytes(b);
            ledger.bulletinBoard().post(new LedgerEntry(round, participantName(b.voter()), BALLOT, Hashes.sha256(bytes), bytes.length));
        }
        List<Integer> chosen;
        if (settings.aggregation() == Aggregation.ELECTION) {
            ledger.election().open(round, settings.winners(), settings.scoringVector());
            for (Ballot b : ballots) {
                List<Integer> candidates = new ArrayList<>(b.scores().keySet());
                List<Long> scores = candidates.stream().map(c -> Math.round(b.scores().get(c) * 1_000_000)).toList();
                ledger.election().castBallot(round, b.voter(), candidates, scores);
            }
            ElectionResult result = ledger.election().tally(round);
            chosen = result.winners();
        } else {
            chosen = List.copyOf(r.uploads().keySet());
        }
        ledger.seal();
        report.timing("ledger_election", ledgerClock.elapsedMillis());

        Stopwatch aggregateClock = Stopwatch.start();
        List<SparseUpdate> selected = chosen.stream().map(id -> r.uploads().get(id).update()).toList();
        float[] change = CoordinateMean.of(selected, r.global().length);
        globalModel.params().addi(Nd4j.create(change, new long[] {change.length}, DataType.FLOAT));
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
        report.events(failureEvents(round, r.training(), gathered));
        for (Upload u : r.uploads().values()) {
            report.participant(u.participant(), u.samples(), u.trainLoss(), true);
        }
        report.metric(ELECTED, chosen.size());
        report.metric(ELECTED_ADVERSARIES, chosen.stream().filter(settings.coalition()::contains).count());
        report.metric(DETECTIONS, detections);
        report.metric(RELAYS_CHEATED, r.cheatedPairs());
        report.ledgerCost(LedgerMetrics.TXS, LedgerMetrics.GAS, LedgerMetrics.BYTES);
        r.request().replyTo().tell(report.done(eval));
    }

    /** Participants dropped this round, then restarts that succeeded: one event per participant, in participant-id order. */
    private static List<RunEvent> failureEvents(int round, Gathering<Upload> training, Gathering<Ballot> ballots) {
        FailureEvents events = new FailureEvents();
        training.failures().values().forEach(f -> events.add(f.participantId(), FailureEvents.dropped(participantName(f.participantId()), f, TRAINING)));
        ballots.failures().values().forEach(f -> events.add(f.participantId(), FailureEvents.dropped(participantName(f.participantId()), f, EVALUATING)));
        training.answers().values().stream().filter(u -> u.attempt() > 1).forEach(u -> events.addIfNone(u.participant(),
                FailureEvents.restarted(round, participantName(u.participant()), TRAINING)));
        ballots.answers().values().stream().filter(b -> b.attempt() > 1).forEach(b -> events.addIfNone(b.voter(),
                FailureEvents.restarted(round, participantName(b.voter()), EVALUATING)));
        return events.drain();
    }

    /** The wire form of a type (b) message: voter, round, then (candidate, score) pairs by candidate id. */
    private static byte[] ballotBytes(Ballot b) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + b.scores().size() * 12);
        buffer.putInt(b.voter()).putInt(b.round());
        new TreeMap<>(b.scores()).forEach((candidate, score) -> buffer.putInt(candidate).putDouble(score));
        return buffer.array();
    }
}
