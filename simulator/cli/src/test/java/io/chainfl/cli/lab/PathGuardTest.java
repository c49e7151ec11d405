package io.chainfl.cli.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathGuardTest {
    @Test
    void plainRelativePathsResolveInsideTheRunsFolder(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        PathGuard guard = new PathGuard(runs);
        assertEquals(runs.resolve("quickstart-seed42/report.html"), guard.resolve("quickstart-seed42/report.html"));
        assertEquals(runs.resolve("lab/tiny-1"), guard.resolve("/lab/tiny-1"), "a leading slash is the runs folder's root");
        assertEquals(runs.resolve("sweep/attack.fraction=0.2,seed=1/metrics.csv"), guard.resolve("sweep/attack.fraction=0.2,seed=1/metrics.csv"));
        assertEquals("lab/tiny-1", guard.idOf(runs.resolve("lab/tiny-1")));
    }

    @Test
    void traversalAbsoluteAndOddNamesAreRefusedAs404(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Files.writeString(dir.resolve("secret.txt"), "outside");
        PathGuard guard = new PathGuard(runs);
        for (String bad : List.of("../secret.txt", "a/../../secret.txt", "..", ".", "a/./b", "a//b", "", "/", "a\\..\\secret.txt",
                "%2e%2e/secret.txt", "a/b\u0000c", "~/x", "a b", "a/" + "x".repeat(600), "C:/Windows", "a/../b")) {
            LabHttpError e = assertThrows(LabHttpError.class, () -> guard.resolve(bad), "refused: " + bad);
            assertEquals(404, e.status(), bad);
            assertTrue(e.getMessage().length() < 200 && !e.getMessage().contains("\n"), "one short line: " + e.getMessage());
        }
    }

    @Test
    void aLinkInsideThatPointsOutsideIsRefused(@TempDir Path dir) throws Exception {
        Path runs = Files.createDirectories(dir.resolve("runs"));
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Files.writeString(outside.resolve("secret.txt"), "outside");
        Files.createSymbolicLink(runs.resolve("link"), outside);
        PathGuard guard = new PathGuard(runs);
        assertEquals(404, assertThrows(LabHttpError.class, () -> guard.resolve("link/secret.txt")).status());
        Files.createDirectories(runs.resolve("real"));
        Files.createSymbolicLink(runs.resolve("inner"), runs.resolve("real"));
        assertEquals(runs.resolve("inner"), guard.resolve("inner"), "a link that stays inside is fine");
    }
}
