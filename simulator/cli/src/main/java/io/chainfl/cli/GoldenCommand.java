package io.chainfl.cli;

import io.chainfl.engine.config.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Reruns the golden runs and compares their results with the committed checksums, so that a change of results is a
 * reviewed event (the diff of golden/results.sha256 in a commit), never an accident. The cross-platform test runs
 * this command in JVMs with different CPU kernels forced; each must find every checksum unchanged.
 */
@Command(name = "golden", mixinStandardHelpOptions = true,
        description = {"Rerun the golden runs (golden/runs.txt: small configs of every scenario) and compare the SHA-256 of",
            "their metrics.csv, participants.csv, events.csv and summary.json with golden/results.sha256.",
            "Exit codes: 0 all identical, 1 a result changed (each changed file is listed), 2 bad input.",
            "After an intended change of results: chainfl golden --update, then review and commit the diff."})
final class GoldenCommand implements Callable<Integer> {
    @Option(names = "--root", paramLabel = "DIR", description = "project root holding golden/ and configs/ (default: the current directory)")
    Path root = Path.of(".");

    @Option(names = "--out", paramLabel = "DIR", description = "where the runs go (default: output folder runs/golden under the root)")
    Path out;

    @Option(names = "--only", paramLabel = "NAME", description = "rerun only these golden runs (repeatable); --update then rewrites only their lines")
    List<String> only = new ArrayList<>();

    @Option(names = "--update", description = "write the new checksums into golden/results.sha256 instead of comparing")
    boolean update;

    @Override
    public Integer call() {
        List<GoldenRuns.Run> runs = selected(GoldenRuns.read(root.resolve(GoldenRuns.RUNS_FILE)));
        Path sumsFile = root.resolve(GoldenRuns.SUMS_FILE);
        Map<String, String> committed = GoldenRuns.readSums(sumsFile);
        Path outDir = out != null ? out : root.resolve("runs").resolve("golden");
        RunOrchestrator orchestrator = new RunOrchestrator(System.err, false);
        Map<String, String> measured = new LinkedHashMap<>();
        int changedRuns = 0;
        for (GoldenRuns.Run run : runs) {
            Path runDir = outDir.resolve(run.name());
            deleteRecursively(runDir);
            List<String> overrides = new ArrayList<>(run.overrides());
            overrides.add("output.charts=false");
            RunConfig config = Configs.load(root.resolve(run.config()), overrides);
            new CheckRunner(orchestrator).runAll(config, List.of(config.seed()), runDir);
            Map<String, String> sums = GoldenRuns.hashResults(run.name(), runDir);
            measured.putAll(sums);
            List<String> changed = differences(run.name(), committed, sums);
            if (changed.isEmpty()) {
                System.out.printf("%-12s identical (%d files)%n", run.name(), sums.size());
            } else {
                changedRuns++;
                System.out.printf("%-12s %s: %s%n", run.name(), update ? "updated" : "CHANGED", String.join(", ", changed));
            }
        }
        if (update) {
            Map<String, String> merged = new LinkedHashMap<>();
            List<String> names = runs.stream().map(GoldenRuns.Run::name).toList();
            committed.forEach((file, sha) -> {
                if (!names.contains(file.substring(0, file.indexOf('/')))) {
                    merged.put(file, sha);
                }
            });
            merged.putAll(measured);
            GoldenRuns.writeSums(sumsFile, merged);
            System.out.println("wrote " + sumsFile + " (" + merged.size() + " files); review the diff and say in the commit why results changed");
            return 0;
        }
        if (changedRuns > 0) {
            System.out.println(changedRuns + " of " + runs.size() + " golden runs changed their results (outputs in " + outDir + "). "
                    + "If the change is intended: chainfl golden --update, and explain it in the commit and the README.");
            return CheckCommand.EXIT_FAILED;
        }
        System.out.println("all " + runs.size() + " golden runs identical to " + sumsFile);
        return 0;
    }

    private List<GoldenRuns.Run> selected(List<GoldenRuns.Run> all) {
        for (String name : only) {
            if (all.stream().noneMatch(r -> r.name().equals(name))) {
                throw new io.chainfl.engine.UserError("--only " + name + ": no such golden run; known: "
                        + String.join(", ", all.stream().map(GoldenRuns.Run::name).toList()));
            }
        }
        return only.isEmpty() ? all : all.stream().filter(r -> only.contains(r.name())).toList();
    }

    /** The files of one run that differ, are new or are missing, as short phrases. */
    private static List<String> differences(String name, Map<String, String> committed, Map<String, String> measured) {
        TreeSet<String> files = new TreeSet<>(measured.keySet());
        committed.keySet().stream().filter(f -> f.startsWith(name + "/")).forEach(files::add);
        List<String> changed = new ArrayList<>();
        for (String file : files) {
            String label = file.substring(name.length() + 1);
            String before = committed.get(file);
            String after = measured.get(file);
            if (before == null) {
                changed.add(label + " (new)");
            } else if (after == null) {
                changed.add(label + " (missing)");
            } else if (!Objects.equals(before, after)) {
                changed.add(label);
            }
        }
        return changed;
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
