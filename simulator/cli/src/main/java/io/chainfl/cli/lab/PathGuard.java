package io.chainfl.cli.lab;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Turns a path the browser sent (a run id, a file in a run folder) into a path inside the runs folder, or refuses
 * it: no absolute paths, no {@code ..}, no backslashes or NUL, nothing that resolves (symbolic links included)
 * outside the folder. The browser never names a file anywhere else.
 */
final class PathGuard {
    /** Plain names only: letters, digits, dot, dash, underscore, plus, '=' and ',' (sweep points are named key=value,...). */
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._+=,-]+");
    private final Path root;

    PathGuard(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /**
     * The path {@code relative} names under the root; refuses (404, so nothing outside is even confirmed to
     * exist) anything that is not a relative path of plain segments inside it.
     */
    Path resolve(String relative) {
        if (relative == null || relative.isEmpty() || relative.length() > 500) {
            throw LabHttpError.notFound("no such path in the runs folder: give a path relative to it, e.g. quickstart-seed42/report.html");
        }
        String trimmed = relative.startsWith("/") ? relative.substring(1) : relative;
        for (String segment : trimmed.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw LabHttpError.notFound("no such path in the runs folder: '" + printable(relative)
                        + "' (plain names separated by '/', no '..')");
            }
        }
        Path resolved = root.resolve(trimmed).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw LabHttpError.notFound("no such path in the runs folder: '" + printable(relative) + "'");
        }
        // a link inside the folder could still point out of it
        if (Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Path real = resolved.toRealPath();
                if (!real.startsWith(root.toRealPath())) {
                    throw LabHttpError.notFound("no such path in the runs folder: '" + printable(relative) + "'");
                }
            } catch (java.io.IOException e) {
                throw LabHttpError.notFound("no such path in the runs folder: '" + printable(relative) + "'");
            }
        }
        return resolved;
    }

    /** The id of a folder under the root: its path relative to the root with '/' separators. */
    String idOf(Path folder) {
        return root.relativize(folder.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** At most 80 visible ASCII characters of what the browser sent, for the error line. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 80; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
