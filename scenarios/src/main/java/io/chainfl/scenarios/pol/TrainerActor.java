package io.chainfl.scenarios.pol;

import io.chainfl.agents.CborSerializable;
import io.chainfl.engine.Hashes;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A Proof-of-Learning trainer: for each task it starts from the model the driver hands it (the chain's model, or its
 * own last one), trains on its own split with the configured local training and answers the new parameters and their
 * SHA-256, which is what it submits on chain (the models themselves travel off chain).
 */
final class TrainerActor {
    private TrainerActor() {}

    sealed interface Command extends CborSerializable {}

    /** Train from {@code start} (null: from where this trainer's model is) and answer the submission. */
    record Train(float[] start, ActorRef<Trained> replyTo) implements Command {
        Train {
            start = start == null ? null : start.clone();
        }
    }

    record Trained(float[] params, byte[] hash) implements CborSerializable {
        Trained {
            params = params.clone();
            hash = hash.clone();
        }
    }

    /** What a trainer is built from: its split, a model of the configured shape, training settings and its shuffle stream. */
    record Setup(Dataset split, Model model, TrainingConfig training, SplittableRandom shuffle) {}

    static Behavior<Command> create(Setup setup) {
        return Behaviors.receive(Command.class).onMessage(Train.class, m -> {
            if (m.start() != null) {
                setup.model().setParams(m.start());
            }
            LocalTrainer.train(setup.model(), setup.split(), setup.training(), setup.shuffle());
            float[] params = setup.model().params().clone();
            m.replyTo().tell(new Trained(params, Hashes.sha256(params)));
            return Behaviors.same();
        }).build();
    }
}
