package io.chainfl.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.learning.data.DataCache;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data-sharing archive, through the real {@code ./chainfl} script on this build (the CLI module
 * comes before this module in the reactor): the first run writes the archive, the next ones map it, an archive that
 * lost bytes or has bytes changed is dropped or refused without a word and without a crash, and every run writes the
 * same metrics.csv as a run without the archive.
 */
class LauncherCdsTest {
    private static final Path ROOT = Path.of(System.getProperty("chainfl.project.dir", "../..")).toAbsolutePath().normalize();

    private record Launched(int exitCode, String err, byte[] metrics) {}

    @Test
    void theArchiveIsWrittenOnceReusedAndABrokenOneNeverBreaksARun(@TempDir Path cds, @TempDir Path runs) throws Exception {
        Launched plain = launch(cds, runs.resolve("plain"), "off");
        assertEquals(0, plain.exitCode(), plain.err());
        assertTrue(archives(cds).isEmpty(), "CHAINFL_CDS=off wrote an archive");

        Launched first = launch(cds, runs.resolve("first"), "on");
        assertEquals(0, first.exitCode(), first.err());
        List<Path> written = archives(cds);
        assertEquals(1, written.size(), "the first run should leave one archive: " + written);
        Path archive = written.get(0);
        String name = archive.getFileName().toString();
        assertEquals(Files.size(archive), Long.parseLong(name.substring(name.lastIndexOf('-') + 1, name.length() - ".jsa".length())),
                "the archive's name ends with its size");
        assertArrayEquals(plain.metrics(), first.metrics());

        // -Xshare:on makes the JVM fail instead of running without the archive: this run maps it
        java.nio.file.attribute.FileTime written0 = Files.getLastModifiedTime(archive);
        Launched second = launch(cds, runs.resolve("second"), "on", "-Xshare:on");
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(List.of(archive), archives(cds), "a run with an archive in place must not write another");
        assertEquals(written0, Files.getLastModifiedTime(archive), "a run with an archive in place must not rewrite it");
        assertArrayEquals(plain.metrics(), second.metrics());

        // changed bytes: the JVM's checksum refuses the archive (VerifySharedSpaces) and the run goes on without it
        byte[] original = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.seek(original.length / 2);
            file.write(new byte[] {0x55, 0x55, 0x55, 0x55});
        }
        Launched flipped = launch(cds, runs.resolve("flipped"), "on");
        assertEquals(0, flipped.exitCode(), flipped.err());
        assertArrayEquals(plain.metrics(), flipped.metrics());

        // lost bytes: mapping it would crash the JVM, so the launcher drops it and this run writes a new one
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.setLength(original.length / 3);
        }
        Launched truncated = launch(cds, runs.resolve("truncated"), "on");
        assertEquals(0, truncated.exitCode(), truncated.err());
        assertArrayEquals(plain.metrics(), truncated.metrics());
        List<Path> after = archives(cds);
        assertEquals(1, after.size(), after.toString());
        assertEquals(Long.parseLong(after.get(0).getFileName().toString().replaceAll(".*-(\\d+)\\.jsa", "$1")), Files.size(after.get(0)));

        for (Launched launched : List.of(plain, first, second, flipped, truncated)) {
            assertFalse(launched.err().contains("cds") || launched.err().contains("warning") || launched.err().contains("fatal error"),
                    "the launcher's archive must stay silent on stderr: " + launched.err());
        }
        try (Stream<Path> crashLogs = Files.list(ROOT)) {
            assertTrue(crashLogs.noneMatch(p -> p.getFileName().toString().startsWith("hs_err")), "a JVM crashed in " + ROOT);
        }
    }

    private static List<Path> archives(Path cds) throws IOException {
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".jsa")).sorted().toList();
        }
    }

    private static Launched launch(Path cds, Path out, String cdsSwitch) throws Exception {
        return launch(cds, out, cdsSwitch, null);
    }

    private static Launched launch(Path cds, Path out, String cdsSwitch, String javaOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("chainfl").toString(), "run", "--set", "rounds=1", "--set", "participants=4",
                "--set", "baseline.centralized=false", "--set", "output.charts=false", "--out", out.toString(), "--force"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Path err = Files.createTempFile(out.getParent(), "err", ".txt");
        builder.redirectError(err.toFile());
        builder.environment().put("CHAINFL_CDS", cdsSwitch);
        builder.environment().put("CHAINFL_CDS_DIR", cds.toString());
        builder.environment().remove("CHAINFL_JAVA_OPTS");
        if (javaOptions != null) {
            builder.environment().put("CHAINFL_JAVA_OPTS", javaOptions);
        }
        if (System.getProperty(DataCache.PROPERTY) != null) {
            builder.environment().put("CHAINFL_DATA_CACHE", System.getProperty(DataCache.PROPERTY));
        }
        Process process = builder.start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "the launcher did not finish: " + command);
        Path metrics = out.resolve("metrics.csv");
        return new Launched(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8),
                Files.exists(metrics) ? Files.readAllBytes(metrics) : new byte[0]);
    }
}
