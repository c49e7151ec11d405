package io.chainfl.cli;

import io.chainfl.engine.run.RunFolder;
import io.chainfl.learning.math.MatMul;
import io.chainfl.reports.HtmlReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The run folder's provenance ({@code invocation.json}: the command line and the JVM, kept apart from
 * {@code summary.json} because they differ between runs that give identical results) and its {@code report.html}.
 */
final class RunReport {
    static final String INVOCATION = RunFolder.INVOCATION;
    private static final Pattern PLAIN_ARG = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private RunReport() {}

    /**
     * Renders report.html once the results are written. A report that cannot be written is a warning, not a
     * failed run: everything it would show is already in the folder.
     */
    static void writeOrWarn(Path folder, PrintStream out) {
        try {
            HtmlReport.writeFor(folder);
        } catch (RuntimeException e) {
            out.println("chainfl: warning: could not write " + folder.resolve(RunFolder.REPORT) + " (" + e.getMessage()
                    + "); the results are complete; render it again with `chainfl report " + folder + "`");
        }
    }

    static void writeInvocation(Path folder, List<String> args) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        if (args != null) {
            root.put("command", commandLine(args));
        }
        root.put("chainfl_version", Versions.chainfl());
        root.put("java_version", System.getProperty("java.version"));
        root.put("java_vendor", System.getProperty("java.vendor"));
        root.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        root.put("cpu", Versions.cpu());
        root.put("pekko_version", Versions.pekko());
        // which matrix kernels ran (vector width, or scalar): here and not in summary.json, because results are the same bits on every path
        root.put("math_kernels", MatMul.selectedDescription());
        try {
            RunFolder.writeAtomically(folder.resolve(INVOCATION), json.writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The arguments as one shell line that can be pasted back (quoted where the shell would split or expand them). */
    static String commandLine(List<String> args) {
        StringBuilder line = new StringBuilder("chainfl");
        for (String arg : args) {
            line.append(' ').append(PLAIN_ARG.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        return line.toString();
    }
}
