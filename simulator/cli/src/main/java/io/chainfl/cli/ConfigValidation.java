package io.chainfl.cli;

import io.chainfl.engine.config.RunConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code chainfl validate} checks beyond loading (variants, the sweep grid, {@code expect:}), in one place, so
 * the lab's compose page refuses a config with the same code and the same one-line wording as the command.
 */
public final class ConfigValidation {
    /**
     * A config that passed, with how many runs its variants and its sweep grid make (0: none), and the sweep's
     * points in plan order (empty without a sweep: block).
     */
    public record Checked(RunConfig config, int variants, int sweepPoints, List<SweepPlan.Point> points) {
        public Checked {
            points = List.copyOf(points);
        }
    }

    private ConfigValidation() {}

    /** Loads and checks a file with overrides, as {@code chainfl validate FILE --set ...} does. */
    static Checked file(Path file, List<String> overrides) {
        return beyondLoading(Configs.load(file, overrides), file, file);
    }

    /**
     * Loads and checks YAML text that has no file (composed in the lab); {@code sourceName} starts every error
     * message where a file name would.
     */
    public static Checked text(String sourceName, String yaml) {
        RunConfig config = Configs.loader().parse(sourceName, yaml, List.of());
        return beyondLoading(config, yaml, Path.of(sourceName));
    }

    /** The config with every default filled in, as {@code chainfl validate} prints it. */
    public static String resolvedYaml(RunConfig config) {
        return Configs.loader().toYaml(config);
    }

    /** @param file the file the config came from (sweep error positions) */
    private static Checked beyondLoading(RunConfig config, Path file, Path sourceName) {
        return beyondLoading(config, config.sweep().isEmpty() ? List.of() : SweepPlan.expand(config, file), sourceName);
    }

    /** @param text the composed text (sweep error positions in it, named {@code sourceName}) */
    private static Checked beyondLoading(RunConfig config, String text, Path sourceName) {
        return beyondLoading(config, config.sweep().isEmpty() ? List.of() : SweepPlan.expand(config, sourceName.toString(), text), sourceName);
    }

    private static Checked beyondLoading(RunConfig config, List<SweepPlan.Point> sweepPoints, Path sourceName) {
        int variants = VariantRunner.resolve(config).size();
        if (!config.expect().assertions().isEmpty()) {
            CheckCommand.validateExpect(sourceName, config, new ThresholdSearch(config, null, null));
        }
        return new Checked(config, variants, sweepPoints.size(), sweepPoints);
    }
}
