package io.chainfl.cli;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.RunListener;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.RunInputs;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.Ledgers;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.ScenarioContext;
import io.chainfl.scenarios.ScenarioRegistry;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The quickstart's FedAvg training (10 participants, MLP 784-128-10, 2 local epochs, 20 rounds, no baseline, no
 * charts) on one and on two training threads, alternating, three runs each after a warm-up run; and the centralized
 * baseline's loop (the same samples per round, on the union of the participants' data, on one thread) in the same
 * invocation. Samples/s are those of the rounds' "train" phase (from the round's start to the last upload, as
 * timing.csv records it), so the server's ledger, aggregation and evaluation between rounds are reported apart as
 * their share of the round. The per-thread participant loop is the training phase's rate divided by the threads.
 */
final class ThreadsBenchmark {
    private static final int REPETITIONS = 3;
    private static final String SERIES = "fedavg";
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * One FedAvg run: training samples, the summed milliseconds of its train phases and of its other phases, and the
     * process's CPU seconds over the whole run (every thread: training, server, ledger, GC, JIT).
     */
    record FedAvgRun(long samples, double trainMillis, double otherMillis, double cpuSeconds, double trainingThreadsCpuSeconds) {
        double samplesPerSecond() {
            return samples / (trainMillis / 1000);
        }

        /** Independent of how many cores other processes leave free: the work per sample, not the wait. */
        double samplesPerCpuSecond() {
            return samples / cpuSeconds;
        }

        /** The participants' loop alone: samples per CPU-second of the training threads (set-up, training, delta, replies). */
        double samplesPerTrainingCpuSecond() {
            return samples / trainingThreadsCpuSeconds;
        }

        double otherShare() {
            return otherMillis / (trainMillis + otherMillis);
        }
    }

    private ThreadsBenchmark() {}

    /** Prints the rates and ratios; returns two threads' training samples/s over one thread's (medians). */
    static double run(PrintStream out) {
        RunConfig one = quickstart(1);
        RunConfig two = quickstart(2);
        RunInputs inputs = RunInputs.of(one);
        // warm-up: class loading and the kernels' JIT compilation must not count against the first setting measured
        FedAvgRun cold = fedAvg(two, inputs);
        centralizedSamplesPerSecond(one, inputs);
        double[] oneThread = new double[REPETITIONS];
        double[] twoThreads = new double[REPETITIONS];
        double[] centralized = new double[REPETITIONS];
        double[] otherShareOne = new double[REPETITIONS];
        double[] otherShareTwo = new double[REPETITIONS];
        double[] cpuOne = new double[REPETITIONS];
        double[] cpuTwo = new double[REPETITIONS];
        double[] cpuCentral = new double[REPETITIONS];
        double[] loopCpuOne = new double[REPETITIONS];
        double[] loopCpuTwo = new double[REPETITIONS];
        double[] loopCpuCentral = new double[REPETITIONS];
        for (int i = 0; i < REPETITIONS; i++) {
            FedAvgRun a = fedAvg(one, inputs);
            FedAvgRun b = fedAvg(two, inputs);
            oneThread[i] = a.samplesPerSecond();
            twoThreads[i] = b.samplesPerSecond();
            otherShareOne[i] = a.otherShare();
            otherShareTwo[i] = b.otherShare();
            loopCpuOne[i] = a.samplesPerTrainingCpuSecond();
            loopCpuTwo[i] = b.samplesPerTrainingCpuSecond();
            cpuOne[i] = a.samplesPerCpuSecond();
            cpuTwo[i] = b.samplesPerCpuSecond();
            double[] central = centralizedSamplesPerSecond(one, inputs);
            centralized[i] = central[0];
            cpuCentral[i] = central[1];
            loopCpuCentral[i] = central[2];
        }
        double rateOne = median(oneThread);
        double rateTwo = median(twoThreads);
        double rateCentral = median(centralized);
        out.printf(Locale.ROOT, "quickstart fedavg training (%d participants, %s, %d local epochs, %d rounds; medians of %d runs, alternating):%n",
                one.participants(), one.model().type(), one.training().localEpochs(), one.rounds(), REPETITIONS);
        out.printf(Locale.ROOT, "  1 training thread:  %,.0f samples/s in the train phase (ledger, aggregation, evaluation: %.0f%% of the round)%n",
                rateOne, 100 * median(otherShareOne));
        out.printf(Locale.ROOT, "  2 training threads: %,.0f samples/s in the train phase (ledger, aggregation, evaluation: %.0f%% of the round)%n",
                rateTwo, 100 * median(otherShareTwo));
        out.printf(Locale.ROOT, "  2 threads / 1 thread: %.2fx (target 1.8x)%n", rateTwo / rateOne);
        out.printf(Locale.ROOT, "  centralized loop (1 thread, the union of the participants' data): %,.0f samples/s%n", rateCentral);
        out.printf(Locale.ROOT, "  participant loop per thread / centralized loop: %.2f (1 thread), %.2f (2 threads; target 1.0)%n",
                rateOne / rateCentral, rateTwo / 2 / rateCentral);
        out.printf(Locale.ROOT, "  samples per CPU-second of the whole process: %,.0f (1 thread), %,.0f (2 threads), %,.0f (centralized loop);"
                + " 2 threads / 1 thread %.2f%n", median(cpuOne), median(cpuTwo), median(cpuCentral), median(cpuTwo) / median(cpuOne));
        out.printf(Locale.ROOT, "  samples per CPU-second of the loop's own threads: participants %,.0f (1 thread), %,.0f (2 threads), centralized %,.0f;"
                + " participant / centralized %.2f, %.2f%n", median(loopCpuOne), median(loopCpuTwo), median(loopCpuCentral),
                median(loopCpuOne) / median(loopCpuCentral), median(loopCpuTwo) / median(loopCpuCentral));
        out.printf(Locale.ROOT, "  the warm-up run (cold JIT, 2 threads): %,.0f samples/s in the train phase%n", cold.samplesPerSecond());
        out.printf(Locale.ROOT, "  load average at the end: %s%n", loadAverage());
        return rateTwo / rateOne;
    }

    private static RunConfig quickstart(int threads) {
        return Configs.loader().parse(Configs.EMBEDDED_NAME, Configs.embeddedQuickstart(),
                List.of("baseline.centralized=false", "output.charts=false", "runtime.threads=" + threads));
    }

    private static FedAvgRun fedAvg(RunConfig config, RunInputs inputs) {
        double[] millis = new double[2];
        double cpuBefore = processCpuSeconds();
        double[] trainingCpu = new double[1];
        RunListener listener = new RunListener() {
            @Override
            public void onRound(io.chainfl.engine.metrics.RoundMetrics metrics) {}

            @Override
            public void onTiming(TimingRecord timing) {
                if (timing.series().equals(SERIES)) {
                    millis[timing.phase().equals("train") ? 0 : 1] += timing.millis();
                    if (timing.phase().equals("train")) {
                        // the pool's threads live as long as the run's actor system: their CPU time so far is the run's
                        trainingCpu[0] = trainingThreadsCpuSeconds();
                    }
                }
            }
        };
        try (Ledger ledger = Ledgers.create(config.ledger(), inputs.seeds())) {
            ScenarioRegistry.forParams(config.scenario()).runUnchecked(
                    new ScenarioContext(config, inputs.data(), inputs.seeds(), ledger, listener), config.scenario());
        }
        return new FedAvgRun(samplesPerRun(config, inputs), millis[0], millis[1], processCpuSeconds() - cpuBefore, trainingCpu[0]);
    }

    /** Every participant trains every round in the quickstart: its training rows times the local epochs, each round. */
    private static long samplesPerRun(RunConfig config, RunInputs inputs) {
        long perRound = 0;
        for (ParticipantData p : inputs.data().participants()) {
            perRound += (long) p.train().size() * config.training().localEpochs();
        }
        return perRound * config.rounds();
    }

    /**
     * The centralized baseline's loop as CentralizedScenario runs it: one model, the union, a shuffle stream per round;
     * its samples per wall-clock second and per process CPU-second.
     */
    private static double[] centralizedSamplesPerSecond(RunConfig config, RunInputs inputs) {
        Dataset union = Dataset.concat("union", inputs.data().participants().stream().map(ParticipantData::train).toList());
        Model model = ModelBuilder.build(config, inputs.data().test(), inputs.seeds());
        long samples = 0;
        double cpuBefore = processCpuSeconds();
        double threadCpuBefore = THREADS.getCurrentThreadCpuTime() / 1e9;
        Stopwatch clock = Stopwatch.start();
        for (int round = 1; round <= config.rounds(); round++) {
            samples += LocalTrainer.train(model, union, config.training(), inputs.seeds().stream("centralized", "round", round, "shuffle")).samplesSeen();
        }
        double seconds = clock.elapsedMillis() / 1000;
        return new double[] {samples / seconds, samples / (processCpuSeconds() - cpuBefore),
            samples / (THREADS.getCurrentThreadCpuTime() / 1e9 - threadCpuBefore)};
    }

    /** CPU seconds of the training dispatcher's threads (SimulationSystem.TRAINING_DISPATCHER names them). */
    private static double trainingThreadsCpuSeconds() {
        double seconds = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().contains("training-dispatcher")) {
                long nanos = THREADS.getThreadCpuTime(thread.getId());
                seconds += nanos > 0 ? nanos / 1e9 : 0;
            }
        }
        return seconds;
    }

    private static double processCpuSeconds() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return Double.NaN;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String loadAverage() {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/loadavg"))).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f (1 min)", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
