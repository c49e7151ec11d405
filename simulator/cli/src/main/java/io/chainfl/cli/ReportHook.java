package io.chainfl.cli;

import io.chainfl.reports.HtmlReport;
import java.nio.file.Path;

/**
 * The single place where {@code chainfl check} re-renders a folder's report.html after writing checks.json into
 * it, so the report shows the assertion results.
 */
final class ReportHook {
    private ReportHook() {}

    static void refresh(Path folder) {
        HtmlReport.writeFor(folder);
    }
}
