package io.chainfl.agents.ledger;

import io.chainfl.agents.ledger.LedgerMessages.Command;
import io.chainfl.agents.ledger.LedgerMessages.Seal;
import io.chainfl.agents.ledger.LedgerMessages.Sealed;
import io.chainfl.agents.ledger.LedgerMessages.Submit;
import io.chainfl.agents.ledger.LedgerMessages.Transaction;
import io.chainfl.agents.SimulationSystem;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.sim.LedgerSimBenchmark;
import io.chainfl.ledger.sim.SimulatedLedger;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * What the actor hop costs: {@link LedgerSimBenchmark}'s posts, sent to a {@link LedgerNode} in front of the same
 * simulated chain, one {@link Submit} of {@link LedgerSimBenchmark#SEAL_EVERY} posts then one {@link Seal} per
 * block batch (a server posts a round's uploads in one message). The rate is in posts per CPU-second of every thread
 * of the benchmark's actor system (the node's dispatcher, the scheduler, idle workers) plus the sending thread, with
 * garbage-collection time added as {@link LedgerSimBenchmark} adds it: a per-core figure measured as the direct one is.
 */
public final class LedgerActorBenchmark {
    private static final Duration LAST_SEAL_TIMEOUT = Duration.ofMinutes(2);

    private LedgerActorBenchmark() {}

    /**
     * Best of several timed runs after warm-up; prints the rate and its ratio to {@code directPostsPerCpuSecond}.
     *
     * @return posts per process CPU-second through the node
     */
    public static double postsPerSecond(PrintStream out, double directPostsPerCpuSecond) {
        List<Submit> batches = batches(LedgerSimBenchmark.entries());
        Ledger reference = LedgerSimBenchmark.run(LedgerSimBenchmark.entries());
        double bestCpu = 0;
        double bestWall = 0;
        for (int run = 0; run < 8; run++) {
            SimulatedLedger ledger = LedgerSimBenchmark.ledger();
            ActorSystem<Command> system = ActorSystem.create(onLedgerThread(ledger), "ledger-bench", SimulationSystem.config(1));
            try {
                settle(system);
                Map<Long, Long> cpuStart = cpuNanos(system.name());
                long gcStart = gcNanos();
                long wallStart = System.nanoTime();
                postAll(system, batches);
                double wall = (System.nanoTime() - wallStart) / 1e9;
                double cpu = (cpuSince(cpuStart, system.name()) + gcNanos() - gcStart) / 1e9;
                if (run >= 3) { // the first three runs warm up the JIT
                    bestWall = Math.max(bestWall, LedgerSimBenchmark.POSTS_PER_RUN / wall);
                    bestCpu = Math.max(bestCpu, LedgerSimBenchmark.POSTS_PER_RUN / cpu);
                }
            } finally {
                system.terminate();
                awaitTermination(system);
            }
            if (run == 0 && !(ledger.verifyChain() && ledger.events().equals(reference.events()) && ledger.stats().equals(reference.stats()))) {
                throw new IllegalStateException("the chain built through the ledger node differs from the one built by direct calls");
            }
        }
        out.printf("ledger-sim through the ledger node actor: %,.0f posts per CPU-second, %,.0f per wall-clock second"
                        + " (best of 5 runs, %,d posts per message; %.2f of the direct call's rate)%n",
                bestCpu, bestWall, LedgerSimBenchmark.SEAL_EVERY, bestCpu / directPostsPerCpuSecond);
        return bestCpu;
    }

    /**
     * A guardian that runs the node on its pinned dispatcher, as the scenarios spawn it, and passes every message on:
     * one extra local hop per message, that is per thousand posts.
     */
    private static Behavior<Command> onLedgerThread(Ledger ledger) {
        return Behaviors.setup(ctx -> {
            ActorRef<Command> node = ctx.spawn(LedgerNode.create(ledger), "node", LedgerNode.dispatcher());
            return Behaviors.receiveMessage(message -> {
                node.tell(message);
                return Behaviors.same();
            });
        });
    }

    /**
     * Lets the new actor system finish starting (its start-up work on other threads is not the hop's cost) and clears
     * the heap of the previous run, so that each run pays for the collections its own posts cause.
     */
    private static void settle(ActorSystem<Command> node) {
        try {
            AskPattern.<Command, LedgerMessages.Stats>ask(node, LedgerMessages.QueryStats::new, LAST_SEAL_TIMEOUT, node.scheduler()).toCompletableFuture()
                    .get(LAST_SEAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            // the previous run's chain is garbage now: collect it here rather than inside the timed run
            System.gc();
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("the ledger node did not start", e);
        }
    }

    /** CPU time so far of the current thread and of every thread of the actor system {@code systemName}, by thread id. */
    private static Map<Long, Long> cpuNanos(String systemName) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread == Thread.currentThread() || thread.getName().startsWith(systemName + "-")) {
                long nanos = threads.getThreadCpuTime(thread.getId());
                if (nanos >= 0) {
                    cpu.put(thread.getId(), nanos);
                }
            }
        }
        return cpu;
    }

    /** CPU spent since {@code start} by those threads, counting threads started since then from zero. */
    private static long cpuSince(Map<Long, Long> start, String systemName) {
        long spent = 0;
        for (Map.Entry<Long, Long> now : cpuNanos(systemName).entrySet()) {
            spent += now.getValue() - start.getOrDefault(now.getKey(), 0L);
        }
        return spent;
    }

    private static long gcNanos() {
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, gc.getCollectionTime());
        }
        return millis * 1_000_000;
    }

    /** The posts as the benchmark sends them, built beforehand so only the hop and the ledger are measured. */
    private static List<Submit> batches(LedgerEntry[] entries) {
        List<Submit> batches = new ArrayList<>();
        for (int start = 0; start < entries.length; start += LedgerSimBenchmark.SEAL_EVERY) {
            List<Transaction> batch = new ArrayList<>(LedgerSimBenchmark.SEAL_EVERY);
            for (int i = start; i < Math.min(entries.length, start + LedgerSimBenchmark.SEAL_EVERY); i++) {
                batch.add(new Transaction(i % LedgerSimBenchmark.SENDERS, entries[i]));
            }
            batches.add(new Submit(batch));
        }
        return batches;
    }

    /** Sends every batch with its seal and waits for the last seal's answer (the node handles its mailbox in order). */
    private static void postAll(ActorSystem<Command> node, List<Submit> batches) {
        for (int b = 0; b < batches.size() - 1; b++) {
            node.tell(batches.get(b));
            node.tell(new Seal(node.ignoreRef()));
        }
        node.tell(batches.get(batches.size() - 1));
        try {
            AskPattern.<Command, Sealed>ask(node, Seal::new, LAST_SEAL_TIMEOUT, node.scheduler()).toCompletableFuture()
                    .get(LAST_SEAL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the ledger node did not seal the benchmark's last batch", e);
        }
    }

    private static void awaitTermination(ActorSystem<?> system) {
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the benchmark's actor system did not stop", e);
        }
    }
}
