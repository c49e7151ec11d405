package io.chainfl.agents.seccl;

import io.chainfl.learning.privacy.LocalPrivacy;
import io.chainfl.agents.EntityKind;
import io.chainfl.agents.FailureSupervision;
import io.chainfl.agents.LocalTraining;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.adversary.Conduct;
import io.chainfl.agents.ledger.LedgerMessages.QueryHashes;
import io.chainfl.agents.ledger.LedgerMessages.RecordedHashes;
import io.chainfl.agents.seccl.SecclMessages.BoardRead;
import io.chainfl.agents.seccl.SecclMessages.Ballot;
import io.chainfl.agents.seccl.SecclMessages.Detection;
import io.chainfl.agents.seccl.SecclMessages.Evaluate;
import io.chainfl.agents.seccl.SecclMessages.ParticipantCommand;
import io.chainfl.agents.seccl.SecclMessages.Passivate;
import io.chainfl.agents.seccl.SecclMessages.Relayed;
import io.chainfl.agents.seccl.SecclMessages.Retriable;
import io.chainfl.agents.seccl.SecclMessages.TrainAndUpload;
import io.chainfl.agents.seccl.SecclMessages.Upload;
import io.chainfl.learning.aggregation.SparseUpdate;
import io.chainfl.engine.config.ParticipantFailurePolicy;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * A SecCL participant: trains and uploads its largest changes (type a), then checks every upload the server
 * relays against the bulletin board, scores the genuine ones with macro F1 on its private validation set,
 * and returns the scores (type b). The board is read through the ledger service ({@link io.chainfl.agents.ledger.LedgerNode}),
 * never as a shared object, so the participant may live on another cluster member: evaluating is two phases, asking the
 * ledger for the recorded hashes of the relayed uploads ({@link #awaitingBoard}), then scoring when they arrive.
 * Supervised like {@link ParticipantActor}: under the drop and restart policies a step that throws (in either phase)
 * is retried once with the same seed streams or the participant is dropped.
 */
public final class SecclParticipantActor extends AbstractBehavior<ParticipantCommand> {
    private final ParticipantData data;
    private final Model model;
    private final TrainingConfig training;
    private final SeedStreams seeds;
    private final Conduct conduct;
    private final Set<Integer> coalition;
    private final double shareFraction;
    private final ActorRef<RecordedHashes> boardAdapter;
    /**
     * Commands that arrive while the participant waits for the ledger: sharding's {@link Passivate}, kept until the
     * ballot is sent (the ledger's answer comes to this incarnation only), and steps, none in the protocol, kept rather than lost.
     */
    private final StashBuffer<ParticipantCommand> waiting;
    private final int evalBatch;
    private final ParticipantMemory memory;
    private final ParticipantFailurePolicy policy;
    private final LocalPrivacy privacy;
    private Retriable inFlight;
    private String lastError;

    /**
     * SecCL participants as entities: a cluster member builds participant {@code id} from the run's config alone; every
     * message it needs from the driver (the global model, the relays, the ledger's reference) comes with the request.
     */
    public static final EntityKind<ParticipantCommand> KIND = new EntityKind<>("seccl-participant", ParticipantCommand.class, new Passivate());

    public static Behavior<ParticipantCommand> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds, Conduct conduct,
                                                      Set<Integer> coalition, double shareFraction, int evalBatch) {
        return create(data, model, training, seeds, conduct, coalition, shareFraction, evalBatch, new ParticipantMemory());
    }

    /** @param memory keeps the participant's last upload between rounds (a stale free-rider replays it), for checkpoints */
    public static Behavior<ParticipantCommand> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds, Conduct conduct,
                                                      Set<Integer> coalition, double shareFraction, int evalBatch, ParticipantMemory memory) {
        return create(data, model, training, seeds, conduct, coalition, shareFraction, evalBatch, memory, ParticipantFailurePolicy.FAIL);
    }

    /**
     * @param policy fail: an exception stops the participant and fails the run; drop and restart: the actor is restarted
     *               (its memory lives in {@code memory}) and retries the step once (restart) or reports itself dropped
     */
    public static Behavior<ParticipantCommand> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds, Conduct conduct,
                                                      Set<Integer> coalition, double shareFraction, int evalBatch, ParticipantMemory memory,
                                                      ParticipantFailurePolicy policy) {
        return create(data, model, training, seeds, conduct, coalition, shareFraction, evalBatch, memory, policy, LocalPrivacy.NONE);
    }

    /**
     * As above, clipping and noising the whole trained change ({@link LocalPrivacy}) before it picks the largest entries
     * to upload: the sparsification is then post-processing of the private vector.
     */
    public static Behavior<ParticipantCommand> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds, Conduct conduct,
                                                      Set<Integer> coalition, double shareFraction, int evalBatch, ParticipantMemory memory,
                                                      ParticipantFailurePolicy policy, LocalPrivacy privacy) {
        Behavior<ParticipantCommand> participant = Behaviors.setup(ctx -> Behaviors.withStash(16, stash -> new SecclParticipantActor(ctx, stash, data,
                model, training, seeds, conduct, coalition, shareFraction, evalBatch, memory, policy, privacy)));
        return FailureSupervision.supervise(participant, policy);
    }

    private SecclParticipantActor(ActorContext<ParticipantCommand> context, StashBuffer<ParticipantCommand> waiting, ParticipantData data, Model model, TrainingConfig training,
                                  SeedStreams seeds, Conduct conduct, Set<Integer> coalition, double shareFraction, int evalBatch,
                                  ParticipantMemory memory, ParticipantFailurePolicy policy, LocalPrivacy privacy) {
        super(context);
        this.privacy = privacy;
        this.policy = policy;
        this.data = data;
        this.model = model;
        this.training = training;
        this.seeds = seeds;
        this.conduct = conduct;
        this.coalition = Set.copyOf(coalition);
        this.shareFraction = shareFraction;
        this.waiting = waiting;
        this.boardAdapter = context.messageAdapter(RecordedHashes.class, BoardRead::new);
        this.evalBatch = evalBatch;
        this.memory = memory;
    }

    @Override
    public Receive<ParticipantCommand> createReceive() {
        return newReceiveBuilder()
                .onMessage(Retriable.class, this::guarded)
                // an answer for an evaluation that a restart abandoned: its retry asks again
                .onMessage(BoardRead.class, stale -> this)
                .onMessage(Passivate.class, stop -> Behaviors.stopped())
                .onSignal(PreRestart.class, signal -> onRestart())
                .build();
    }

    /** Starts the step, remembering it until it replied: a restart retries it or reports the participant dropped. */
    private Behavior<ParticipantCommand> guarded(Retriable request) {
        inFlight = request;
        return noting(() -> request instanceof TrainAndUpload train ? onTrain(train) : onEvaluate((Evaluate) request));
    }

    /** Runs a phase, keeping its error for the report a restart may send. */
    private Behavior<ParticipantCommand> noting(Supplier<Behavior<ParticipantCommand>> phase) {
        try {
            return phase.get();
        } catch (RuntimeException e) {
            lastError = e.toString();
            throw e;
        }
    }

    /** The step replied: nothing to retry any more, and what arrived meanwhile is handled now. */
    private Behavior<ParticipantCommand> stepDone() {
        inFlight = null;
        return waiting.unstashAll(this);
    }

    /** The failed instance's last word: the restarted actor keeps the mailbox, so the retry is queued there. */
    private Behavior<ParticipantCommand> onRestart() {
        Retriable failed = inFlight;
        if (failed == null) {
            return this;
        }
        if (FailureSupervision.retries(policy, failed.attempt())) {
            getContext().getSelf().tell(failed.retry());
        } else {
            memory.drop(data.participantId());
            if (failed.failedTo() != null) {
                failed.failedTo().tell(new ParticipantActor.Failed(data.participantId(), failed.round(), failed.attempt(), lastError));
            }
        }
        // the restarted actor starts with an empty stash: a passivation it held is asked for again, after the retry
        if (waiting.anyMatch(Passivate.class::isInstance)) {
            getContext().getSelf().tell(new Passivate());
        }
        return this;
    }

    private Behavior<ParticipantCommand> onTrain(TrainAndUpload request) {
        LocalTraining.Outcome outcome = LocalTraining.run(model, data, training, seeds, conduct, request.round(), request.globalParams(),
                memory.lastUpload(data.participantId()), privacy);
        memory.rememberUpload(data.participantId(), outcome.delta());
        SparseUpdate upload = SparseUpdate.topK(outcome.delta(), shareFraction);
        request.replyTo().tell(new Upload(data.participantId(), request.round(), upload, outcome.trainLoss(), data.train().size(), request.attempt()));
        return stepDone();
    }

    /** Phase one of evaluating: ask the ledger what every other member of the roster recorded for its upload. */
    private Behavior<ParticipantCommand> onEvaluate(Evaluate request) {
        List<String> senders = request.roster().stream().filter(owner -> owner != data.participantId()).map(SecclServerActor::participantName).toList();
        request.board().tell(new QueryHashes(request.round(), SecclServerActor.UPLOAD, senders, boardAdapter));
        return awaitingBoard(request);
    }

    /** Waiting for the ledger's answer; a restart here retries the whole evaluation, query included. */
    private Behavior<ParticipantCommand> awaitingBoard(Evaluate request) {
        return Behaviors.receive(ParticipantCommand.class)
                .onMessage(BoardRead.class, read -> read.hashes().round() == request.round(), read -> noting(() -> onBoardRead(request, read.hashes())))
                .onMessage(ParticipantCommand.class, later -> !(later instanceof BoardRead), later -> {
                    waiting.stash(later);
                    return Behaviors.same();
                })
                .onSignal(PreRestart.class, signal -> onRestart())
                .build();
    }

    /** Phase two: check every relay against the recorded hash, score the genuine ones, vote. */
    private Behavior<ParticipantCommand> onBoardRead(Evaluate request, RecordedHashes board) {
        int me = data.participantId();
        List<Detection> detections = new ArrayList<>();
        Map<Integer, Relayed> byOwner = new TreeMap<>();
        for (Relayed relayed : request.relays()) {
            byOwner.put(relayed.owner(), relayed);
        }
        Map<Integer, Double> honestScores = new TreeMap<>();
        for (int owner : request.roster()) {
            if (owner == me) {
                continue;
            }
            String sender = SecclServerActor.participantName(owner);
            Optional<byte[]> recorded = board.hashOf(sender);
            Relayed relayed = byOwner.get(owner);
            if (relayed == null) {
                if (recorded.isPresent()) {
                    detections.add(new Detection(me, owner, "dropped"));
                }
                continue;
            }
            if (recorded.isEmpty() || !java.util.Arrays.equals(recorded.get(), relayed.update().hash())) {
                detections.add(new Detection(me, owner, recorded.isEmpty() ? "unrecorded" : "hash mismatch"));
                continue;
            }
            honestScores.put(owner, score(request.globalParams(), relayed.update()));
        }
        request.replyTo().tell(new Ballot(me, request.round(), conduct.ballot(honestScores, coalition, request.round()), detections, request.attempt()));
        return stepDone();
    }

    /** Macro F1 on the private validation set of the global model with the upload applied. */
    private double score(float[] global, SparseUpdate update) {
        if (data.validation().size() == 0) {
            return 0.0;
        }
        float[] candidate = global.clone();
        update.addTo(candidate);
        model.setParams(candidate);
        return Evaluation.evaluate(model, data.validation(), evalBatch).macroF1();
    }
}
