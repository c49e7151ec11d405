package io.chainfl.cli;

import io.chainfl.engine.UserError;
import io.chainfl.engine.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The golden runs ({@code golden/runs.txt}) and the committed SHA-256 of their results ({@code golden/results.sha256},
 * in {@code sha256sum} format, so {@code sha256sum -c} works inside an output folder too). Only the files that must be
 * byte-identical on every machine are hashed; timing.csv, charts and reports are not results.
 */
final class GoldenRuns {
    static final String RUNS_FILE = "golden/runs.txt";
    static final String SUMS_FILE = "golden/results.sha256";
    private static final Set<String> RESULT_FILES = Set.of(RunFolder.METRICS, RunFolder.PARTICIPANTS, RunFolder.EVENTS, RunFolder.SUMMARY);

    /** One line of runs.txt: a name, a config path relative to the project root, and {@code --set} overrides. */
    record Run(String name, String config, List<String> overrides) {}

    private GoldenRuns() {}

    static List<Run> read(Path runsFile) {
        if (!Files.isRegularFile(runsFile)) {
            throw new UserError(runsFile + ": no such file; run from the project root or pass --root DIR");
        }
        List<Run> runs = new ArrayList<>();
        List<String> lines = readLines(runsFile);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (words.length < 2) {
                throw new UserError(runsFile + ":" + (i + 1) + ": expected NAME CONFIG [KEY=VALUE ...], got '" + line + "'");
            }
            if (runs.stream().anyMatch(r -> r.name().equals(words[0]))) {
                throw new UserError(runsFile + ":" + (i + 1) + ": run name '" + words[0] + "' appears twice");
            }
            runs.add(new Run(words[0], words[1], List.of(Arrays.copyOfRange(words, 2, words.length))));
        }
        return runs;
    }

    /** {@code run/relative/path -> sha256} from a sums file; empty when the file does not exist yet. */
    static Map<String, String> readSums(Path sumsFile) {
        Map<String, String> sums = new LinkedHashMap<>();
        if (!Files.exists(sumsFile)) {
            return sums;
        }
        List<String> lines = readLines(sumsFile);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            int split = line.indexOf("  ");
            if (split != 64) {
                throw new UserError(sumsFile + ":" + (i + 1) + ": expected '<64 hex digits>  RUN/FILE' (sha256sum format); "
                        + "regenerate it with chainfl golden --update");
            }
            sums.put(line.substring(split + 2), line.substring(0, split));
        }
        return sums;
    }

    static void writeSums(Path sumsFile, Map<String, String> sums) {
        StringBuilder text = new StringBuilder();
        sums.forEach((file, sha) -> text.append(sha).append("  ").append(file).append('\n'));
        try {
            Files.createDirectories(sumsFile.toAbsolutePath().getParent());
            RunFolder.writeAtomically(sumsFile, text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of every results file under {@code runDir} (any depth, checkpoints excluded), keyed {@code name/relative/path}, sorted by path. */
    static Map<String, String> hashResults(String name, Path runDir) {
        Map<String, String> sums = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(runDir)) {
            List<Path> results = files.filter(Files::isRegularFile)
                    .filter(f -> RESULT_FILES.contains(f.getFileName().toString()))
                    .filter(f -> !runDir.relativize(f).toString().contains(RunFolder.CHECKPOINT_DIR))
                    .sorted()
                    .toList();
            for (Path file : results) {
                String relative = runDir.relativize(file).toString().replace('\\', '/');
                sums.put(name + "/" + relative, sha256(Files.readAllBytes(file)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sums;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(file + ": cannot read: " + e.getMessage());
        }
    }
}
