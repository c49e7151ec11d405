package io.chainfl.engine.device;

import io.chainfl.engine.UserError;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * When devices are offline, from a file ({@code devices.trace}): a CSV with the header
 * {@code participant,offline_from_s,offline_to_s} and one row per window, in seconds of the run's virtual clock,
 * {@code [from, to)}. A participant whose window holds a round's start is not asked that round (as with dropout).
 * Traces such as FLASH's (Yang et al., WWW 2021: availability of 136k phones over a week) reduce to such windows.
 */
public final class DeviceTrace {
    public static final List<String> HEADER = List.of("participant", "offline_from_s", "offline_to_s");
    public static final DeviceTrace NONE = new DeviceTrace(List.of());

    /** One offline window of one participant, in virtual milliseconds. */
    public record Window(int participant, long fromMillis, long toMillis) {}

    private final List<Window> windows;

    private DeviceTrace(List<Window> windows) {
        this.windows = List.copyOf(windows);
    }

    public static DeviceTrace read(Path file, int participants) {
        if (!Files.isRegularFile(file)) {
            throw new UserError("devices.trace: " + file + " does not exist; give a CSV with the header " + String.join(",", HEADER));
        }
        List<Window> windows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#').setTrim(true).build();
        try (Reader in = Files.newBufferedReader(file); CSVParser parser = format.parse(in)) {
            if (!parser.getHeaderNames().equals(HEADER)) {
                throw new UserError(file + ": the header is " + parser.getHeaderNames() + "; expected " + String.join(",", HEADER));
            }
            for (CSVRecord row : parser) {
                String where = file + " line " + parser.getCurrentLineNumber();
                if (row.size() != HEADER.size()) {
                    throw new UserError(where + ": " + row.size() + " fields; expected " + HEADER.size() + " (" + String.join(",", HEADER) + ")");
                }
                int id = integer(row.get(0), where, "participant");
                if (id < 0 || id >= participants) {
                    throw new UserError(where + ": participant " + id + " does not exist (ids run from 0 to " + (participants - 1) + ")");
                }
                long from = millis(row.get(1), where, "offline_from_s");
                long to = millis(row.get(2), where, "offline_to_s");
                if (from >= to) {
                    throw new UserError(where + ": offline_from_s must be below offline_to_s");
                }
                windows.add(new Window(id, from, to));
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new UserError(file + ": not a trace CSV (" + e.getMessage().lines().findFirst().orElse("unreadable") + ")");
        }
        return new DeviceTrace(windows);
    }

    /** The window that holds {@code millis} for this participant, if it is offline then. */
    public Optional<Window> offlineAt(int participant, long millis) {
        return windows.stream().filter(w -> w.participant() == participant && w.fromMillis() <= millis && millis < w.toMillis()).findFirst();
    }

    private static int integer(String text, String where, String column) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new UserError(where + ": " + column + " '" + text + "' is not a whole number");
        }
    }

    /** Seconds to whole virtual milliseconds (the clock's unit), refusing what is not a finite number >= 0. */
    private static long millis(String text, String where, String column) {
        double seconds;
        try {
            seconds = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new UserError(where + ": " + column + " '" + text + "' is not a number of seconds");
        }
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new UserError(where + ": " + column + " must be a finite number of seconds >= 0, got " + text);
        }
        return Math.round(seconds * 1000.0);
    }
}
