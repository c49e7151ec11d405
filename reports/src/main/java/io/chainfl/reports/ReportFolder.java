package io.chainfl.reports;

import io.chainfl.engine.run.RunFolder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chainfl.engine.UserError;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What a run, variants or sweep folder holds, read leniently: a missing file is an absent section, not an error,
 * so a report can be drawn for an unfinished run or a folder written by an older chainfl. Only a file that is
 * there but cannot be parsed is bad input.
 */
final class ReportFolder {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A CSV file with its header, every value as written. */
    record Table(List<String> header, List<List<String>> rows) {
        int column(String name) {
            return header.indexOf(name);
        }

        /** The value of a named column in a row, "" where the column or the value is missing. */
        String value(List<String> row, String name) {
            int i = header.indexOf(name);
            return i >= 0 && i < row.size() ? row.get(i) : "";
        }
    }

    final Path dir;

    ReportFolder(Path dir) {
        this.dir = dir;
    }

    boolean has(String file) {
        return Files.isRegularFile(dir.resolve(file));
    }

    boolean hasAnythingToReport() {
        return Stream.of(RunFolder.CONFIG, RunFolder.SUMMARY, RunFolder.METRICS, RunFolder.SWEEP, RunFolder.SWEEP_SUMMARY, RunFolder.CHECKS).anyMatch(this::has);
    }

    Optional<String> text(String file) {
        if (!has(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(dir.resolve(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(file), e);
        }
    }

    Optional<JsonNode> json(String file) {
        return text(file).map(content -> {
            try {
                return JSON.readTree(content);
            } catch (JsonProcessingException e) {
                throw new UserError(dir.resolve(file) + ": not valid JSON (" + e.getOriginalMessage() + "); fix or delete it and run `chainfl report "
                        + dir + "` again");
            }
        });
    }

    Optional<Table> csv(String file) {
        return has(file) ? Optional.of(readCsv(dir.resolve(file))) : Optional.empty();
    }

    static Table readCsv(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build().parse(reader)) {
            List<List<String>> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                rows.add(record.toList());
            }
            return new Table(List.copyOf(parser.getHeaderNames()), rows);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UserError(file + ": not a readable CSV table (" + e.getMessage() + "); fix or delete it and render the report again");
        }
    }

    /** Sub-folders that hold a run (their own summary.json or metrics.csv), in name order. */
    List<ReportFolder> runSubFolders() {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(Files::isDirectory).sorted().map(ReportFolder::new)
                    .filter(f -> f.has(RunFolder.SUMMARY) || f.has(RunFolder.METRICS)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Files with this extension directly in the folder, in name order. */
    List<Path> files(String extension) {
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(extension)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** SHA-256 of a file's bytes, hex. */
    Optional<String> sha256(String file) {
        if (!has(file)) {
            return Optional.empty();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve(file)));
            return Optional.of(HexFormat.of().formatHex(digest));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(file), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    String name() {
        return dir.toAbsolutePath().normalize().getFileName().toString();
    }
}
