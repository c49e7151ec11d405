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
import io.chainfl.engine.aggregation.CoordinateMean;
import io.chainfl.engine.aggregation.SparseUpdate;
import io.chainfl.engine.data.Dataset;
import io.chainfl.engine.ledger.ElectionResult;
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
import io.chainfl.engine.seed.SeedStreams;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SecCL's parameter server. A round: collect the uploads and record each one's hash on the bulletin board;
 * relay them to everyone else (a malicious server cheats here); collect the scores, record their hashes,
 * and hand them to the election contract; aggregate only the elected candidates' uploads. Everything the
 * contract decides is on the ledger, so anyone can audit that exactly the elected uploads were applied.
 */
public final class SecclServerActor extends AbstractBehavior<SecclServerActor.Command> {
    public static final String UPLOAD = "upload";
    public static final String BALLOT = "ballot";
    public static final String SERIES_EXTRA_ELECTED = "elected";

    public sealed interface Command extends CborSerializable permits RunRound, GotUpload, GotBallot, GotFailure {}

    public record RunRound(int round, List<Integer> selected, ActorRef<RoundDone> replyTo) implements Command {}

    private record GotUpload(Upload upload) implements Command {}

    private record GotBallot(Ballot ballot) implements Command {}

    private record GotFailure(ParticipantActor.Failed failed) implements Command {}

    /** How the server combines uploads: only the elected candidates' (SecCL) or everyone's (no election). */
    public enum Aggregation { ELECTION, ALL }

    /** Static settings of the server. */
    public record Settings(String series, int winners, List<Long> scoringVector, Aggregation aggregation, int evalBatch, Set<Integer> coalition) {}

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

    private RunRound request;
    private Stopwatch roundClock;
    private float[] roundGlobal;
    private final TreeMap<Integer, Upload> uploads = new TreeMap<>();
    private final TreeMap<Integer, Ballot> ballots = new TreeMap<>();
    /** Participants dropped this round after a failure (policy drop or restart), with the step that failed. */
    private final TreeMap<Integer, RunEvent> failures = new TreeMap<>();
    private int expectedUploads;
    private int expectedBallots;
    private boolean evaluating;
    private final List<TimingRecord> timings = new ArrayList<>();
    private int cheatedPairs;
    private LedgerStats ledgerBefore;

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
                colluders, memory));
    }

    private SecclServerActor(ActorContext<Command> context, Settings settings, Map<Integer, ActorRef<ParticipantCommand>> participants,
                             Model globalModel, Ledger ledger, Dataset testSet, RelayTampering tampering, BoardCoalition colluders,
                             ParticipantMemory memory) {
        super(context);
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

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunRound.class, this::onRunRound)
                .onMessage(GotUpload.class, m -> onUpload(m.upload()))
                .onMessage(GotBallot.class, m -> onBallot(m.ballot()))
                .onMessage(GotFailure.class, m -> onFailure(m.failed()))
                .build();
    }

    private Behavior<Command> onRunRound(RunRound run) {
        request = run;
        roundClock = Stopwatch.start();
        uploads.clear();
        ballots.clear();
        failures.clear();
        timings.clear();
        evaluating = false;
        ledgerBefore = ledger.stats();
        roundGlobal = globalModel.params().toFloatVector();
        List<Integer> active = run.selected().stream().filter(id -> !memory.isDropped(id)).toList();
        expectedUploads = active.size();
        for (int id : active) {
            participants.get(id).tell(new TrainAndUpload(run.round(), roundGlobal, uploadAdapter, failureAdapter, 1));
        }
        return uploadsComplete();
    }

    private Behavior<Command> onUpload(Upload upload) {
        uploads.put(upload.participant(), upload);
        return uploadsComplete();
    }

    /** A participant that failed a step for good: it is dropped, and the step goes on without it. */
    private Behavior<Command> onFailure(ParticipantActor.Failed failed) {
        failures.put(failed.participantId(), new RunEvent(failed.round(), "participant_dropped", participantName(failed.participantId()),
                (evaluating ? "evaluating the uploads" : "training") + " threw " + failed.attempts() + (failed.attempts() == 1 ? " time" : " times")
                        + ": " + failed.error()));
        return evaluating ? ballotsComplete() : uploadsComplete();
    }

    private Behavior<Command> uploadsComplete() {
        if (uploads.size() + failures.size() < expectedUploads) {
            return this;
        }
        timings.add(new TimingRecord(settings.series(), request.round(), "train", roundClock.elapsedMillis()));
        // the colluders upload what they craft, so the board records the crafted uploads
        TreeMap<Integer, Upload> crafted = colluders.apply(request.round(), uploads);
        uploads.clear();
        uploads.putAll(crafted);
        Stopwatch ledgerClock = Stopwatch.start();
        Map<Integer, String> txIds = new TreeMap<>();
        for (Upload u : uploads.values()) {
            byte[] bytes = u.update().bytes();
            txIds.put(u.participant(), ledger.bulletinBoard().post(
                    new LedgerEntry(request.round(), participantName(u.participant()), UPLOAD, Hashes.sha256(bytes), bytes.length)).txId());
        }
        ledger.seal();
        timings.add(new TimingRecord(settings.series(), request.round(), "ledger_uploads", ledgerClock.elapsedMillis()));
        RelayTampering.Plan plan = tampering.apply(request.round(), uploads, txIds);
        cheatedPairs = plan.cheatedPairs();
        List<Integer> roster = List.copyOf(uploads.keySet());
        evaluating = true;
        expectedBallots = plan.relays().size() + failures.size();
        plan.relays().forEach((recipient, relays) ->
                participants.get(recipient).tell(new Evaluate(request.round(), roundGlobal, relays, roster, ballotAdapter, failureAdapter, 1)));
        return ballotsComplete();
    }

    private Behavior<Command> onBallot(Ballot ballot) {
        ballots.put(ballot.voter(), ballot);
        return ballotsComplete();
    }

    private Behavior<Command> ballotsComplete() {
        if (ballots.size() + failures.size() < expectedBallots) {
            return this;
        }
        timings.add(new TimingRecord(settings.series(), request.round(), "evaluate_uploads", roundClock.elapsedMillis()));
        finishRound();
        return this;
    }

    private void finishRound() {
        int round = request.round();
        Stopwatch ledgerClock = Stopwatch.start();
        for (Ballot b : ballots.values()) {
            byte[] bytes = ballotBytes(b);
            ledger.bulletinBoard().post(new LedgerEntry(round, participantName(b.voter()), BALLOT, Hashes.sha256(bytes), bytes.length));
        }
        List<Integer> chosen;
        if (settings.aggregation() == Aggregation.ELECTION) {
            ledger.election().open(round, settings.winners(), settings.scoringVector());
            for (Ballot b : ballots.values()) {
                List<Integer> candidates = new ArrayList<>(b.scores().keySet());
                List<Long> scores = candidates.stream().map(c -> Math.round(b.scores().get(c) * 1_000_000)).toList();
                ledger.election().castBallot(round, b.voter(), candidates, scores);
            }
            ElectionResult result = ledger.election().tally(round);
            chosen = result.winners();
        } else {
            chosen = List.copyOf(uploads.keySet());
        }
        ledger.seal();
        timings.add(new TimingRecord(settings.series(), round, "ledger_election", ledgerClock.elapsedMillis()));

        Stopwatch aggregateClock = Stopwatch.start();
        List<SparseUpdate> selected = chosen.stream().map(id -> uploads.get(id).update()).toList();
        float[] change = CoordinateMean.of(selected, roundGlobal.length);
        globalModel.params().addi(Nd4j.create(change, new long[] {change.length}, DataType.FLOAT));
        timings.add(new TimingRecord(settings.series(), round, "aggregate", aggregateClock.elapsedMillis()));

        Stopwatch evalClock = Stopwatch.start();
        EvalResult eval = Evaluation.evaluate(globalModel, testSet, settings.evalBatch());
        timings.add(new TimingRecord(settings.series(), round, "evaluate", evalClock.elapsedMillis()));
        request.replyTo().tell(report(round, chosen, eval));
    }

    private RoundDone report(int round, List<Integer> chosen, EvalResult eval) {
        List<RunEvent> events = new ArrayList<>();
        int detections = 0;
        for (Ballot b : ballots.values()) {
            for (Detection d : b.detections()) {
                detections++;
                events.add(new RunEvent(round, "server_misbehaviour_detected", "server",
                        "participant " + d.recipient() + " found the relayed upload of participant " + d.owner() + ": " + d.what()));
            }
        }
        if (settings.aggregation() == Aggregation.ELECTION) {
            events.add(new RunEvent(round, "elected", "election", chosen.toString()));
        }
        events.addAll(failureEvents(round));
        long electedAdversaries = chosen.stream().filter(settings.coalition()::contains).count();
        List<ParticipantMetrics> participantMetrics = new ArrayList<>();
        double lossSum = 0;
        long samples = 0;
        for (Upload u : uploads.values()) {
            participantMetrics.add(new ParticipantMetrics(settings.series(), round, u.participant(), u.samples(), u.trainLoss()));
            if (Double.isFinite(u.trainLoss())) {
                lossSum += u.trainLoss() * u.samples();
                samples += u.samples();
            }
        }
        LedgerStats spent = ledger.stats().minus(ledgerBefore);
        TreeMap<String, Double> extra = new TreeMap<>();
        extra.put(SERIES_EXTRA_ELECTED, (double) chosen.size());
        extra.put("elected_adversaries", (double) electedAdversaries);
        extra.put("detections", (double) detections);
        extra.put("relays_cheated", (double) cheatedPairs);
        extra.put("ledger_txs", (double) spent.transactions());
        extra.put("ledger_gas", (double) spent.gasUsed());
        extra.put("ledger_bytes", (double) spent.payloadBytes());
        RoundMetrics metrics = new RoundMetrics(settings.series(), round, eval.accuracy(), eval.meanLoss(), eval.macroF1(),
                samples == 0 ? Double.NaN : lossSum / samples, extra);
        return new RoundDone(metrics, participantMetrics, events, timings);
    }

    /** Restarts that succeeded and participants dropped this round, in participant-id order. */
    private List<RunEvent> failureEvents(int round) {
        TreeMap<Integer, RunEvent> events = new TreeMap<>(failures);
        uploads.values().stream().filter(u -> u.attempt() > 1).forEach(u -> events.putIfAbsent(u.participant(),
                new RunEvent(round, "participant_restarted", participantName(u.participant()), "training threw; the retry succeeded")));
        ballots.values().stream().filter(b -> b.attempt() > 1).forEach(b -> events.putIfAbsent(b.voter(),
                new RunEvent(round, "participant_restarted", participantName(b.voter()), "evaluating the uploads threw; the retry succeeded")));
        return List.copyOf(events.values());
    }

    /** The wire form of a type (b) message: voter, round, then (candidate, score) pairs by candidate id. */
    private static byte[] ballotBytes(Ballot b) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + b.scores().size() * 12);
        buffer.putInt(b.voter()).putInt(b.round());
        new TreeMap<>(b.scores()).forEach((candidate, score) -> buffer.putInt(candidate).putDouble(score));
        return buffer.array();
    }
}
