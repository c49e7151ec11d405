package io.chainfl.scenarios.sum;

import io.chainfl.agents.EntityLost;
import io.chainfl.agents.sum.SumAgentActor;
import io.chainfl.agents.sum.SumAgentActor.Decide;
import io.chainfl.agents.sum.SumAgentActor.Decision;
import io.chainfl.agents.sum.SumAgentActor.Draws;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Scheduler;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The clock's line to the SUM agent entities. The clock runs on a thread of its own (never an actor's), so at an
 * agent's turn it can simply ask the entity and wait. Losses of cluster members are reported on an actor thread;
 * they are queued here and taken in by the clock thread, which logs them in its own order and, when the agent it
 * waits for was lost, asks again (reassign: sharding re-creates the agent on a survivor, and since the question
 * carries all the agent's state the answer is the same) or stops waiting (drop: the agent acts no more).
 */
final class AgentTurns {
    /** How often the waiting clock looks at losses and at whether the run ended elsewhere. */
    private static final long POLL_MILLIS = 100;
    /**
     * Asks again when no answer came this long (real time): a question sent to a member that was then lost is gone
     * before the cluster declares the member removed. Answers to repeated questions are identical.
     */
    private static final long ASK_AGAIN_AFTER_MILLIS = 10_000;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);

    /** How the run logs a loss the clock took in: {@code dropped} under on_participant_loss: drop. */
    @FunctionalInterface
    interface LossLog {
        void lost(int agent, boolean dropped, String detail);
    }

    private final Map<Integer, ActorRef<SumAgentActor.Command>> agents;
    private final Scheduler scheduler;
    private final Future<?> run;
    private final LossLog log;
    private final Queue<EntityLost> reported = new ConcurrentLinkedQueue<>();
    private final Set<Integer> dropped = new HashSet<>();

    /** @param run the simulation's completion: when it ends for another reason (a failed actor), the clock stops waiting */
    AgentTurns(Map<Integer, ActorRef<SumAgentActor.Command>> agents, Scheduler scheduler, Future<?> run, LossLog log) {
        this.agents = new TreeMap<>(agents);
        this.scheduler = scheduler;
        this.run = run;
        this.log = log;
    }

    /** An agent's member was lost; called on an actor thread. */
    void lost(EntityLost lost) {
        reported.add(lost);
    }

    /** Whether agent {@code agent} was dropped with its member (the clock's thread). */
    boolean dropped(int agent) {
        takeInLosses(agent);
        return dropped.contains(agent);
    }

    /**
     * Agent {@code agent}'s decision for its turn, or empty when it was dropped with its member meanwhile.
     *
     * @param draws where its generator stands
     */
    Optional<Decision> ask(int agent, Draws draws, boolean hasSample, int trueLabel, double accuracy) {
        if (dropped(agent)) {
            return Optional.empty();
        }
        CompletableFuture<Decision> answer = new CompletableFuture<>();
        send(agent, answer, draws, hasSample, trueLabel, accuracy);
        // wall time only decides when to repeat a question that may have been lost with a member; the answer is
        // the same whichever copy of the question it answers, so no result depends on it
        long sentAt = System.nanoTime();
        while (true) {
            try {
                return Optional.of(answer.get(POLL_MILLIS, TimeUnit.MILLISECONDS));
            } catch (TimeoutException stillWaiting) {
                // see below what may have happened meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for SUM agent " + agent, e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("SUM agent " + agent + " failed to answer", e.getCause());
            }
            if (run.isDone()) {
                throw new IllegalStateException("the simulation ended while SUM agent " + agent + " was asked for its turn");
            }
            boolean lostMeanwhile = takeInLosses(agent);
            if (dropped.contains(agent)) {
                return Optional.empty();
            }
            if (lostMeanwhile || System.nanoTime() - sentAt > TimeUnit.MILLISECONDS.toNanos(ASK_AGAIN_AFTER_MILLIS)) {
                send(agent, answer, draws, hasSample, trueLabel, accuracy);
                sentAt = System.nanoTime();
            }
        }
    }

    /** One question; its answer (the first of possibly several identical ones) completes {@code answer}. */
    private void send(int agent, CompletableFuture<Decision> answer, Draws draws, boolean hasSample, int trueLabel, double accuracy) {
        AskPattern.<SumAgentActor.Command, Decision>ask(agents.get(agent), replyTo -> new Decide(draws, hasSample, trueLabel, accuracy, replyTo),
                        ASK_TIMEOUT, scheduler)
                .whenComplete((decision, timedOut) -> {
                    // a timed-out question is asked again by the waiting clock; only answers count
                    if (decision != null) {
                        answer.complete(decision);
                    }
                });
    }

    /** Logs and applies the losses reported so far; whether one of them was {@code agent}'s. */
    private boolean takeInLosses(int agent) {
        boolean hit = false;
        EntityLost lost;
        while ((lost = reported.poll()) != null) {
            ActorRef<SumAgentActor.Command> replacement = lost.replacement(SumAgentActor.KIND);
            if (replacement == null) {
                dropped.add(lost.id());
            } else {
                agents.put(lost.id(), replacement);
            }
            log.lost(lost.id(), replacement == null, lost.detail());
            hit |= lost.id() == agent;
        }
        return hit;
    }
}
