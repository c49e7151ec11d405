package io.chainfl.cli;

import io.chainfl.reports.HtmlReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render report.html again for a run, variants or sweep folder.",
            "It is built from what the folder holds now (config.yaml, summary.json, metrics.csv or sweep.csv, timing.csv, the charts, checks.json).",
            "The report is one self-contained file: open it in any browser, nothing else is fetched."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "the folder `chainfl run` or `chainfl sweep` printed")
    Path dir;

    @Override
    public Integer call() {
        Path report = HtmlReport.writeFor(dir);
        System.out.println("report: " + report.toAbsolutePath().normalize());
        return 0;
    }
}
