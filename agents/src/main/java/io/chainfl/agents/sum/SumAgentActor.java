package io.chainfl.agents.sum;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.EntityKind;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A SUM agent (Sharing Updatable Models) as an entity: at each of its turns the driver's clock asks it what it does
 * (the label it gives the next sample, whether it contributes at the current accuracy, the deposit it offers, the
 * wait until its next turn). The contract, model, mechanism and books stay on the driver. The agent keeps nothing
 * between turns: its random draws continue from the generator state the driver sends with each question and takes
 * back with the answer, so passivation, re-creation on another member after a loss, or a checkpoint cannot change
 * a single draw, and a repeated question gets the same answer.
 */
public final class SumAgentActor {
    public static final EntityKind<Command> KIND = new EntityKind<>("sum-agent", Command.class);

    private SumAgentActor() {}

    public sealed interface Command extends CborSerializable permits Decide {}

    /** Where an agent's SplitMix64 generator stands: everything its next draws depend on. */
    public record Draws(long seed, long gamma) implements CborSerializable {}

    /**
     * The agent's turn.
     *
     * @param draws     its generator's state before the turn
     * @param hasSample whether a sample is left to label (without one the agent only draws its wait)
     * @param trueLabel the sample's true label (ignored without a sample)
     * @param accuracy  the hosted model's accuracy at the last report, which honest agents weigh before contributing
     */
    public record Decide(Draws draws, boolean hasSample, int trueLabel, double accuracy, ActorRef<Decision> replyTo) implements Command {}

    /**
     * What the agent does. The driver applies it in the order the draws were made: {@code label}, then
     * {@code contributes}, then {@code offer} (drawn only when it contributes); {@code waitMillis} is drawn last, so a
     * driver whose mechanism retires the agent this turn keeps {@code afterDecision} and ignores the wait.
     *
     * @param afterDecision the generator after the label, contribution and offer draws
     * @param afterWait     the generator after the wait draw too
     */
    public record Decision(int label, boolean contributes, long offer, Draws afterDecision, long waitMillis, Draws afterWait) implements CborSerializable {}

    /** The agent's behaviour: a pure function of its configured character and the question. */
    @FunctionalInterface
    public interface Decider {
        Decision decide(Decide turn);
    }

    public static Behavior<Command> create(Decider decider) {
        return Behaviors.receive(Command.class)
                .onMessage(Decide.class, turn -> {
                    turn.replyTo().tell(decider.decide(turn));
                    return Behaviors.same();
                })
                .build();
    }
}
