package io.chainfl.agents;

import io.chainfl.agents.adversary.Conduct;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.engine.data.ParticipantData;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
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

    /** Train for one round starting from {@code globalParams}. */
    public record Train(int round, float[] globalParams, ActorRef<Trained> replyTo) implements Command {}

    /** The participant's proposed change to the global parameters. */
    public record Trained(int participantId, int round, float[] delta, int samples, double trainLoss, double trainMillis) implements CborSerializable {}

    private final ParticipantData data;
    private final Supplier<Model> model;
    private final TrainingConfig training;
    private final SeedStreams seeds;
    private final Conduct conduct;
    private float[] previousDelta;

    public static Behavior<Command> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds, Conduct conduct) {
        return create(data, () -> model, training, seeds, conduct);
    }

    /**
     * @param model the model to train in, asked for at every round: training starts from the global parameters and
     *              ends within one message, so participants can share one model per thread ({@link PerThreadModel})
     */
    public static Behavior<Command> create(ParticipantData data, Supplier<Model> model, TrainingConfig training, SeedStreams seeds,
                                           Conduct conduct) {
        return Behaviors.setup(ctx -> new ParticipantActor(ctx, data, model, training, seeds, conduct));
    }

    public static Behavior<Command> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds) {
        return create(data, model, training, seeds, Conduct.HONEST);
    }

    private ParticipantActor(ActorContext<Command> context, ParticipantData data, Supplier<Model> model, TrainingConfig training, SeedStreams seeds,
                             Conduct conduct) {
        super(context);
        this.data = data;
        this.model = model;
        this.training = training;
        this.seeds = seeds;
        this.conduct = conduct;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Train.class, this::onTrain).build();
    }

    private Behavior<Command> onTrain(Train train) {
        Stopwatch clock = Stopwatch.start();
        LocalTraining.Outcome outcome = LocalTraining.run(model.get(), data, training, seeds, conduct, train.round(), train.globalParams(), previousDelta);
        previousDelta = outcome.delta();
        train.replyTo().tell(new Trained(data.participantId(), train.round(), outcome.delta(), data.train().size(), outcome.trainLoss(),
                clock.elapsedMillis()));
        return this;
    }
}
