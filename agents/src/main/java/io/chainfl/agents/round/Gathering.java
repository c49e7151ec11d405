package io.chainfl.agents.round;

import io.chainfl.agents.ParticipantActor;
import java.util.Collection;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntConsumer;

/**
 * One "ask these ids, collect their answers or failures" step of a round. Answers and failures are kept by id,
 * so whatever the protocol does with them afterwards happens in id order, whatever the arrival order.
 *
 * @param <A> the answer a participant sends back
 */
public final class Gathering<A> {
    private final TreeSet<Integer> expected;
    private final TreeMap<Integer, A> answers = new TreeMap<>();
    private final TreeMap<Integer, ParticipantActor.Failed> failures = new TreeMap<>();
    /** How many expected ids still owe: counted rather than recomputed, so a round of k answers costs k, not k squared. */
    private int owing;

    private Gathering(Collection<Integer> ids) {
        this.expected = new TreeSet<>(ids);
        this.owing = expected.size();
    }

    /** Asks each id, in id order, with {@code ask}. */
    public static <A> Gathering<A> ask(Collection<Integer> ids, IntConsumer ask) {
        Gathering<A> gathering = new Gathering<>(ids);
        gathering.expected.forEach(ask::accept);
        return gathering;
    }

    public void answer(int id, A answer) {
        settle(id);
        answers.put(id, answer);
    }

    /** A participant that failed the step for good: the step goes on without it. */
    public void fail(ParticipantActor.Failed failed) {
        settle(failed.participantId());
        failures.put(failed.participantId(), failed);
    }

    /** Stops waiting for {@code id} (it left the run without an answer). */
    public void forget(int id) {
        settle(id);
        expected.remove(id);
    }

    /** {@code id} no longer owes, if it did. */
    private void settle(int id) {
        if (owes(id)) {
            owing--;
        }
    }

    /** Whether {@code id} was asked and has neither answered nor failed. */
    public boolean owes(int id) {
        return expected.contains(id) && !answers.containsKey(id) && !failures.containsKey(id);
    }

    public boolean complete() {
        return owing == 0;
    }

    public SortedMap<Integer, A> answers() {
        return Collections.unmodifiableSortedMap(answers);
    }

    public SortedMap<Integer, ParticipantActor.Failed> failures() {
        return Collections.unmodifiableSortedMap(failures);
    }
}
