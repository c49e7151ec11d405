package io.chainfl.agents;

import io.chainfl.engine.metrics.ParticipantMetrics;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.TimingRecord;
import java.util.List;

/** What a server reports when a round is over, whatever the protocol. */
public record RoundDone(RoundMetrics metrics, List<ParticipantMetrics> participants, List<RunEvent> events, List<TimingRecord> timings)
        implements CborSerializable {
    public RoundDone {
        participants = List.copyOf(participants);
        events = List.copyOf(events);
        timings = List.copyOf(timings);
    }
}
