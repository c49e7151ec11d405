package io.chainfl.agents;

import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.engine.data.ParticipantData;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.model.LocalTrainer;
import io.chainfl.engine.model.Model;
import io.chainfl.engine.model.TrainResult;
import io.chainfl.engine.seed.SeedStreams;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

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
    private final Model model;
    private final TrainingConfig training;
    private final SeedStreams seeds;

    public static Behavior<Command> create(ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds) {
        return Behaviors.setup(ctx -> new ParticipantActor(ctx, data, model, training, seeds));
    }

    private ParticipantActor(ActorContext<Command> context, ParticipantData data, Model model, TrainingConfig training, SeedStreams seeds) {
        super(context);
        this.data = data;
        this.model = model;
        this.training = training;
        this.seeds = seeds;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder().onMessage(Train.class, this::onTrain).build();
    }

    private Behavior<Command> onTrain(Train train) {
        Stopwatch clock = Stopwatch.start();
        model.setParams(Nd4j.create(train.globalParams(), new long[] {train.globalParams().length}, DataType.FLOAT));
        TrainResult result = LocalTrainer.train(model, data.train(), training,
                seeds.stream("participant", data.participantId(), "round", train.round(), "shuffle"));
        float[] local = model.params().toFloatVector();
        float[] delta = new float[local.length];
        for (int i = 0; i < delta.length; i++) {
            delta[i] = local[i] - train.globalParams()[i];
        }
        double millis = clock.elapsedMillis();
        train.replyTo().tell(new Trained(data.participantId(), train.round(), delta, data.train().size(), result.meanLoss(), millis));
        return this;
    }
}
