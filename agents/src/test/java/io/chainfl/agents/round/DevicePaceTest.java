package io.chainfl.agents.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.DeviceAssignment;
import io.chainfl.engine.config.DevicesConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.engine.config.RoundEnd;
import io.chainfl.engine.device.DeviceTrace;
import io.chainfl.engine.device.Devices;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who counts and when the round's device time ends, for given per-participant times (ms). */
class DevicePaceTest {
    private static final SeedStreams SEEDS = new SeedStreams(3);
    private static final Devices LAPTOPS = Devices.of(new DevicesConfig("laptop", null), ModelType.MLP, 5, SEEDS);
    // participant 3 is the straggler; 1 and 4 tie
    private static final long[] MILLIS = {400, 300, 500, 5_000, 300};
    private static final List<Integer> EVERYONE = List.of(0, 1, 2, 3, 4);

    private static RoundPace.Plan plan(RoundEnd end, long deadline, int k, List<Integer> active) {
        return new DevicePace(LAPTOPS, id -> MILLIS[id], end, deadline, k, SEEDS).plan(1, active);
    }

    @Test
    void allWaitsForTheSlowest() {
        RoundPace.Plan plan = plan(RoundEnd.ALL, 0, 0, EVERYONE);
        assertEquals(EVERYONE, plan.onTime());
        assertEquals(5_000, plan.deviceMillis());
        assertTrue(plan.events().isEmpty());
        assertEquals(400, plan(RoundEnd.ALL, 0, 0, List.of(0, 1)).deviceMillis(), "the slowest of those asked");
        assertEquals(0, plan(RoundEnd.ALL, 0, 0, List.of()).deviceMillis());
    }

    @Test
    void aDeadlineDropsTheLateAndEndsAtTheDeadline() {
        RoundPace.Plan plan = plan(RoundEnd.DEADLINE, 1_000, 0, EVERYONE);
        assertEquals(List.of(0, 1, 2, 4), plan.onTime());
        assertEquals(1_000, plan.deviceMillis());
        RunEvent late = plan.events().get(0);
        assertEquals("late", late.kind());
        assertEquals("participant-3", late.subject());
        assertTrue(late.detail().startsWith("upload at 5.000 s, round ended at 1.000 s (deadline)"), late.detail());
        RoundPace.Plan allInTime = plan(RoundEnd.DEADLINE, 1_000, 0, List.of(0, 1, 2));
        assertEquals(500, allInTime.deviceMillis(), "everyone in before the deadline: the round ends with the last upload");
        assertEquals(List.of(3), plan(RoundEnd.DEADLINE, 5_000, 0, EVERYONE).onTime().stream().filter(id -> id == 3).toList(), "on the deadline counts");
    }

    @Test
    void firstKTakesTheEarliestTiesById() {
        RoundPace.Plan plan = plan(RoundEnd.FIRST_K, 0, 2, EVERYONE);
        assertEquals(List.of(1, 4), plan.onTime());
        assertEquals(300, plan.deviceMillis());
        assertEquals(List.of("participant-0", "participant-2", "participant-3"), plan.events().stream().map(RunEvent::subject).toList());
        assertEquals(List.of(0, 1, 4), plan(RoundEnd.FIRST_K, 0, 3, EVERYONE).onTime());
        assertEquals(400, plan(RoundEnd.FIRST_K, 0, 3, EVERYONE).deviceMillis());
    }

    @Test
    void droppedOutDevicesAreNotAskedAndTheDrawIsSeeded() {
        DeviceAssignment flaky = new DeviceAssignment("laptop", List.of(0, 99), null, null, null, null, null, 0.5, null);
        Devices devices = Devices.of(new DevicesConfig("laptop", List.of(flaky)), ModelType.MLP, 100, SEEDS);
        List<Integer> hundred = java.util.stream.IntStream.range(0, 100).boxed().toList();
        DevicePace pace = new DevicePace(devices, id -> 100, RoundEnd.ALL, 0, 0, SEEDS);
        RoundPace.Plan plan = pace.plan(1, hundred);
        long offline = plan.events().stream().filter(e -> e.kind().equals("offline")).count();
        assertEquals(100, offline + plan.onTime().size());
        assertTrue(offline > 35 && offline < 65, "about half: " + offline);
        assertEquals(plan, pace.plan(1, hundred), "the same draw for the same round");
        assertTrue(!plan.onTime().equals(pace.plan(2, hundred).onTime()), "another draw in another round");
    }

    @Test
    void aTraceWindowHoldingTheRoundsStartKeepsThatParticipantOut(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("trace.csv"),
                "participant,offline_from_s,offline_to_s\n# a comment line\n3,0,1.5\n1,2.0,2.5\n");
        DeviceTrace trace = DeviceTrace.read(file, 5);
        long[] now = {0};
        DevicePace pace = new DevicePace(LAPTOPS, id -> MILLIS[id], RoundEnd.ALL, 0, 0, SEEDS, trace, () -> now[0]);
        RoundPace.Plan first = pace.plan(1, EVERYONE);
        assertEquals(List.of(0, 1, 2, 4), first.onTime(), "participant 3 is offline from 0 to 1.5 s");
        assertEquals(500, first.deviceMillis(), "without the straggler the round is short");
        assertEquals(new RunEvent(1, "offline", "participant-3", "device offline by the trace from 0.000 to 1.500 s"), first.events().get(0));
        now[0] = 1_500;
        assertEquals(EVERYONE, pace.plan(2, EVERYONE).onTime(), "the window ends at 1.5 s (exclusive)");
        now[0] = 2_499;
        assertEquals(List.of(0, 2, 3, 4), pace.plan(3, EVERYONE).onTime());
    }

    @Test
    void aBadTraceIsOneLineNamingTheFileAndLine(@TempDir Path dir) throws Exception {
        Path header = Files.writeString(dir.resolve("h.csv"), "id,from,to\n0,1,2\n");
        assertEquals(header + ": the header is [id, from, to]; expected participant,offline_from_s,offline_to_s",
                assertThrows(UserError.class, () -> DeviceTrace.read(header, 5)).getMessage());
        Path reversed = Files.writeString(dir.resolve("r.csv"), "participant,offline_from_s,offline_to_s\n0,1,2\n4,3,1\n");
        assertEquals(reversed + " line 3: offline_from_s must be below offline_to_s",
                assertThrows(UserError.class, () -> DeviceTrace.read(reversed, 5)).getMessage());
        Path stranger = Files.writeString(dir.resolve("s.csv"), "participant,offline_from_s,offline_to_s\n7,0,1\n");
        assertEquals(stranger + " line 2: participant 7 does not exist (ids run from 0 to 4)",
                assertThrows(UserError.class, () -> DeviceTrace.read(stranger, 5)).getMessage());
        Path words = Files.writeString(dir.resolve("w.csv"), "participant,offline_from_s,offline_to_s\n1,soon,2\n");
        assertEquals(words + " line 2: offline_from_s 'soon' is not a number of seconds",
                assertThrows(UserError.class, () -> DeviceTrace.read(words, 5)).getMessage());
    }
}
