package io.chainfl.agents;

import io.chainfl.engine.metrics.ParticipantMetrics;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.TimingRecord;
import java.util.List;

/**
 * What a server reports when a round is over, whatever the protocol.
 *
 * @param deviceMillis virtual milliseconds the round spent on devices before its ledger part (0 where devices take no time)
 * @param ledgerMillis virtual milliseconds the ledger's clock moved during the round (block intervals of what it posted,
 *                     as the ledger service's replies said; 0 when it posted nothing)
 */
public record RoundDone(RoundMetrics metrics, List<ParticipantMetrics> participants, List<RunEvent> events, List<TimingRecord> timings,
                        long deviceMillis, long ledgerMillis) implements CborSerializable {
    public RoundDone {
        participants = List.copyOf(participants);
        events = List.copyOf(events);
        timings = List.copyOf(timings);
    }

    /** A round that takes no virtual time, on devices or on the ledger. */
    public RoundDone(RoundMetrics metrics, List<ParticipantMetrics> participants, List<RunEvent> events, List<TimingRecord> timings) {
        this(metrics, participants, events, timings, 0, 0);
    }
}
