package io.chainfl.cli;

import io.chainfl.engine.UserError;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code chainfl} command. Exit codes: 0 success, 1 internal failure, 2 bad input (config, data, node,
 * command line). Errors are one line unless {@code --debug} asks for the stack trace.
 */
@Command(name = "chainfl",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {
            "Actor-based simulator for blockchain-secured collaborative (federated) learning.",
            "Run a scenario YAML, get metrics.csv, charts, a summary and report.html in a run folder.",
            "",
            "Quick start:  chainfl run            (the embedded quickstart: FedAvg on real MNIST digits)",
            "              chainfl run configs/quickstart.yaml --set rounds=5",
            "              chainfl lab            (the lab in a browser: compose, run and watch, compare, lessons)"
        },
        footer = {"", "Exit codes: 0 ok, 1 internal error (check: an assertion failed), 2 bad input (config, data set, node, options).",
            "Docs: README.md (the two commands, a five-minute tour, the map of docs/: results, configuration, studies, architecture)."})
public final class Main implements Runnable {
    static final int EXIT_BAD_INPUT = 2;

    /** The subcommands, in the order {@code chainfl --help} lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            RunCommand.class,
            LabCommand.class,
            NodeCommand.class,
            SweepCommand.class,
            ValidateCommand.class,
            CheckCommand.class,
            ThresholdCommand.class,
            SchemaCommand.class,
            DataCommand.class,
            CalibrateCommand.class,
            ListCommand.class,
            BenchCommand.class,
            ReportCommand.class,
            GoldenCommand.class,
            TablesCommand.class,
            CommandLine.HelpCommand.class);

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT, description = "print stack traces for errors")
    boolean debug;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // SLF4J initialises on its first call: when actor threads make that call together, it prints a "replay"
        // warning. ND4J's start-up used to make it on this thread; nothing else does now that the models are ND4J-free
        org.slf4j.LoggerFactory.getILoggerFactory();
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        for (Class<?> subcommand : subcommandsFor(args)) {
            cli.addSubcommand(subcommand);
        }
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine, debug));
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("chainfl: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_BAD_INPUT;
        });
        return cli.execute(args);
    }

    /**
     * The subcommands this invocation needs: only the one it names (its options, help, errors and suggestions are
     * then exactly as with all of them), otherwise all, for the top-level help, {@code help}, and the "did you mean"
     * of a mistyped name. Picocli builds a command's model from its annotations by reflection when it is added, from
     * a jar the JVM cannot keep in the class-data archive (Java 5 class files): one instead of sixteen saves about
     * 0.05 s of every start, `chainfl run` included (docs/benchmarks-and-tests.md, whole job).
     */
    static List<Class<?>> subcommandsFor(String... args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            for (Class<?> subcommand : SUBCOMMANDS) {
                if (subcommand != CommandLine.HelpCommand.class && subcommand.getAnnotation(Command.class).name().equals(arg)) {
                    return List.of(subcommand);
                }
            }
            break;
        }
        return SUBCOMMANDS;
    }

    private static int handle(Exception ex, CommandLine commandLine, boolean debug) {
        PrintWriter err = commandLine.getErr();
        Throwable userError = findUserError(ex);
        if (userError != null) {
            err.println("chainfl: " + userError.getMessage());
            if (debug) {
                ex.printStackTrace(err);
            }
            err.flush();
            return EXIT_BAD_INPUT;
        }
        err.println("chainfl: internal error: " + ex + (debug ? "" : " (run again with --debug for the stack trace)"));
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    private static Throwable findUserError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof UserError) {
                return c;
            }
        }
        return null;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"chainfl " + Versions.chainfl(), "Java " + System.getProperty("java.version")};
        }
    }
}
