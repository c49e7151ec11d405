package io.chainfl.agents.round;

import io.chainfl.agents.ParticipantActor;
import io.chainfl.engine.metrics.RunEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The events a round reports about participants that failed a step ("participant_dropped") or succeeded only
 * on the retry ("participant_restarted"), with the texts every protocol shares, collected by participant id so
 * they come out in id order.
 */
public final class FailureEvents {
    private final TreeMap<Integer, List<RunEvent>> byParticipant = new TreeMap<>();

    public static RunEvent dropped(String subject, ParticipantActor.Failed failed, String step) {
        return new RunEvent(failed.round(), "participant_dropped", subject,
                step + " threw " + failed.attempts() + (failed.attempts() == 1 ? " time" : " times") + ": " + failed.error());
    }

    public static RunEvent restarted(int round, String subject, String step) {
        return new RunEvent(round, "participant_restarted", subject, step + " threw; the retry succeeded");
    }

    /** Adds {@code event} after those already reported for {@code participant}. */
    public FailureEvents add(int participant, RunEvent event) {
        byParticipant.computeIfAbsent(participant, k -> new ArrayList<>()).add(event);
        return this;
    }

    /** Adds {@code event} only when nothing is reported for {@code participant} yet: one event per participant. */
    public FailureEvents addIfNone(int participant, RunEvent event) {
        if (!byParticipant.containsKey(participant)) {
            add(participant, event);
        }
        return this;
    }

    public boolean isEmpty() {
        return byParticipant.isEmpty();
    }

    /** Every event, by participant id, then in the order added; empties the collection. */
    public List<RunEvent> drain() {
        List<RunEvent> events = byParticipant.values().stream().flatMap(List::stream).toList();
        byParticipant.clear();
        return events;
    }
}
