package io.chainfl.agents.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.aggregation.FedAvg;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Three participants whose trainings take 100, 150 and 400 ms of virtual time, worked out by hand: who arrives when,
 * on which model version each trained, and the staleness the server sees. Ties (two uploads at 300 ms, two at 400 ms)
 * go to the lower id.
 */
class AsyncScheduleTest {
    private static final long[] MILLIS = {100, 150, 400};

    /** One upload as the server takes it: participant, its training number, arrival, base version, staleness. */
    private record Taken(int participant, int training, long arrival, long base, long staleness) {}

    private static AsyncSchedule threeParticipants(int concurrency) {
        return AsyncSchedule.start(List.of(0, 1, 2), concurrency, id -> MILLIS[id], new SeedStreams(42), 0);
    }

    /** FedAsync: every upload makes a version, and its participant starts again at once on it. */
    @Test
    void fedAsyncTimelineByHand() {
        AsyncSchedule schedule = threeParticipants(3);
        long version = 0;
        List<Taken> taken = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AsyncSchedule.Job job = schedule.next();
            taken.add(new Taken(job.participant(), job.training(), job.arrivalMillis(), job.baseVersion(), version - job.baseVersion()));
            version++;
            List<AsyncSchedule.Job> started = schedule.take(job, version);
            assertEquals(1, started.size());
            assertEquals(job.participant(), started.get(0).participant(), "with every participant training, the one that uploaded restarts");
        }
        assertEquals(List.of(
                new Taken(0, 1, 100, 0, 0),   // v1
                new Taken(1, 1, 150, 0, 1),   // v2: trained on v0, v1 came in between
                new Taken(0, 2, 200, 1, 1),   // v3: restarted at 100 on v1
                new Taken(0, 3, 300, 3, 0),   // v4: restarted at 200 on v3; ties with participant 1 at 300, lower id first
                new Taken(1, 2, 300, 2, 2),   // v5: restarted at 150 on v2
                new Taken(0, 4, 400, 4, 1),   // v6: ties with participant 2 at 400
                new Taken(2, 1, 400, 0, 6)),  // v7: the slow one, on v0 all along
                taken);
        assertEquals(List.of(new AsyncSchedule.Job(0, 5, 400, 6, 500), new AsyncSchedule.Job(1, 3, 300, 5, 450),
                new AsyncSchedule.Job(2, 2, 400, 7, 800)).stream().sorted(AsyncSchedule.ARRIVAL_ORDER).toList(), schedule.inFlight());
    }

    /**
     * FedBuff with a buffer of 2 participants (the real rule, FedAvg, one-parameter model): every participant starts
     * again at once, on the version it finds; participant 0, twice in the buffer at 300 ms, shares one entry, so the
     * buffer waits for participant 1 and applies three updates.
     */
    @Test
    void fedBuffTimelineByHand() {
        AsyncSchedule schedule = threeParticipants(3);
        AsyncRule rule = new AsyncRule.FedBuffBuffer(2, 1.0, true, new FedAvg());
        float[] global = {0};
        long version = 0;
        List<Taken> taken = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        List<Integer> appliedPerVersion = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            AsyncSchedule.Job job = schedule.next();
            taken.add(new Taken(job.participant(), job.training(), job.arrivalMillis(), job.baseVersion(), version - job.baseVersion()));
            List<AsyncRule.Upload> applied = rule.take(global, new AsyncRule.Upload(job.participant(), new float[] {1}, 1, 0, null,
                    version - job.baseVersion()), version);
            if (!applied.isEmpty()) {
                version++;
                appliedPerVersion.add(applied.size());
            }
            schedule.take(job, version).forEach(s -> starts.add(s.participant() + "@" + s.startMillis() + " on v" + s.baseVersion()));
        }
        assertEquals(List.of(
                new Taken(0, 1, 100, 0, 0),   // buffer {0}
                new Taken(1, 1, 150, 0, 0),   // buffer {0, 1}: v1
                new Taken(0, 2, 200, 0, 1),   // restarted at 100 on v0; buffer {0}
                new Taken(0, 3, 300, 1, 0),   // restarted at 200 on v1; ties with 1 at 300, lower id first; still {0}
                new Taken(1, 2, 300, 1, 0),   // v2: three updates
                new Taken(0, 4, 400, 1, 1),   // restarted at 300 on v1; ties with 2 at 400
                new Taken(2, 1, 400, 0, 2)),  // v3 with staleness 2
                taken);
        assertEquals(List.of("0@100 on v0", "1@150 on v1", "0@200 on v1", "0@300 on v1", "1@300 on v2", "0@400 on v2", "2@400 on v3"), starts);
        assertEquals(List.of(2, 3, 2), appliedPerVersion);
    }

    /** With fewer trainings at once than participants, the free slot goes to a drawn idle participant; the draw is the seed's. */
    @Test
    void concurrencyKeepsThatManyTrainingAndTheDrawIsSeeded() {
        List<String> first = run(new SeedStreams(42));
        assertEquals(first, run(new SeedStreams(42)));
        assertEquals(20, first.size());
        List<String> other = run(new SeedStreams(7));
        assertEquals(false, first.equals(other), "another seed draws other participants: " + first + " vs " + other);
    }

    private static List<String> run(SeedStreams seeds) {
        AsyncSchedule schedule = AsyncSchedule.start(List.of(0, 1, 2, 3, 4), 2, id -> 100 + 10L * id, seeds, 0);
        List<String> order = new ArrayList<>();
        for (int version = 1; version <= 20; version++) {
            assertEquals(2, schedule.inFlight().size());
            AsyncSchedule.Job job = schedule.next();
            order.add(job.participant() + "@" + job.arrivalMillis());
            schedule.take(job, version);
        }
        return order;
    }

    @Test
    void takingOutOfOrderOrAZeroTimeTrainingIsABug() {
        AsyncSchedule schedule = threeParticipants(3);
        AsyncSchedule.Job later = schedule.inFlight().get(1);
        assertThrows(IllegalStateException.class, () -> schedule.take(later, 1));
        assertThrows(IllegalStateException.class, () -> AsyncSchedule.start(List.of(0), 1, id -> 0, new SeedStreams(1), 0));
    }

    /**
     * FedAsync with {@code publish: on_block}, blocks sealed every 1 s (a version made at t is published at the next
     * whole second after t, as {@link BlockPublication} does under proof of authority with a 1 s interval). Worked by
     * hand: the three uploads of the first second (100, 150, 400 ms, versions 1-3) all go into the block sealed at
     * 1000 ms; each participant waits for it and all three start at 1000 ms on v3. Their uploads at 1100, 1150 and
     * 1400 ms (staleness 0, 1, 2) make v4-v6, sealed at 2000 ms, where all three start again on v6.
     */
    @Test
    void onBlockTimelineByHand() {
        AsyncSchedule schedule = AsyncSchedule.start(List.of(0, 1, 2), 3, id -> MILLIS[id], new SeedStreams(42), 0,
                made -> (made / 1000 + 1) * 1000);
        long version = 0;
        List<Taken> taken = new ArrayList<>();
        List<String> starts = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            schedule.startDue().forEach(s -> starts.add(s.participant() + "@" + s.startMillis() + " on v" + s.baseVersion()));
            AsyncSchedule.Job job = schedule.next();
            taken.add(new Taken(job.participant(), job.training(), job.arrivalMillis(), job.baseVersion(), version - job.baseVersion()));
            version++;
            assertEquals(List.of(), schedule.take(job, version), "a participant waits for the block holding the version");
        }
        schedule.startDue().forEach(s -> starts.add(s.participant() + "@" + s.startMillis() + " on v" + s.baseVersion()));
        assertEquals(List.of(
                new Taken(0, 1, 100, 0, 0),    // v1, published at 1000
                new Taken(1, 1, 150, 0, 1),    // v2, same block
                new Taken(2, 1, 400, 0, 2),    // v3, same block
                new Taken(0, 2, 1100, 3, 0),   // v4, published at 2000
                new Taken(1, 2, 1150, 3, 1),   // v5
                new Taken(2, 2, 1400, 3, 2)),  // v6
                taken);
        assertEquals(List.of("0@1000 on v3", "1@1000 on v3", "2@1000 on v3", "0@2000 on v6", "1@2000 on v6", "2@2000 on v6"), starts);
        assertEquals(List.of(new AsyncSchedule.Job(0, 3, 2000, 6, 2100), new AsyncSchedule.Job(1, 3, 2000, 6, 2150),
                new AsyncSchedule.Job(2, 3, 2000, 6, 2400)), schedule.inFlight());
    }

    /** Under instant publication ({@code made -> made}) nothing waits: the same timeline as immediate. */
    @Test
    void publicationAtOnceWaitsForNothing() {
        AsyncSchedule schedule = AsyncSchedule.start(List.of(0, 1, 2), 3, id -> MILLIS[id], new SeedStreams(42), 0, made -> made);
        AsyncSchedule.Job job = schedule.next();
        assertEquals(List.of(), schedule.take(job, 1));
        assertEquals(List.of(new AsyncSchedule.Job(0, 2, 100, 1, 200)), schedule.startDue());
    }
}
