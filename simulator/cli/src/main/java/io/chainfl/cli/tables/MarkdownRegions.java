package io.chainfl.cli.tables;

import io.chainfl.engine.UserError;
import java.nio.file.Path;
import java.util.Optional;

/** The generated regions of a Markdown file: {@code <!-- table:ID -->} ... {@code <!-- /table:ID -->}, markers on lines of their own. */
public final class MarkdownRegions {
    private MarkdownRegions() {}

    static String open(String id) {
        return "<!-- table:" + id + " -->\n";
    }

    static String close(String id) {
        return "<!-- /table:" + id + " -->";
    }

    /** The text between the markers, or empty when the file has no such region. */
    public static Optional<String> read(String markdown, String id) {
        int start = markdown.indexOf(open(id));
        int end = markdown.indexOf(close(id));
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        return Optional.of(markdown.substring(start + open(id).length(), end));
    }

    /** {@code markdown} with the region's text replaced. */
    public static String replace(String markdown, Path file, String id, String text) {
        int start = markdown.indexOf(open(id));
        int end = markdown.indexOf(close(id));
        if (start < 0 || end < start) {
            throw new UserError(file + ": no region for table '" + id + "'; put the lines '" + open(id).strip() + "' and '" + close(id)
                    + "' where the table goes");
        }
        return markdown.substring(0, start + open(id).length()) + text + markdown.substring(end);
    }
}
