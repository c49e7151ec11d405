package io.chainfl.ledger.sim;

import io.chainfl.engine.config.ConsensusConfig;
import io.chainfl.engine.config.ConsensusType;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.Ledger;
import java.io.PrintStream;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * Simulated bulletin-board posts per second on one thread: instant consensus, a seal every 1000 posts, each
 * post with its gas, calldata, transaction id, receipt and Merkle leaf. Entries are built beforehand so only
 * the ledger is measured.
 */
public final class LedgerSimBenchmark {
    /** Shared with the actor-hop benchmark in the agents module, so both measure the same posts. */
    public static final int POSTS_PER_RUN = 400_000;
    public static final int SEAL_EVERY = 1_000;
    public static final int SENDERS = 100;

    private LedgerSimBenchmark() {}

    public static void main(String[] args) {
        postsPerSecond(System.out);
    }

    /**
     * Best of several timed runs after warm-up, in posts per CPU-second of the posting thread (so that other
     * load on a shared machine does not count; garbage collection time is added, as it runs on other threads);
     * the wall-clock rate is printed beside it.
     */
    public static double postsPerSecond(PrintStream out) {
        LedgerEntry[] entries = entries();
        for (int warmup = 0; warmup < 3; warmup++) {
            run(entries);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestCpu = 0;
        double bestWall = 0;
        for (int trial = 0; trial < 5; trial++) {
            long cpuStart = threads.getCurrentThreadCpuTime() + gcNanos();
            long wallStart = System.nanoTime();
            Ledger ledger = run(entries);
            bestWall = Math.max(bestWall, POSTS_PER_RUN / ((System.nanoTime() - wallStart) / 1e9));
            bestCpu = Math.max(bestCpu, POSTS_PER_RUN / ((threads.getCurrentThreadCpuTime() + gcNanos() - cpuStart) / 1e9));
            if (trial == 0 && !ledger.verifyChain()) {
                throw new IllegalStateException("benchmark chain does not verify");
            }
        }
        out.printf("ledger-sim: %,.0f posts per CPU-second, %,.0f per wall-clock second (best of 5 runs of %,d posts, seal every %,d)%n",
                bestCpu, bestWall, POSTS_PER_RUN, SEAL_EVERY);
        return bestCpu;
    }

    private static long gcNanos() {
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            millis += Math.max(0, gc.getCollectionTime());
        }
        return millis * 1_000_000;
    }

    /** The posts of one run: round {@code i / SENDERS}, sender {@code participant-(i % SENDERS)}, a random hash. */
    public static LedgerEntry[] entries() {
        SplittableRandom random = new SplittableRandom(1);
        String[] senders = new String[SENDERS];
        for (int s = 0; s < SENDERS; s++) {
            senders[s] = "participant-" + s;
        }
        LedgerEntry[] entries = new LedgerEntry[POSTS_PER_RUN];
        for (int i = 0; i < POSTS_PER_RUN; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            entries[i] = new LedgerEntry(i / SENDERS, senders[i % SENDERS], "update", hash, 4_000);
        }
        return entries;
    }

    /** The benchmark's chain: instant consensus, default block limits, consensus stream seeded 1. */
    public static SimulatedLedger ledger() {
        SimulatedLedgerConfig config = new SimulatedLedgerConfig(null, null, 0, ConsensusConfig.of(ConsensusType.INSTANT));
        return new SimulatedLedger(config, new SplittableRandom(1));
    }

    /** Posts every entry by direct calls, sealing every {@link #SEAL_EVERY}, and returns the sealed chain. */
    public static Ledger run(LedgerEntry[] entries) {
        SimulatedLedger ledger = ledger();
        for (int i = 0; i < entries.length; i++) {
            ledger.bulletinBoard().post(entries[i]);
            if ((i + 1) % SEAL_EVERY == 0) {
                ledger.seal();
            }
        }
        ledger.seal();
        return ledger;
    }
}
