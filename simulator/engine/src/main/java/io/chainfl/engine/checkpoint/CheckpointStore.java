package io.chainfl.engine.checkpoint;

import io.chainfl.engine.run.RunFolder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.chainfl.engine.UserError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * The {@code checkpoint/} folder of a run: {@code manifest.json}, the scenario state it names
 * ({@code state-P-R.bin}) and the ledger journal. Every file is written to a temporary name, forced to disk and
 * renamed; the manifest goes last, so it always names a complete state and a journal at least as long as it says.
 * Only the newest state is kept.
 */
public final class CheckpointStore {
    public static final String DIR = RunFolder.CHECKPOINT_DIR;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final Path dir;

    public CheckpointStore(Path runDir) {
        this.dir = new RunFolder(runDir).checkpointDir();
    }

    public Path dir() {
        return dir;
    }

    public Path manifestFile() {
        return dir.resolve(RunFolder.CHECKPOINT_MANIFEST);
    }

    public Path journal() {
        return dir.resolve(RunFolder.LEDGER_JOURNAL);
    }

    /** A loaded checkpoint. */
    public record Loaded(CheckpointManifest manifest, Snapshot state) {}

    public boolean exists() {
        return Files.exists(manifestFile());
    }

    public Optional<Loaded> read() {
        if (!exists()) {
            return Optional.empty();
        }
        try {
            CheckpointManifest manifest;
            try {
                manifest = JSON.readValue(manifestFile().toFile(), CheckpointManifest.class);
            } catch (JsonProcessingException e) {
                // Jackson's message spans lines (the value, then the parser location): one line naming the file instead
                JsonLocation at = e.getLocation();
                String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
                throw new UserError(manifestFile() + where + ": not a valid checkpoint manifest (" + e.getOriginalMessage().lines().findFirst().orElse("")
                        + "); start the run again with --force");
            }
            if (manifest.format() != CheckpointManifest.FORMAT) {
                throw new UserError(manifestFile() + ": checkpoint format " + manifest.format() + ", this chainfl resumes format "
                        + CheckpointManifest.FORMAT + "; resume with the chainfl version that wrote it or start the run again with --force");
            }
            Snapshot state = Snapshot.decode(Files.readAllBytes(dir.resolve(manifest.stateFile())));
            return Optional.of(new Loaded(manifest, state));
        } catch (IOException e) {
            throw new UserError(dir + ": cannot read the checkpoint (" + e.getMessage() + "); start the run again with --force");
        }
    }

    /** Writes the state, then the manifest that names it; removes older states. */
    public void write(CheckpointManifest manifest, byte[] encodedState) {
        try {
            Files.createDirectories(dir);
            writeDurably(dir.resolve(manifest.stateFile()), encodedState);
            writeDurably(manifestFile(), JSON.writeValueAsBytes(manifest));
            syncDirectory();
            try (DirectoryStream<Path> states = Files.newDirectoryStream(dir, "state-*.bin")) {
                for (Path state : states) {
                    if (!state.getFileName().toString().equals(manifest.stateFile())) {
                        Files.deleteIfExists(state);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint in " + dir, e);
        }
    }

    public void delete() {
        try {
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                    for (Path file : files) {
                        Files.delete(file);
                    }
                }
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Makes the renames themselves durable (Linux: fsync on the directory). */
    private void syncDirectory() {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // some platforms cannot open a directory; the rename is still atomic there
        }
    }

    /** Appends {@code bytes} to the journal, forces them to disk and returns the journal's new length. */
    public static long append(Path journal, byte[] bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            var buffer = java.nio.ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
            return channel.size();
        }
    }

}
