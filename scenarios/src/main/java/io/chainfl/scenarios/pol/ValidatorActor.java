package io.chainfl.scenarios.pol;

import io.chainfl.agents.CborSerializable;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.Model;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A Proof-of-Learning validator: ranks a task's submissions, best first. An honest one evaluates every model on its own
 * held-out rows and orders them by accuracy (the earlier submission first among equals). A colluder evaluates the same
 * way, then puts its target first and, when it buries, the rest worst-first. A lazy one evaluates nothing: a seeded
 * random permutation, or a copy of the first ranking already on chain for the task.
 */
final class ValidatorActor {
    private ValidatorActor() {}

    /** What this validator does with a task. */
    sealed interface Conduct {}

    record Honest() implements Conduct {}

    record Colluding(int targetIndex, boolean bury) implements Conduct {}

    record LazyRandom(SplittableRandom random) implements Conduct {}

    record LazyCopy(SplittableRandom random) implements Conduct {}

    sealed interface Command extends CborSerializable {}

    /** Rank {@code models} (in submission order); {@code firstOnChain} is the task's first posted ranking, empty if none yet. */
    record Rank(List<float[]> models, List<Integer> firstOnChain, ActorRef<Ranking> replyTo) implements Command {
        Rank {
            models = models.stream().map(float[]::clone).toList();
            firstOnChain = List.copyOf(firstOnChain);
        }
    }

    /** @param evaluated whether the validator ran the models at all */
    record Ranking(List<Integer> order, boolean evaluated) implements CborSerializable {
        Ranking {
            order = List.copyOf(order);
        }
    }

    /** What a validator is built from: its held-out rows, a model of the configured shape to load submissions into, the batch size. */
    record Setup(Dataset heldOut, Model scratch, int batchSize, Conduct conduct) {}

    static Behavior<Command> create(Setup setup) {
        return Behaviors.receive(Command.class).onMessage(Rank.class, m -> {
            m.replyTo().tell(rank(setup, m.models(), m.firstOnChain()));
            return Behaviors.same();
        }).build();
    }

    static Ranking rank(Setup setup, List<float[]> models, List<Integer> firstOnChain) {
        int n = models.size();
        Conduct conduct = setup.conduct();
        if (conduct instanceof LazyRandom lazy) {
            return new Ranking(shuffled(n, lazy.random()), false);
        }
        if (conduct instanceof LazyCopy lazy) {
            return new Ranking(firstOnChain.size() == n ? firstOnChain : shuffled(n, lazy.random()), false);
        }
        List<Integer> honestOrder = byAccuracy(setup, models);
        if (!(conduct instanceof Colluding c) || c.targetIndex() < 0 || c.targetIndex() >= n) {
            return new Ranking(honestOrder, true);
        }
        List<Integer> rest = new ArrayList<>(honestOrder);
        rest.remove(Integer.valueOf(c.targetIndex()));
        if (c.bury()) {
            java.util.Collections.reverse(rest);
        }
        List<Integer> order = new ArrayList<>();
        order.add(c.targetIndex());
        order.addAll(rest);
        return new Ranking(order, true);
    }

    /** Submission indices by accuracy on the held-out rows, best first; the earlier submission first among equals. */
    static List<Integer> byAccuracy(Setup setup, List<float[]> models) {
        double[] accuracy = new double[models.size()];
        for (int i = 0; i < accuracy.length; i++) {
            setup.scratch().setParams(models.get(i));
            accuracy[i] = Evaluation.evaluate(setup.scratch(), setup.heldOut(), setup.batchSize()).accuracy();
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < accuracy.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.<Integer>comparingDouble(i -> -accuracy[i]).thenComparing(i -> i));
        return order;
    }

    private static List<Integer> shuffled(int n, SplittableRandom random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        for (int i = n - 1; i > 0; i--) { // seeded Fisher-Yates
            int j = random.nextInt(i + 1);
            Integer t = order.get(i);
            order.set(i, order.get(j));
            order.set(j, t);
        }
        return order;
    }
}
