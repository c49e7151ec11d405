package io.chainfl.agents;

import io.chainfl.agents.adversary.Conduct;
import io.chainfl.engine.config.ParticipantFailurePolicy;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.privacy.LocalPrivacy;
import io.chainfl.engine.seed.SeedStreams;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * An honest participant: downloads the global parameters, trains on its private split, and returns the
 * change it made. Its shuffling stream is derived from (participant, round), so the result does not depend
 * on which thread runs it or when.
 */
public final class ParticipantActor extends AbstractBehavior<ParticipantActor.Command> {

    public sealed interface Command extends CborSerializable permits Train {}

    /** FedAvg participants as entities a deployment places. */
    public static final EntityKind<Command> KIND = new EntityKind<>("participant", Command.class);

    /**
     * Train for one round starting from {@code globalParams}.
     *
     * @param failedTo told when training threw and the participant is dropped (null: nobody is told)
     * @param attempt  1, or 2 for the retry of the restart policy
     */
    public record Train(int round, float[] globalParams, ActorRef<Trained> replyTo, ActorRef<Failed> failedTo, int attempt) implements Command {
        public Train(int round, float[] globalParams, ActorRef<Trained> replyTo) {
            this(round, globalParams, replyTo, null, 1);
        }

        Train retry() {
            return new Train(round, globalParams, replyTo, failedTo, attempt + 1);
        }
    }

    /**
     * The participant's proposed change to the global parameters.
     *
     * @param attempts 1, or 2 when the first attempt threw and the restart policy retried it
     */
    public record Trained(int participantId, int round, float[] delta, int samples, double trainLoss, double trainMillis, int attempts)
            implements CborSerializable {
        public Trained(int participantId, int round, float[] delta, int samples, double trainLoss, double trainMillis) {
            this(participantId, round, delta, samples, trainLoss, trainMillis, 1);
        }
    }

    /** Training threw and the failure policy gives up on the participant: it takes no further part. */
    public record Failed(int participantId, int round, int attempts, String error) implements CborSerializable {}

    private final int id;
    /** The share itself, or a recipe that makes it again for each round ({@link io.chainfl.learning.data.ParticipantShares#heldShare}). */
    private final Supplier<ParticipantData> data;
    private final Supplier<Model> model;
    private final TrainingConfig training;
    private final SeedStreams seeds;
    private final Conduct conduct;
    private final ParticipantFailurePolicy policy;
    private final ParticipantMemory memory;
    private final LocalPrivacy privacy;
    private Train inFlight;
    private String lastError;

    public static Behavior<Command> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds, Conduct conduct) {
        return create(data, () -> model, training, seeds, conduct, ParticipantFailurePolicy.FAIL, new ParticipantMemory());
    }

    public static Behavior<Command> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds, Conduct conduct,
                                           ParticipantFailurePolicy policy, ParticipantMemory memory) {
        return create(data, () -> model, training, seeds, conduct, policy, memory);
    }

    public static Behavior<Command> create(ParticipantData data, Supplier<Model> model, TrainingConfig training, SeedStreams seeds,
                                           Conduct conduct) {
        return create(data, model, training, seeds, conduct, ParticipantFailurePolicy.FAIL, new ParticipantMemory());
    }

    /**
     * A participant supervised per {@code policy}: with {@code fail} an exception stops it and fails the run;
     * with {@code drop} and {@code restart} Pekko restarts the actor (its memory lives in {@code memory}), and
     * the restarted actor retries the round once ({@code restart}) or reports the participant dropped.
     *
     * @param model the model to train in, asked for at every round: training starts from the global parameters and
     *              ends within one message, so participants can share one model per thread ({@link PerThreadModel})
     */
    public static Behavior<Command> create(ParticipantData data, Supplier<Model> model, TrainingConfig training, SeedStreams seeds, Conduct conduct,
                                           ParticipantFailurePolicy policy, ParticipantMemory memory) {
        return create(data, model, training, seeds, conduct, policy, memory, LocalPrivacy.NONE);
    }

    /** As above, clipping and noising its update before it uploads it ({@link LocalPrivacy}; {@link LocalPrivacy#NONE}: as trained). */
    public static Behavior<Command> create(ParticipantData data, Supplier<Model> model, TrainingConfig training, SeedStreams seeds, Conduct conduct,
                                           ParticipantFailurePolicy policy, ParticipantMemory memory, LocalPrivacy privacy) {
        return create(data.participantId(), () -> data, model, training, seeds, conduct, policy, memory, privacy);
    }

    /**
     * As above, with participant {@code id}'s share asked of {@code data} at every round: a share regenerated from the seed
     * is held only while it trains, which is what lets a JVM host a million participants.
     */
    public static Behavior<Command> create(int id, Supplier<ParticipantData> data, Supplier<Model> model, TrainingConfig training, SeedStreams seeds,
                                           Conduct conduct, ParticipantFailurePolicy policy, ParticipantMemory memory, LocalPrivacy privacy) {
        Behavior<Command> participant = Behaviors.setup(ctx -> new ParticipantActor(ctx, id, data, model, training, seeds, conduct, policy, memory, privacy));
        return FailureSupervision.supervise(participant, policy);
    }

    public static Behavior<Command> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds) {
        return create(data, model, training, seeds, Conduct.HONEST);
    }

    private ParticipantActor(ActorContext<Command> context, int id, Supplier<ParticipantData> data, Supplier<Model> model, TrainingConfig training,
                             SeedStreams seeds, Conduct conduct, ParticipantFailurePolicy policy, ParticipantMemory memory, LocalPrivacy privacy) {
        super(context);
        this.id = id;
        this.data = data;
        this.model = model;
        this.training = training;
        this.seeds = seeds;
        this.conduct = conduct;
        this.policy = policy;
        this.memory = memory;
        this.privacy = privacy;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Train.class, this::onTrain)
                .onSignal(PreRestart.class, signal -> onRestart())
                .build();
    }

    private Behavior<Command> onTrain(Train train) {
        Stopwatch clock = Stopwatch.start();
        inFlight = train;
        LocalTraining.Outcome outcome;
        int samples;
        try {
            ParticipantData share = data.get();
            samples = share.train().size();
            outcome = LocalTraining.run(model.get(), share, training, seeds, conduct, train.round(), train.globalParams(),
                    memory.lastUpload(id), privacy);
        } catch (RuntimeException e) {
            lastError = e.toString();
            throw e;
        }
        inFlight = null;
        // only a free-rider replays its last upload; keeping everyone's would cost a model's size per participant ever sampled
        if (conduct.replaysPreviousUpload()) {
            memory.rememberUpload(id, outcome.delta());
        }
        train.replyTo().tell(new Trained(id, train.round(), outcome.delta(), samples, outcome.trainLoss(),
                clock.elapsedMillis(), train.attempt()));
        return this;
    }

    /** The failed instance's last word: the restarted actor keeps the mailbox, so the retry is queued there. */
    private Behavior<Command> onRestart() {
        Train failed = inFlight;
        if (failed == null) {
            return this;
        }
        if (FailureSupervision.retries(policy, failed.attempt())) {
            getContext().getSelf().tell(failed.retry());
        } else {
            memory.drop(id);
            if (failed.failedTo() != null) {
                failed.failedTo().tell(new Failed(id, failed.round(), failed.attempt(), lastError));
            } else {
                getContext().getLog().warn("participant {} dropped after failing round {}: {}", id, failed.round(), lastError);
            }
        }
        return this;
    }
}
