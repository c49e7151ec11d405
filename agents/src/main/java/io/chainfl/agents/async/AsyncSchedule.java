package io.chainfl.agents.async;

import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntToLongFunction;

/**
 * Who trains when in asynchronous aggregation, on virtual time alone: a participant's training starts at a virtual
 * time on the model version current then, and its upload is in {@code millisOf(id)} later (download, training and
 * upload on its device, as a synchronous round costs them). Uploads are taken in (arrival time, participant id)
 * order, never in the order the trainings finish on the host, so the timeline is the same on any thread count.
 * When an upload is taken the participant goes idle and an idle participant starts at once on the version the
 * server holds after that upload: with every participant training, the same one again; with fewer
 * ({@code concurrency}), one drawn uniformly from the idle ones (see {@link #take}). The first {@code concurrency} participants are a seeded draw (stream {@value #START_STREAM}).
 *
 * <p>With a {@link Publication} other than {@link Publication#IMMEDIATE} ({@code publish: on_block}) a version can be
 * downloaded only once the block holding it is sealed: the participant whose upload is taken waits until the version
 * the server then holds is published (at once if it already is) and starts on the newest published version at that
 * moment, which may include versions made while it waited that went into the same block. Such a start is resolved
 * ({@link #startDue()}) before any upload arriving at or after it is taken, so its base version is known by then.
 */
public final class AsyncSchedule {
    static final String START_STREAM = "async/start";
    static final String NEXT_STREAM = "async/next";

    /**
     * One training.
     *
     * @param training      which of the participant's own trainings this is, from 1 (its seed streams' round)
     * @param baseVersion   the server model version it downloads and trains on
     * @param arrivalMillis when its upload is in at the server
     */
    public record Job(int participant, int training, long startMillis, long baseVersion, long arrivalMillis) {}

    /** The order uploads are taken in. */
    public static final Comparator<Job> ARRIVAL_ORDER = Comparator.comparingLong(Job::arrivalMillis).thenComparingInt(Job::participant);

    /**
     * When a server version becomes downloadable. Called once per version, in version order, with the virtual time the
     * version was made; returns when it is published (never before it was made, never before an earlier version's).
     */
    @FunctionalInterface
    public interface Publication {
        /** Every version downloadable as soon as it is made (the default, {@code publish: immediate}). */
        Publication IMMEDIATE = madeMillis -> madeMillis;

        long publishedAt(long madeMillis);
    }

    /** A start waiting for a published version: the participant and when it downloads. */
    private record Waiting(int participant, long startMillis) {}

    private final IntToLongFunction millisOf;
    private final SeedStreams seeds;
    private final TreeSet<Job> inFlight = new TreeSet<>(ARRIVAL_ORDER);
    private final TreeSet<Integer> idle = new TreeSet<>();
    private final int concurrency;
    private final TreeMap<Integer, Integer> trainings = new TreeMap<>();
    private long taken;
    private final Publication publication;
    /** Publication time of every version made so far, by version (version 0: the start). */
    private final List<Long> publishedMillis = new ArrayList<>();
    /** Starts waiting for a published version, in (start time, participant) order. */
    private final TreeSet<Waiting> waiting = new TreeSet<>(Comparator.comparingLong(Waiting::startMillis).thenComparingInt(Waiting::participant));

    private AsyncSchedule(IntToLongFunction millisOf, SeedStreams seeds, int concurrency, Publication publication) {
        this.publication = publication;
        this.millisOf = millisOf;
        this.concurrency = concurrency;
        this.seeds = seeds;
    }

    /**
     * Starts {@code concurrency} of {@code participants} at {@code nowMillis} on version 0.
     *
     * @param millisOf virtual milliseconds from a participant's start to its upload being in
     * @return the schedule; its first jobs are {@link #inFlight()}
     */
    public static AsyncSchedule start(List<Integer> participants, int concurrency, IntToLongFunction millisOf, SeedStreams seeds, long nowMillis) {
        return start(participants, concurrency, millisOf, seeds, nowMillis, Publication.IMMEDIATE);
    }

    /** As above, with versions downloadable when {@code publication} says (version 0 is published at the start). */
    public static AsyncSchedule start(List<Integer> participants, int concurrency, IntToLongFunction millisOf, SeedStreams seeds, long nowMillis,
                                      Publication publication) {
        if (concurrency < 1 || concurrency > participants.size()) {
            throw new IllegalArgumentException("concurrency " + concurrency + " for " + participants.size() + " participants");
        }
        AsyncSchedule schedule = new AsyncSchedule(millisOf, seeds, concurrency, publication);
        schedule.publishedMillis.add(nowMillis);
        List<Integer> ids = new ArrayList<>(new TreeSet<>(participants));
        schedule.idle.addAll(ids);
        List<Integer> first = ids;
        if (concurrency < ids.size()) {
            SplittableRandom rng = seeds.stream(START_STREAM);
            List<Integer> order = new ArrayList<>(ids);
            for (int i = order.size() - 1; i > 0; i--) {
                Collections.swap(order, i, rng.nextInt(i + 1));
            }
            first = order.subList(0, concurrency);
        }
        for (int id : first) {
            schedule.begin(id, nowMillis, 0);
        }
        return schedule;
    }

    /** The trainings under way, in the order their uploads will be taken. */
    public List<Job> inFlight() {
        return List.copyOf(inFlight);
    }

    /**
     * The trainings that start now: waiting starts whose download time is not after the next upload's arrival (or, with
     * nothing under way, the earliest), on the newest version published by then. Call before {@link #next()}; always
     * empty with {@link Publication#IMMEDIATE}.
     */
    public List<Job> startDue() {
        List<Job> started = new ArrayList<>();
        while (!waiting.isEmpty() && (inFlight.isEmpty() || waiting.first().startMillis() <= inFlight.first().arrivalMillis())) {
            Waiting w = waiting.pollFirst();
            started.add(begin(w.participant(), w.startMillis(), newestPublishedAt(w.startMillis())));
        }
        return started;
    }

    private long newestPublishedAt(long millis) {
        int v = publishedMillis.size() - 1;
        while (publishedMillis.get(v) > millis) {
            v--;
        }
        return v;
    }

    /** The next upload to take. */
    public Job next() {
        if (inFlight.isEmpty()) {
            throw new IllegalStateException("no training under way");
        }
        return inFlight.first();
    }

    /**
     * Takes {@code job}'s upload (it must be {@link #next()}): its participant goes idle, and the free training slot is
     * filled at its arrival, on {@code currentVersion}, the server's version once the upload is taken (under FedBuff the
     * same version when the upload waits in the buffer, as in the paper). The slot goes to an idle participant: with
     * one idle, to it; with more, to one drawn uniformly (stream {@value #NEXT_STREAM}, keyed by the number of uploads
     * taken). Under a {@link Publication} other than immediate the chosen participant waits instead ({@link #startDue()}).
     *
     * @return the trainings that start now (none when they wait for a published version)
     */
    public List<Job> take(Job job, long currentVersion) {
        if (!job.equals(inFlight.first())) {
            throw new IllegalStateException("took " + job + " before " + inFlight.first());
        }
        inFlight.pollFirst();
        taken++;
        idle.add(job.participant());
        if (currentVersion == publishedMillis.size()) {
            publishedMillis.add(publication.publishedAt(job.arrivalMillis()));
        } else if (currentVersion != publishedMillis.size() - 1) {
            throw new IllegalStateException("version " + currentVersion + " after " + (publishedMillis.size() - 1) + ": one upload makes at most one version");
        }
        // the version the server holds now: a participant starting waits until it is published
        long startMillis = Math.max(job.arrivalMillis(), publishedMillis.get(publishedMillis.size() - 1));
        boolean immediate = publication == Publication.IMMEDIATE;
        List<Job> started = new ArrayList<>();
        for (int slot = 0; inFlight.size() + waiting.size() < concurrency && !idle.isEmpty(); slot++) {
            int chosen;
            if (idle.size() == 1) {
                chosen = idle.first();
            } else {
                List<Integer> candidates = new ArrayList<>(idle);
                chosen = candidates.get(seeds.stream(NEXT_STREAM, taken, slot).nextInt(candidates.size()));
            }
            if (immediate) {
                started.add(begin(chosen, job.arrivalMillis(), currentVersion));
            } else {
                idle.remove(chosen);
                waiting.add(new Waiting(chosen, startMillis));
            }
        }
        return started;
    }

    private Job begin(int participant, long nowMillis, long version) {
        idle.remove(participant);
        int training = trainings.merge(participant, 1, Integer::sum);
        long millis = millisOf.applyAsLong(participant);
        if (millis <= 0) {
            // a training that takes no time would arrive again at the same instant forever
            throw new IllegalStateException("participant " + participant + "'s training takes " + millis + " ms of virtual time");
        }
        Job job = new Job(participant, training, nowMillis, version, nowMillis + millis);
        inFlight.add(job);
        return job;
    }
}
