package io.chainfl.cli;

import io.chainfl.engine.config.RunConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check a scenario YAML without running it; print the resolved config with every default filled in.")
final class ValidateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "scenario YAML")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override a config key (repeatable)")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--quiet", description = "print only 'ok'")
    boolean quiet;

    @Override
    public Integer call() {
        ConfigValidation.Checked checked = ConfigValidation.file(file, overrides);
        RunConfig config = checked.config();
        int variants = checked.variants();
        int sweepRuns = checked.sweepPoints();
        if (!quiet) {
            System.out.print(Configs.loader().toYaml(config));
        }
        System.err.println(file + ": ok" + (variants > 0 ? " (" + variants + " runs)" : "") + (sweepRuns > 0 ? " (sweep: " + sweepRuns + " points)" : ""));
        return 0;
    }
}
