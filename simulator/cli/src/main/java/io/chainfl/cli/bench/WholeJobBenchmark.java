package io.chainfl.cli.bench;

import io.chainfl.cli.ChildJvm;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.data.DataCache;
import io.chainfl.learning.data.MnistNpm;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.RunInputs;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The whole job, process against process: {@code chainfl run} of the quickstart (fedavg and the centralized baseline,
 * start-up, data loading, charts and report included) in a child JVM with this JVM's options, against the same
 * workload as a plain single-threaded PyTorch loop ({@code bench/torch_wholejob.py}: the same digits from the data
 * cache, the same split sizes, model, batch size, learning rate, epochs and rounds, evaluation every round). One
 * warm-up of each, then {@value #RUNS} runs each, alternating, so that the machine's load falls on both alike. Wall
 * time, peak resident memory (VmHWM) and CPU time of each process, sampled from /proc every {@value #POLL_MILLIS} ms.
 */
public final class WholeJobBenchmark {
    static final int RUNS = 3;
    static final int POLL_MILLIS = 20;
    /** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux). */
    private static final double TICKS_PER_SECOND = 100.0;

    private WholeJobBenchmark() {}

    /** What one process cost. */
    record Measured(double wallSeconds, double peakMiB, double cpuSeconds) {}

    /**
     * @param quickstart the quickstart config, as {@code chainfl run} without a file loads it
     */
    public static void run(PrintStream out, RunConfig quickstart) {
        out.println("whole job: chainfl run (the quickstart: " + quickstart.participants() + " participants, " + quickstart.rounds() + " rounds, "
                + quickstart.training().localEpochs() + " local epochs, batch " + quickstart.training().batchSize() + ", with the centralized baseline)"
                + " against the same workload in plain PyTorch on one thread; " + RUNS + " runs each after a warm-up, alternating; load average "
                + loadAverage());
        TorchPython python = TorchPython.find(out);
        // loads (fetching on first use) the digits, and gives the split's sizes the PyTorch peer reproduces
        RunInputs inputs = RunInputs.of(quickstart);
        Path data = MnistNpm.cacheFile(DataCache.directory());
        String trainSizes = inputs.data().participants().stream().map(ParticipantData::train).map(d -> String.valueOf(d.size()))
                .collect(Collectors.joining(","));
        List<String> torchArgs = torchArguments(quickstart, data, inputs.data().test().size(), trainSizes);
        Path work;
        try {
            work = Files.createTempDirectory("chainfl-wholejob");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path script = work.resolve("torch_wholejob.py");
        copyResource("/bench/torch_wholejob.py", script);
        List<String> chainflArgs = List.of("run", "--out", work.resolve("run").toString(), "--force");
        List<String> jvmOptions = launcherOptions();
        Path launcher = launcher();
        out.println(launcher != null ? "  chainfl through its launcher, as a user runs it: " + launcher + " " + String.join(" ", chainflArgs)
                : "  chainfl child JVM options (no launcher found): " + String.join(" ", jvmOptions));

        List<Measured> chainfl = new ArrayList<>();
        List<Measured> torch = new ArrayList<>();
        for (int i = 0; i <= RUNS; i++) {
            Process child = launcher != null ? start(new ProcessBuilder(prepend(launcher.toString(), chainflArgs)), work.resolve("chainfl.log"))
                    : ChildJvm.start(jvmOptions, chainflArgs, work.resolve("chainfl.log"));
            Measured c = measure(child, work.resolve("chainfl.log"), out);
            Measured t = python == null ? null : measure(start(python.processBuilder(prepend(script.toString(), torchArgs)), work.resolve("torch.log")),
                    work.resolve("torch.log"), out);
            String label = i == 0 ? "warm-up" : "run " + i;
            out.printf(Locale.ROOT, "  %-8s chainfl %6.2f s %6.0f MiB %6.2f s CPU%s%n", label, c.wallSeconds, c.peakMiB, c.cpuSeconds,
                    t == null ? "" : String.format(Locale.ROOT, "   pytorch %6.2f s %6.0f MiB %6.2f s CPU", t.wallSeconds, t.peakMiB, t.cpuSeconds));
            if (i > 0) {
                chainfl.add(c);
                if (t != null) {
                    torch.add(t);
                }
            }
        }
        printTable(out, chainfl, torch);
        deleteQuietly(work);
    }

    private static List<String> torchArguments(RunConfig config, Path data, int testSize, String trainSizes) {
        List<Integer> hidden = config.model().hidden();
        if (hidden == null || hidden.size() != 1) {
            throw new IllegalStateException("the PyTorch peer models an MLP with one hidden layer, as the quickstart's");
        }
        return List.of(data.toString(), String.valueOf(testSize), String.valueOf(config.rounds()), String.valueOf(config.training().localEpochs()),
                String.valueOf(config.training().batchSize()), String.valueOf(config.training().lr()), String.valueOf(hidden.get(0)), trainSizes);
    }

    /** The medians (of {@value #RUNS}) and chainfl/PyTorch ratios: below 1 means chainfl took less. */
    private static void printTable(PrintStream out, List<Measured> chainfl, List<Measured> torch) {
        String format = "%-10s %10s %12s %10s%n";
        out.printf(Locale.ROOT, format, "median of " + RUNS, "wall s", "peak MiB", "CPU s");
        Measured c = median(chainfl);
        out.printf(Locale.ROOT, format, "chainfl", f2(c.wallSeconds), f0(c.peakMiB), f2(c.cpuSeconds));
        if (torch.isEmpty()) {
            out.println("pytorch    absent");
            return;
        }
        Measured t = median(torch);
        out.printf(Locale.ROOT, format, "pytorch", f2(t.wallSeconds), f0(t.peakMiB), f2(t.cpuSeconds));
        out.printf(Locale.ROOT, format, "chainfl/pt", f2(c.wallSeconds / t.wallSeconds), f2(c.peakMiB / t.peakMiB), f2(c.cpuSeconds / t.cpuSeconds));
        out.println("(ratios below 1 mean chainfl used less; targets of issue 19: wall at most 0.60, peak memory at most 2.00; load average now "
                + loadAverage() + ")");
    }

    /** Each column's median on its own. */
    static Measured median(List<Measured> runs) {
        return new Measured(median(runs.stream().mapToDouble(Measured::wallSeconds).toArray()), median(runs.stream().mapToDouble(Measured::peakMiB).toArray()),
                median(runs.stream().mapToDouble(Measured::cpuSeconds).toArray()));
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Waits for {@code process}, sampling the peak RSS (of its largest process) and the CPU time (of all) of it and its
     * descendants until it exits; a failure prints its log and stops the bench.
     */
    private static Measured measure(Process process, Path log, PrintStream out) {
        long start = System.nanoTime();
        double peakKiB = 0;
        // per process of the tree: the launcher execs java, except on the run that writes the class-data archive,
        // where java is the launcher's child
        java.util.Map<Long, Double> cpuTicksByPid = new java.util.HashMap<>();
        try {
            while (process.isAlive()) {
                List<ProcessHandle> tree = new ArrayList<>(List.of(process.toHandle()));
                process.toHandle().descendants().forEach(tree::add);
                for (ProcessHandle member : tree) {
                    peakKiB = Math.max(peakKiB, peakRssKiB(member.pid()));
                    cpuTicksByPid.merge(member.pid(), cpuTicks(member.pid()), Math::max);
                }
                process.waitFor(POLL_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            ChildJvm.kill(process);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        double wall = (System.nanoTime() - start) / 1e9;
        if (process.exitValue() != 0) {
            String text;
            try {
                text = Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                text = "(no log: " + e.getMessage() + ")";
            }
            out.println(text);
            throw new IllegalStateException("the whole-job run exited with " + process.exitValue() + "; its output is above");
        }
        double cpuTicks = cpuTicksByPid.values().stream().mapToDouble(Double::doubleValue).sum();
        return new Measured(wall, peakKiB / 1024, cpuTicks / TICKS_PER_SECOND);
    }

    /** VmHWM of /proc/PID/status in KiB, 0 when the process is gone. */
    static double peakRssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Double.parseDouble(line.substring(6).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // exited between the check and the read
        }
        return 0;
    }

    /** utime + stime of /proc/PID/stat (fields 14 and 15, counted after the command's closing parenthesis). */
    static double cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Double.parseDouble(fields[11]) + Double.parseDouble(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * The project's launcher ({@code chainfl} in the folder {@code -Dchainfl.root} names), which execs java, so the
     * measured process is the run's JVM with the launcher's options and class-data-sharing archive; null without it.
     * Its warm-up run writes the archive when there is none yet (docs/benchmarks-and-tests.md, whole job).
     */
    static Path launcher() {
        String root = System.getProperty("chainfl.root");
        Path script = root == null ? null : Path.of(root, "chainfl");
        return script != null && Files.isExecutable(script) ? script : null;
    }

    /** The -X and -XX options this JVM was started with (the launcher's heap and GC settings), so the child runs as ./chainfl would. */
    static List<String> launcherOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(a -> a.startsWith("-X")).toList();
    }

    private static Process start(ProcessBuilder builder, Path log) {
        try {
            return builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = WholeJobBenchmark.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing from the classpath; rebuild with ./chainfl --rebuild");
            }
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
