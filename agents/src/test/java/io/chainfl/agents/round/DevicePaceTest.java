package io.chainfl.agents.round;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.DeviceAssignment;
import io.chainfl.engine.config.DevicesConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.engine.config.RoundEnd;
import io.chainfl.engine.device.Devices;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import org.junit.jupiter.api.Test;

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
}
