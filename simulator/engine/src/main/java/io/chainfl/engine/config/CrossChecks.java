package io.chainfl.engine.config;

import io.chainfl.engine.config.ConfigValidator.Violation;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Rules that involve more than one key, or the file system, checked when a config is loaded so that
 * {@code validate} refuses what a run would otherwise refuse rounds later. Scenario-specific rules (an
 * aggregator's smallest number of updates, DeepChain's threshold) come from {@link ScenarioParams#check}.
 */
final class CrossChecks {
    private CrossChecks() {}

    static Optional<Violation> check(RunConfig config) {
        Optional<Violation> found = dataPath(config.data());
        if (found.isEmpty()) {
            found = adversaries(config.adversaries(), config.participants());
        }
        if (found.isEmpty()) {
            found = privacy(config);
        }
        if (found.isEmpty()) {
            found = config.scenario().check(config);
        }
        return found;
    }

    /** A privacy section needs a protocol with participant updates, in a mode that protocol has (ScenarioParams.privacyModes). */
    static Optional<Violation> privacy(RunConfig config) {
        if (config.privacy() == null) {
            return Optional.empty();
        }
        java.util.Set<PrivacyMode> modes = config.scenario().privacyModes();
        if (modes.isEmpty()) {
            return Optional.of(new Violation("/privacy", "privacy", "this scenario.type has no participant updates to clip and noise;"
                    + " remove the privacy section (docs/privacy.md lists the protocols that take one)"));
        }
        if (!modes.contains(config.privacy().mode())) {
            String offered = modes.stream().map(m -> m.name().toLowerCase(java.util.Locale.ROOT)).sorted().collect(java.util.stream.Collectors.joining(" or "));
            return Optional.of(new Violation("/privacy/mode", "privacy.mode", config.privacy().mode().name().toLowerCase(java.util.Locale.ROOT)
                    + " is not available for this scenario.type (its server never holds the plain uploads to sum); set privacy.mode: " + offered));
        }
        return Optional.empty();
    }

    /** idx and csv read a path that must exist before the run starts (relative paths are read from the working directory). */
    static Optional<Violation> dataPath(DataConfig data) {
        boolean idx = data.source() == DataSource.IDX;
        if (!idx && data.source() != DataSource.CSV) {
            return Optional.empty();
        }
        String what = idx ? "the directory holding the train-/t10k- IDX files" : "the CSV file";
        if (data.path() == null || data.path().isBlank()) {
            return Optional.of(new Violation("/data/path", "data.path", "data.source " + (idx ? "idx" : "csv") + " needs data.path, " + what));
        }
        Path path;
        try {
            path = Path.of(data.path());
        } catch (InvalidPathException e) {
            return Optional.of(new Violation("/data/path", "data.path", "'" + data.path() + "' is not a valid path; give " + what));
        }
        boolean fits = idx ? Files.isDirectory(path) : Files.isRegularFile(path);
        if (!fits) {
            String problem = Files.exists(path) ? (idx ? "is not a directory" : "is not a file") : "does not exist";
            String relative = path.isAbsolute() ? "" : " (relative to " + Path.of("").toAbsolutePath() + ")";
            return Optional.of(new Violation("/data/path", "data.path", "'" + data.path() + "'" + relative + " " + problem + "; give " + what));
        }
        return Optional.empty();
    }

    /**
     * Entries given by a fraction take the leading participants of one seeded order, so they nest: equal fractions
     * stack on the same coalition (documented, e.g. label_flip plus dishonest_vote), and a smaller fraction's
     * participants are among a larger one's. Different fractions summing above 1 can only have been meant as
     * disjoint groups, which they are not: refused, as are ids outside the run.
     */
    static Optional<Violation> adversaries(List<AdversaryParams> entries, int participants) {
        TreeSet<Double> distinct = new TreeSet<>();
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            AdversaryParams entry = entries.get(i);
            if (!entry.countsParticipants()) {
                continue;
            }
            List<Integer> ids = entry.ids() == null ? List.of() : entry.ids();
            for (int id : ids) {
                if (id < 0 || id >= participants) {
                    return Optional.of(new Violation("/adversaries/" + i + "/ids", "adversaries[" + i + "].ids",
                            "participant id " + id + " does not exist (ids run from 0 to " + (participants - 1) + ")"));
                }
            }
            Double fraction = entry.fraction();
            if (!ids.isEmpty() || fraction == null || fraction <= 0) {
                continue;
            }
            if (distinct.add(fraction)) {
                seen.add("adversaries[" + i + "].fraction " + fraction);
            }
            double sum = distinct.stream().mapToDouble(Double::doubleValue).sum();
            if (sum > 1 + 1e-9) {
                return Optional.of(new Violation("/adversaries/" + i + "/fraction", "adversaries[" + i + "].fraction",
                        "different fractions sum to " + Math.round(sum * 1e6) / 1e6 + " > 1 (" + String.join(", ", seen) + "); fraction entries nest in"
                                + " one seeded order rather than forming separate groups: give equal fractions to stack attacks on one"
                                + " coalition, or ids for separate groups"));
            }
        }
        return Optional.empty();
    }
}
