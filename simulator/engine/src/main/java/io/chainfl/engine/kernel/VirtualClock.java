package io.chainfl.engine.kernel;

import io.chainfl.engine.checkpoint.Snapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The run's one timeline: a SimBlock-style discrete-event task queue in virtual milliseconds. Tasks run in
 * (time, sequence number) order, the sequence number being the order of scheduling, so ties never depend on
 * identity hashes or map order and a run is identical for a seed whatever the thread count. SUM's agent turns and
 * days and the rounds of fedavg, SecCL, DeepChain and the centralized baseline are all tasks on it, so a round's end
 * and a virtual day are points of the same timeline.
 *
 * <p>A task scheduled with a {@link Tag} (what it does, as plain data) can be saved: {@link #save} writes the
 * time, the next sequence number and the pending tags into a checkpoint, {@link #restore} reads them back, and
 * {@link #bindRestored} gives each restored task its action again, so the rebuilt queue breaks ties as the
 * original would. Not thread-safe: one thread (or one actor) drives it at a time.
 */
public final class VirtualClock {
    /**
     * What a pending task does, as data a checkpoint can hold: {@code kind} is defined by the protocol that
     * schedules it ("sum/act", "round"), {@code subject} says which one (a day, an agent's index, a round).
     */
    public record Tag(String kind, long subject) {
        public Tag {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** A pending task as data. */
    public record Pending(long timeMillis, long sequence, Tag tag) {}

    /** The checkpoint section the run's clock is saved in. */
    public static final String SECTION = "kernel/clock";
    /** The layout of the clock's section; a different number is refused on restore. */
    private static final int LAYOUT = 1;

    private record Task(Pending pending, Runnable action) {}

    private static final Comparator<Pending> ORDER = Comparator.comparingLong(Pending::timeMillis).thenComparingLong(Pending::sequence);

    private final PriorityQueue<Task> queue = new PriorityQueue<>(Comparator.comparing(Task::pending, ORDER));
    /** Tasks read back from a checkpoint that wait for their actions ({@link #bindRestored}); empty otherwise. */
    private final List<Pending> unbound = new ArrayList<>();
    private long sequence;
    private long nowMillis;

    public long nowMillis() {
        return nowMillis;
    }

    /** The next sequence number: saved so a restored queue breaks later ties as the original would. */
    public long sequence() {
        return sequence;
    }

    /** True when a task is waiting (restored tasks not yet bound count too). */
    public boolean hasPending() {
        return !queue.isEmpty() || !unbound.isEmpty();
    }

    /** A task a checkpoint need not describe (one that cannot be pending at a checkpoint). */
    public void schedule(long timeMillis, Runnable action) {
        add(timeMillis, null, action);
    }

    public void schedule(long timeMillis, Tag tag, Runnable action) {
        add(timeMillis, Objects.requireNonNull(tag, "tag"), action);
    }

    private void add(long timeMillis, Tag tag, Runnable action) {
        if (timeMillis < nowMillis) {
            throw new IllegalArgumentException("cannot schedule in the past: " + timeMillis + " < " + nowMillis);
        }
        requireBound();
        queue.add(new Task(new Pending(timeMillis, sequence++, tag), Objects.requireNonNull(action, "action")));
    }

    /**
     * Drops the pending tasks whose tag {@code which} accepts (a protocol clearing its own tasks when it ends, so the
     * next protocol on the clock starts from a queue without them); returns how many went.
     */
    public int cancel(Predicate<Tag> which) {
        requireBound();
        int before = queue.size();
        queue.removeIf(t -> t.pending().tag() != null && which.test(t.pending().tag()));
        return before - queue.size();
    }

    /** Moves time forward to {@code timeMillis} without running anything (a round that took virtual time). */
    public void advanceTo(long timeMillis) {
        if (timeMillis < nowMillis) {
            throw new IllegalArgumentException("time cannot go back: " + timeMillis + " < " + nowMillis);
        }
        if (!queue.isEmpty() && queue.peek().pending().timeMillis() < timeMillis) {
            throw new IllegalStateException("cannot advance to " + timeMillis + " past a task due at " + queue.peek().pending().timeMillis());
        }
        nowMillis = timeMillis;
    }

    /** The tasks still to run, in the order they will run. */
    public List<Pending> pending() {
        List<Pending> all = new ArrayList<>(unbound);
        queue.forEach(t -> all.add(t.pending()));
        all.sort(ORDER);
        return List.copyOf(all);
    }

    /** Runs the earliest task, moving time to it; false when nothing is pending. */
    public boolean runNext() {
        requireBound();
        Task task = queue.poll();
        if (task == null) {
            return false;
        }
        nowMillis = task.pending().timeMillis();
        task.action().run();
        return true;
    }

    /** Runs tasks in order until the queue is empty or the next one is later than {@code endMillis}, then moves time to {@code endMillis}. */
    public void runUntil(long endMillis, Runnable afterEachTask) {
        requireBound();
        while (!queue.isEmpty() && queue.peek().pending().timeMillis() <= endMillis) {
            runNext();
            afterEachTask.run();
        }
        nowMillis = Math.max(nowMillis, endMillis);
    }

    /** Writes the time, the next sequence number and every pending task's tag into {@link #SECTION}. */
    public void save(Snapshot.Builder out) {
        List<Pending> pending = pending();
        if (pending.stream().anyMatch(p -> p.tag() == null)) {
            throw new IllegalStateException("a pending task has no tag: the clock cannot be saved at " + nowMillis + " ms");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream o = new DataOutputStream(bytes)) {
            o.writeInt(LAYOUT);
            o.writeLong(nowMillis);
            o.writeLong(sequence);
            o.writeInt(pending.size());
            for (Pending p : pending) {
                o.writeLong(p.timeMillis());
                o.writeLong(p.sequence());
                o.writeUTF(p.tag().kind());
                o.writeLong(p.tag().subject());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.bytes(SECTION, bytes.toByteArray());
    }

    /**
     * Replaces this clock's state by the one saved in {@code in}: time and sequence at once, the pending tasks as
     * data that {@link #bindRestored} turns into tasks again (nothing runs before that).
     */
    public void restore(Snapshot in) {
        byte[] section = in.bytes(SECTION).orElseThrow(() -> new IllegalStateException("checkpoint has no section '" + SECTION + "'"));
        try (DataInputStream i = new DataInputStream(new ByteArrayInputStream(section))) {
            int layout = i.readInt();
            if (layout != LAYOUT) {
                throw new IllegalStateException("clock section layout " + layout + ", this chainfl reads " + LAYOUT);
            }
            long now = i.readLong();
            long next = i.readLong();
            List<Pending> pending = new ArrayList<>();
            for (int n = i.readInt(); n > 0; n--) {
                long time = i.readLong();
                long taskSequence = i.readLong();
                pending.add(new Pending(time, taskSequence, new Tag(i.readUTF(), i.readLong())));
            }
            queue.clear();
            unbound.clear();
            unbound.addAll(pending);
            nowMillis = now;
            sequence = next;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the checkpoint's clock section: " + e.getMessage(), e);
        }
    }

    /**
     * Gives every restored task its action, from its tag; {@code actionFor} throws for a kind it does not know.
     * Does nothing when no restored task waits.
     */
    public void bindRestored(Function<Tag, Runnable> actionFor) {
        for (Pending p : unbound) {
            queue.add(new Task(p, Objects.requireNonNull(actionFor.apply(p.tag()), "action for " + p.tag())));
        }
        unbound.clear();
    }

    /** Tasks restored but not yet bound, in order (a protocol checks they are its own before binding). */
    public List<Pending> restoredUnbound() {
        return List.copyOf(unbound);
    }

    private void requireBound() {
        if (!unbound.isEmpty()) {
            throw new IllegalStateException(unbound.size() + " restored tasks have no action yet (bindRestored): the first is " + unbound.get(0));
        }
    }
}
