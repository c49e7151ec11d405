package io.chainfl.engine.metrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            BufferedWriter writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8);
            CSVFormat format = CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).setRecordSeparator('\n').build();
            this.printer = new CSVPrinter(writer, format);
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + partial, e);
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
