package io.chainfl.agents.deepchain;

import io.chainfl.agents.EntityLost;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.deepchain.DeepChainMessages.Aggregate;
import io.chainfl.agents.deepchain.DeepChainMessages.Aggregated;
import io.chainfl.agents.deepchain.DeepChainMessages.DecryptShares;
import io.chainfl.agents.deepchain.DeepChainMessages.PartyCommand;
import io.chainfl.agents.deepchain.DeepChainMessages.SharesReady;
import io.chainfl.agents.deepchain.DeepChainMessages.Submission;
import io.chainfl.agents.deepchain.DeepChainMessages.TrainAndEncrypt;
import io.chainfl.agents.deepchain.DeepChainMessages.WorkerCommand;
import io.chainfl.engine.metrics.RunEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Where the coordinator reaches each party and worker, and what follows when one is lost with its cluster member
 * ({@code runtime.on_participant_loss}). Under reassign a {@code participant_reassigned} or {@code worker_reassigned}
 * event is logged and the lost entity is asked again for the step it owed, if any (its seed streams make the answer
 * the same, so results do not change), on a timer until the round ends: a message sent while sharding still routes to
 * the removed member is lost, and a second answer is harmless (the coordinator keeps one answer per id and round). Under drop a party is never asked again and, if it owed its upload or
 * its decryption shares, forfeits its deposit like a party that crashed (the contract sees only the missing
 * transaction); a worker counts as lazy from then on. Owned by the coordinator's actor, never shared.
 */
final class DeepChainMembers {

    /** Where the parties and workers answer: the coordinator's adapters. */
    record Replies(ActorRef<Submission> submissions, ActorRef<SharesReady> shares, ActorRef<Aggregated> aggregates,
                   ActorRef<ParticipantActor.Failed> failures) {}

    private final TreeMap<Integer, ActorRef<PartyCommand>> parties;
    private final TreeMap<Integer, ActorRef<WorkerCommand>> workers;
    /** Who was dropped after a failure or a lost member: never asked again. Owned by the scenario (checkpoints). */
    private final ParticipantMemory memory;
    private final TreeSet<Integer> droppedWorkers = new TreeSet<>();
    /** Reassigned this round (or since the last one): asked again for what they owe until they answer. */
    private final TreeSet<Integer> reassignedParties = new TreeSet<>();
    private final TreeSet<Integer> reassignedWorkers = new TreeSet<>();
    /** Losses while no round ran, reported in the next round (kind, subject, detail). */
    private final List<String[]> betweenRounds = new ArrayList<>();

    private final Replies replies;
    private final TimerScheduler<DeepChainCoordinator.Command> timers;
    /**
     * The first re-ask waits for sharding to move the lost member's shards (it learns of the loss when the coordinator
     * does); later ones are far apart, since a step may simply be slow (training, encryption) and each re-ask repeats it.
     */
    private static final Duration FIRST_REASK = Duration.ofSeconds(2);
    private static final Duration NEXT_REASK = Duration.ofSeconds(20);
    private static final Duration LAST_REASK = Duration.ofSeconds(60);

    DeepChainMembers(Map<Integer, ActorRef<PartyCommand>> parties, Map<Integer, ActorRef<WorkerCommand>> workers, ParticipantMemory memory,
                     Replies replies, TimerScheduler<DeepChainCoordinator.Command> timers) {
        this.parties = new TreeMap<>(parties);
        this.workers = new TreeMap<>(workers);
        this.memory = memory;
        this.replies = replies;
        this.timers = timers;
    }

    /** Asks {@code party} to train from the round's model, encrypt its change and submit it. */
    void askUpload(int party, int round, float[] globalParams) {
        parties.get(party).tell(new TrainAndEncrypt(round, globalParams, replies.submissions(), replies.failures(), 1));
    }

    /** Asks {@code party} for its decryption shares of the round's accepted aggregate. */
    void askShares(int party, DeepChainRound r) {
        r.askedToDecrypt.add(party);
        parties.get(party).tell(new DecryptShares(r.round(), r.aggregate, replies.shares(), replies.failures(), 1));
    }

    private void askAggregate(int worker, DeepChainRound r) {
        workers.get(worker).tell(new Aggregate(r.round(), r.payloads, replies.aggregates()));
    }

    NavigableSet<Integer> partyIds() {
        return parties.navigableKeySet();
    }

    NavigableSet<Integer> workerIds() {
        return workers.navigableKeySet();
    }

    boolean isDropped(int party) {
        return memory.isDropped(party);
    }

    /** A party that failed a step for good; on a cluster its own member's memory is not the driver's, so note it here too. */
    void dropped(int party) {
        memory.drop(party);
    }

    /** Asks every worker still in the run to aggregate; a dropped worker counts as lazy at once. */
    void askWorkers(DeepChainRound r) {
        for (int w : workers.keySet()) {
            if (droppedWorkers.contains(w)) {
                r.aggregates.put(w, lazy(w, r.round()));
            } else {
                askAggregate(w, r);
            }
        }
    }

    /** Reports the losses seen between rounds in round {@code r}; the round's first asks to entities reassigned meanwhile may need repeating. */
    void roundStarts(DeepChainRound r) {
        betweenRounds.forEach(e -> r.report.event(new RunEvent(r.round(), e[0], e[1], e[2])));
        betweenRounds.clear();
        if (anyReassigned()) {
            reaskLater(r.round(), FIRST_REASK);
        }
    }

    /** @param r the running round, null between rounds */
    void lost(EntityLost lost, DeepChainRound r) {
        if (r != null && lost.replacement() != null) {
            reaskLater(r.round(), FIRST_REASK);
        }
        if (lost.kind().equals(PartyActor.KIND)) {
            partyLost(lost.id(), lost.replacement(PartyActor.KIND), lost.detail(), r);
        } else if (lost.kind().equals(WorkerActor.KIND)) {
            workerLost(lost.id(), lost.replacement(WorkerActor.KIND), lost.detail(), r);
        } else {
            throw new IllegalArgumentException("DeepChain has no entities of kind " + lost.kind().name());
        }
    }

    private boolean anyReassigned() {
        return !reassignedParties.isEmpty() || !reassignedWorkers.isEmpty();
    }

    /**
     * The timer fired: asks every reassigned entity again for the step of round {@code r} it still owes, and checks again
     * later while the round runs (a reassigned party may owe its decryption shares only later in the round).
     */
    void reask(DeepChainRound r, DeepChainCoordinator.ReaskOwed due) {
        if (due.round() != r.round()) {
            return;
        }
        for (int p : reassignedParties) {
            if (r.submissions.owes(p)) {
                askUpload(p, r.round(), r.globalParams);
            } else if (r.owesShares(p)) {
                askShares(p, r);
            }
        }
        for (int w : reassignedWorkers) {
            if (r.owesAggregate(w)) {
                askAggregate(w, r);
            }
        }
        reaskLater(r.round(), due.next());
    }

    private void reaskLater(int round, Duration after) {
        Duration next = after.compareTo(NEXT_REASK) < 0 ? NEXT_REASK : after.multipliedBy(2).compareTo(LAST_REASK) > 0 ? LAST_REASK : after.multipliedBy(2);
        timers.startSingleTimer(DeepChainCoordinator.ReaskOwed.class, new DeepChainCoordinator.ReaskOwed(round, next), after);
    }

    /** The round is over: its reassigned entities answered everything they owed. */
    void roundOver() {
        reassignedParties.clear();
        reassignedWorkers.clear();
        timers.cancel(DeepChainCoordinator.ReaskOwed.class);
    }

    private void partyLost(int p, ActorRef<PartyCommand> replacement, String detail, DeepChainRound r) {
        String subject = DeepChainContracts.party(p);
        boolean owesUpload = r != null && r.submissions.owes(p);
        boolean owesShares = r != null && r.owesShares(p);
        if (replacement == null) {
            memory.drop(p);
            parties.remove(p);
            if (owesUpload) {
                r.submissions.forget(p);
                r.lostUploads.put(p, detail);
            } else if (owesShares) {
                r.lostDecryptions.put(p, detail);
            } else {
                log(r, "participant_dropped", subject, detail);
            }
            return;
        }
        parties.put(p, replacement);
        reassignedParties.add(p);
        log(r, "participant_reassigned", subject, detail);
    }

    private void workerLost(int w, ActorRef<WorkerCommand> replacement, String detail, DeepChainRound r) {
        String subject = DeepChainContracts.worker(w);
        boolean owesAggregate = r != null && r.owesAggregate(w);
        if (replacement == null) {
            droppedWorkers.add(w);
            log(r, "worker_dropped", subject, detail + "; it counts as a lazy worker from now on");
            if (owesAggregate) {
                r.aggregates.put(w, lazy(w, r.round()));
            }
            return;
        }
        workers.put(w, replacement);
        reassignedWorkers.add(w);
        log(r, "worker_reassigned", subject, detail);
    }

    private void log(DeepChainRound r, String kind, String subject, String detail) {
        if (r == null) {
            betweenRounds.add(new String[] {kind, subject, detail});
        } else {
            r.report.event(new RunEvent(r.round(), kind, subject, detail));
        }
    }

    private static Aggregated lazy(int worker, int round) {
        return new Aggregated(worker, round, null, 0);
    }
}
