package io.chainfl.agents.seccl;

import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.round.FailureEvents;
import io.chainfl.agents.round.Gathering;
import io.chainfl.agents.seccl.SecclMessages.Ballot;
import io.chainfl.agents.seccl.SecclMessages.ParticipantCommand;
import io.chainfl.agents.seccl.SecclMessages.Upload;
import io.chainfl.engine.metrics.RunEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Whom the SecCL server asks, and what it reports about them: each participant's reference, which a lost cluster
 * member moves (reassign) or removes (drop), and the participant events of a round (losses, drops after a failure,
 * restarts) in participant-id order.
 */
final class SecclRoster {
    private static final String TRAINING = "training";
    private static final String EVALUATING = "evaluating the uploads";

    private final TreeMap<Integer, ActorRef<ParticipantCommand>> participants;
    /** Losses, reported with the round they happen in (or the next, between rounds), before that round's failures. */
    private final FailureEvents pendingEvents = new FailureEvents();

    SecclRoster(Map<Integer, ActorRef<ParticipantCommand>> participants) {
        this.participants = new TreeMap<>(participants);
    }

    ActorRef<ParticipantCommand> get(int id) {
        return participants.get(id);
    }

    /** Whether {@code id} is still in the run: neither dropped after a failure ({@code memory}) nor lost under the drop policy. */
    boolean asks(int id, ParticipantMemory memory) {
        return participants.containsKey(id) && !memory.isDropped(id);
    }

    /** Books a lost participant's new place (or its departure) and the event that says so, in round {@code round}. */
    void follow(SecclServerActor.ParticipantLost lost, int round) {
        int id = lost.participantId();
        if (lost.replacement() == null) {
            participants.remove(id);
            pendingEvents.add(id, new RunEvent(round, "participant_dropped", SecclServerActor.participantName(id), lost.detail()));
        } else {
            participants.put(id, lost.replacement());
            pendingEvents.add(id, new RunEvent(round, "participant_reassigned", SecclServerActor.participantName(id), lost.detail()));
        }
    }

    /**
     * In participant-id order: losses since the last report, participants dropped this round after a failure, then
     * restarts that succeeded (one restart event per participant, and none after a drop or loss).
     */
    List<RunEvent> events(int round, Gathering<Upload> training, Gathering<Ballot> ballots) {
        FailureEvents events = pendingEvents;
        training.failures().values().forEach(f -> events.add(f.participantId(),
                FailureEvents.dropped(SecclServerActor.participantName(f.participantId()), f, TRAINING)));
        ballots.failures().values().forEach(f -> events.add(f.participantId(),
                FailureEvents.dropped(SecclServerActor.participantName(f.participantId()), f, EVALUATING)));
        training.answers().values().stream().filter(u -> u.attempt() > 1).forEach(u -> events.addIfNone(u.participant(),
                FailureEvents.restarted(round, SecclServerActor.participantName(u.participant()), TRAINING)));
        ballots.answers().values().stream().filter(b -> b.attempt() > 1).forEach(b -> events.addIfNone(b.voter(),
                FailureEvents.restarted(round, SecclServerActor.participantName(b.voter()), EVALUATING)));
        return events.drain();
    }
}
