package io.chainfl.agents.round;

import io.chainfl.engine.metrics.RunEvent;
import java.util.List;

/**
 * Which of a round's participants take part in virtual time, and how long their part of the round lasts: decided
 * before anyone is asked, from the devices alone (durations are a function of the work, not of when answers arrive),
 * so what is aggregated depends only on which uploads made it, in participant-id order.
 */
@FunctionalInterface
public interface RoundPace {
    /** Devices that take no time: everyone is on time and the round lasts only its ledger time. */
    RoundPace INSTANT = (round, active) -> new Plan(active, 0, List.of());

    /**
     * @param active the round's participants (ids sorted) that are still in the run
     */
    Plan plan(int round, List<Integer> active);

    /** The server's own work (devices.server_work), or null when the server computes in no time (no server_ms column). */
    default ServerTime serverTime() {
        return null;
    }

    /**
     * @param onTime       the participants to ask, ids sorted: their uploads count
     * @param deviceMillis virtual milliseconds from the round's start until the server stops waiting for uploads
     * @param events       why the others do not count ({@code offline}, {@code late}), in id order
     */
    record Plan(List<Integer> onTime, long deviceMillis, List<RunEvent> events) {
        public Plan {
            onTime = List.copyOf(onTime);
            events = List.copyOf(events);
        }
    }
}
