package io.chainfl.cli;

import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true, description = "List what can be named in a config: scenarios.")
final class ListCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT", defaultValue = "scenarios", description = "scenarios (default)")
    String what;

    @Override
    public Integer call() {
        if (!what.equals("scenarios")) {
            throw new io.chainfl.engine.UserError("list: unknown catalogue '" + what + "'; available: scenarios");
        }
        for (Scenario<?> s : ScenarioRegistry.all()) {
            System.out.printf("%-14s %s%n", s.name(), s.description());
        }
        return 0;
    }
}
