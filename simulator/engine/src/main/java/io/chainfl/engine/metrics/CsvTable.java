package io.chainfl.engine.metrics;

import io.chainfl.engine.run.RunFolder;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV file written row by row to {@code NAME.partial} and flushed after every row, then renamed to its
 * final name when the run completes: a file under its final name is always whole.
 */
final class CsvTable implements AutoCloseable {
    private final Path target;
    private final Path partial;
    private final CSVPrinter printer;
    private boolean closed;

    CsvTable(Path target, List<String> header) {
        this(target, header, -1);
    }

    /**
     * @param resumeAt length in bytes the {@code .partial} file had at the checkpoint a run resumes from: the
     *                 file is cut back to it (rows of an unfinished round go) and appended to; -1 starts afresh
     */
    CsvTable(Path target, List<String> header, long resumeAt) {
        this.target = target;
        this.partial = RunFolder.partial(target);
        try {
            BufferedWriter writer;
            CSVFormat.Builder format = CSVFormat.DEFAULT.builder().setRecordSeparator('\n');
            if (resumeAt < 0) {
                writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
                format.setHeader(header.toArray(String[]::new));
            } else {
                if (!Files.exists(partial) || Files.size(partial) < resumeAt) {
                    throw new IOException(partial + " is missing or shorter than the checkpoint says (" + resumeAt + " bytes)");
                }
                try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                    channel.truncate(resumeAt);
                    channel.force(true);
                }
                writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            }
            this.printer = new CSVPrinter(writer, format.build());
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
    }

    Path partialFile() {
        return partial;
    }

    /** Flushes, forces the file to disk (a checkpoint must not point past what survives a crash) and returns its length. */
    long syncedLength() {
        try {
            printer.flush();
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
                return channel.size();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sync " + partial, e);
        }
    }

    void row(List<?> values) {
        try {
            printer.printRecord(values);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
        }
    }

    /** Closes the file and moves it to its final name. */
    void complete() {
        close();
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + target, e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            printer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + partial, e);
        }
    }
}
