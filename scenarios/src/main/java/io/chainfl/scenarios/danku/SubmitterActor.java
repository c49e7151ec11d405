package io.chainfl.scenarios.danku;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.sealed.SealedEnvelope;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.SoftmaxRegression;
import io.chainfl.ledger.DanKu;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A submitter: trains a softmax regression on its own shard with the learning code, turns it into the contract's
 * fixed-point weights and, for a commit-reveal market, a salted commitment; one behavior per phase (waiting to train,
 * posted and waiting to open, done). A copier (the {@code danku_copier} adversary) gets the rivals' models as the chain
 * shows them and, without training, posts the one that scores best on its own shard; with nothing to copy (a
 * commit-reveal market) it has to train like everyone else. An overfitter (the {@code danku_overfitter} adversary) trains
 * like everyone else and then tunes the model on the organizer's rows it is told about ({@code tuneOn}). In a sealed
 * market the submitter also seals its opening to the manager's key, and after the manager's pick decides whether to
 * challenge it ({@link Challenge}).
 */
final class SubmitterActor {
    private SubmitterActor() {}

    sealed interface Command extends CborSerializable {}

    /**
     * Train and answer the model to post; {@code rivals} are the models already readable on chain (copiers only),
     * {@code tuneOn} the organizer's row numbers an overfitter tunes to (empty for everyone else).
     */
    record Train(List<List<Integer>> rivals, List<Integer> tuneOn, List<Byte> managerKey, ActorRef<Trained> replyTo) implements Command {
        Train {
            rivals = rivals.stream().map(List::copyOf).toList();
            tuneOn = List.copyOf(tuneOn);
            managerKey = List.copyOf(managerKey);
        }
    }

    /**
     * @param commitment what a commit-reveal market stores during the window (binds the submitter's name)
     * @param copiedFrom the rival index copied, or -1
     * @param envelope the opening sealed to the manager (sealed markets only, else empty): what travels off chain
     */
    record Trained(List<Integer> weights, List<Byte> commitment, double shardAccuracy, int copiedFrom, List<Byte> envelope)
            implements CborSerializable {
        Trained {
            weights = List.copyOf(weights);
            commitment = List.copyOf(commitment);
            envelope = List.copyOf(envelope);
        }
    }

    /**
     * Sealed market: the manager opened {@code picked} (empty when it opened nothing by the challenge deadline); answers
     * whether this submitter opens its own commitment too. It does when the manager named no one, or when its own model
     * beats the picked one on its own shard: the only data it can judge by before the test groups are revealed.
     */
    record Challenge(List<Integer> picked, ActorRef<ChallengeAnswer> replyTo) implements Command {
        Challenge {
            picked = List.copyOf(picked);
        }
    }

    record ChallengeAnswer(boolean challenge, List<Byte> salt, List<Integer> weights) implements CborSerializable {
        ChallengeAnswer {
            salt = List.copyOf(salt);
            weights = List.copyOf(weights);
        }
    }

    /** Asks for the opening of the commitment once the window has closed. */
    record Open(ActorRef<Opening> replyTo) implements Command {}

    record Opening(List<Byte> salt, List<Integer> weights) implements CborSerializable {
        Opening {
            salt = List.copyOf(salt);
            weights = List.copyOf(weights);
        }
    }

    /**
     * What a submitter is built from: its name, pooled shard, training settings, seeds and the fixed-point scales;
     * an overfitter also holds the organizer's pooled rows ({@code organizerRows}, indexed by {@link Train#tuneOn}) and its tuning epochs;
     * {@code sealing} is the seeded stream of its envelope's ephemeral key and nonce.
     */
    record Setup(String name, Dataset shard, TrainingConfig training, SplittableRandom init, SplittableRandom shuffle, byte[] salt,
                 int featureScale, int weightScale, boolean copier, Dataset organizerRows, int tuneEpochs, SplittableRandom sealing) {}

    static Behavior<Command> create(Setup setup) {
        return Behaviors.receive(Command.class).onMessage(Train.class, m -> {
            short[] shardRows = FixedPoint.rows(setup.shard(), setup.shard().allRows(), setup.featureScale());
            int features = setup.shard().numFeatures();
            int classes = setup.shard().numClasses();
            int modelLength = classes * (features + 1);
            int[] weights = null;
            double best = -1;
            int copiedFrom = -1;
            if (setup.copier()) {
                // the copier does no work when the chain shows a model: it takes the rival that scores best on its shard
                for (int i = 0; i < m.rivals().size(); i++) {
                    int[] rival = m.rivals().get(i).stream().mapToInt(Integer::intValue).toArray();
                    if (rival.length != modelLength) {
                        continue; // not opened yet: a commit-reveal market shows nothing to copy
                    }
                    double accuracy = FixedPoint.accuracy(rival, shardRows, features, classes);
                    if (accuracy > best) {
                        best = accuracy;
                        weights = rival;
                        copiedFrom = i;
                    }
                }
            }
            if (weights == null) {
                SoftmaxRegression model = new SoftmaxRegression(features, classes, setup.init());
                LocalTrainer.train(model, setup.shard(), setup.training(), setup.shuffle());
                if (!m.tuneOn().isEmpty()) {
                    // the rows the chain revealed are the organizer's floats rounded to 1/featureScale: train on the floats
                    Dataset known = setup.organizerRows().subset(m.tuneOn().stream().mapToInt(Integer::intValue).toArray(), "known-rows");
                    TrainingConfig tuning = new TrainingConfig(setup.training().lr(), setup.training().batchSize(), setup.tuneEpochs());
                    LocalTrainer.train(model, known, tuning, setup.shuffle());
                }
                weights = FixedPoint.weights(model, setup.weightScale(), setup.featureScale());
                best = FixedPoint.accuracy(weights, shardRows, features, classes);
            }
            int[] posted = weights;
            byte[] commitment = DanKu.commitment(setup.salt(), setup.name(), posted);
            List<Byte> envelope = m.managerKey().isEmpty() ? List.of()
                    : bytes(SealedEnvelope.seal(io.chainfl.agents.ledger.DanKuCall.bytes(m.managerKey()),
                            SealedSubmissions.plaintext(setup.salt(), posted), setup.sealing()));
            m.replyTo().tell(new Trained(boxed(posted), bytes(commitment), best, copiedFrom, envelope));
            return posted(setup, posted, shardRows, features, classes);
        }).build();
    }

    private static Behavior<Command> posted(Setup setup, int[] weights, short[] shardRows, int features, int classes) {
        return Behaviors.receive(Command.class).onMessage(Open.class, m -> {
            m.replyTo().tell(new Opening(bytes(setup.salt()), boxed(weights)));
            return Behaviors.empty();
        }).onMessage(Challenge.class, m -> {
            boolean challenge = m.picked().isEmpty() || FixedPoint.accuracy(weights, shardRows, features, classes)
                    > FixedPoint.accuracy(m.picked().stream().mapToInt(Integer::intValue).toArray(), shardRows, features, classes);
            m.replyTo().tell(challenge ? new ChallengeAnswer(true, bytes(setup.salt()), boxed(weights)) : new ChallengeAnswer(false, List.of(), List.of()));
            return Behaviors.empty();
        }).build();
    }

    static List<Integer> boxed(int[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    static List<Byte> bytes(byte[] values) {
        List<Byte> out = new ArrayList<>(values.length);
        for (byte b : values) {
            out.add(b);
        }
        return out;
    }
}
