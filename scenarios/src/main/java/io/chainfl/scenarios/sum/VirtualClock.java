package io.chainfl.scenarios.sum;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * A SimBlock-style task queue in virtual milliseconds. Tasks run in (time, sequence number) order, the sequence
 * number being the order of scheduling, so ties never depend on identity hashes or map order and a run is
 * identical for a seed whatever the thread count. Every task is scheduled with a {@link Tag} that says what it
 * does, so a checkpoint can save the pending tasks as data and {@link #restore} can rebuild them.
 */
final class VirtualClock {
    /** What a pending task does: {@code kind} with {@code subject} (a day number, an agent's index). */
    record Tag(Kind kind, int subject) {}

    enum Kind { END_OF_DAY, ACT }

    /** A pending task as data. */
    record Pending(long timeMillis, long sequence, Tag tag) {}

    private record Task(Pending pending, Runnable action) {}

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.<Task>comparingLong(t -> t.pending().timeMillis()).thenComparingLong(t -> t.pending().sequence()));
    private long sequence;
    private long nowMillis;

    long nowMillis() {
        return nowMillis;
    }

    /** The next sequence number: saved so a restored queue breaks later ties as the original would. */
    long sequence() {
        return sequence;
    }

    /** A task a checkpoint need not describe (one that cannot be pending at a checkpoint). */
    void schedule(long timeMillis, Runnable action) {
        schedule(timeMillis, null, action);
    }

    void schedule(long timeMillis, Tag tag, Runnable action) {
        if (timeMillis < nowMillis) {
            throw new IllegalArgumentException("cannot schedule in the past: " + timeMillis + " < " + nowMillis);
        }
        queue.add(new Task(new Pending(timeMillis, sequence++, tag), action));
    }

    /** The tasks still to run, in the order they will run. */
    List<Pending> pending() {
        if (queue.stream().anyMatch(t -> t.pending().tag() == null)) {
            throw new IllegalStateException("a pending task has no tag: the queue cannot be saved");
        }
        return queue.stream().map(Task::pending)
                .sorted(Comparator.comparingLong(Pending::timeMillis).thenComparingLong(Pending::sequence)).toList();
    }

    /** Replaces the queue by saved tasks, each given its action again by {@code actionFor}. */
    void restore(long nowMillis, long sequence, List<Pending> pending, Function<Tag, Runnable> actionFor) {
        queue.clear();
        this.nowMillis = nowMillis;
        this.sequence = sequence;
        for (Pending p : pending) {
            queue.add(new Task(p, actionFor.apply(p.tag())));
        }
    }

    /** Runs tasks in order until the queue is empty or the next one is later than {@code endMillis}. */
    void runUntil(long endMillis, Runnable afterEachTask) {
        while (!queue.isEmpty() && queue.peek().pending().timeMillis() <= endMillis) {
            Task task = queue.poll();
            nowMillis = task.pending().timeMillis();
            task.action().run();
            afterEachTask.run();
        }
        nowMillis = Math.max(nowMillis, endMillis);
    }
}
