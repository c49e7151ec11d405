package io.chainfl.cli;

import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.SweepBands;
import io.chainfl.engine.run.RunFolder;
import io.chainfl.reports.SweepChart;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whole sweep folder, as {@code chainfl sweep} leaves it: the resolved config, one run folder per point, the
 * combined tables, the band chart, invocation.json and report.html. The command and the lab's sweeps both go
 * through here, so a sweep launched from the lab is the same folder, byte for byte in its tables, as the command's.
 */
public final class SweepFolder {
    private SweepFolder() {}

    /**
     * Writes {@code config.yaml} first (so the folder names its plan while the points run), runs the points, then
     * the tables, chart, invocation and report.
     *
     * @param invocationArgs the command line recorded in invocation.json
     * @param warnings where a report that cannot be rendered is reported (the results stay valid)
     * @throws SweepRunner.Stopped when {@code options} asked the sweep to stop before every point finished
     */
    public static SweepRunner.Outcome run(RunConfig config, List<SweepPlan.Point> points, Path dir, SweepRunner.Options options,
                                          List<String> invocationArgs, PrintStream warnings) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new io.chainfl.engine.UserError("cannot create the sweep folder " + dir + ": " + e.getMessage());
        }
        RunFolder.writeAtomically(dir.resolve(RunFolder.CONFIG), Configs.loader().toYaml(config));
        SweepRunner.Outcome outcome = SweepRunner.run(points, dir, options);
        SweepTables.write(outcome, new ArrayList<>(config.sweep().grid().keySet()), dir);
        if (config.output().charts()) {
            SweepBands bands = SweepCharting.bands(config, outcome.points());
            SweepChart.writePng(bands, config.seed(), dir.resolve(RunFolder.sweepChart(config.sweep().chart().y())));
        }
        RunReport.writeInvocation(dir, invocationArgs);
        RunReport.writeOrWarn(dir, warnings);
        return outcome;
    }
}
