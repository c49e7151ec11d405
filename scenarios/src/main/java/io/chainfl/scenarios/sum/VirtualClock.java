package io.chainfl.scenarios.sum;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * A SimBlock-style task queue in virtual milliseconds. Tasks run in (time, sequence number) order, the sequence
 * number being the order of scheduling, so ties never depend on identity hashes or map order and a run is
 * identical for a seed whatever the thread count.
 */
final class VirtualClock {
    private record Task(long timeMillis, long sequence, Runnable action) {}

    private final PriorityQueue<Task> queue = new PriorityQueue<>(
            Comparator.comparingLong(Task::timeMillis).thenComparingLong(Task::sequence));
    private long sequence;
    private long nowMillis;

    long nowMillis() {
        return nowMillis;
    }

    void schedule(long timeMillis, Runnable action) {
        if (timeMillis < nowMillis) {
            throw new IllegalArgumentException("cannot schedule in the past: " + timeMillis + " < " + nowMillis);
        }
        queue.add(new Task(timeMillis, sequence++, action));
    }

    /** Runs tasks in order until the queue is empty or the next one is later than {@code endMillis}. */
    void runUntil(long endMillis, Runnable afterEachTask) {
        while (!queue.isEmpty() && queue.peek().timeMillis() <= endMillis) {
            Task task = queue.poll();
            nowMillis = task.timeMillis();
            task.action().run();
            afterEachTask.run();
        }
        nowMillis = Math.max(nowMillis, endMillis);
    }
}
