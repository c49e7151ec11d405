package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results do not depend on the CPU: {@code chainfl golden} (the small config of every scenario) runs in JVMs that
 * each see a different machine, by forcing OpenBLAS's kernel ({@code OPENBLAS_CORETYPE}), capping the JIT's vector
 * instructions ({@code -XX:UseAVX}) or switching our kernels to their scalar path, and every one must reproduce the
 * committed golden checksums byte for byte. Only the kernels this CPU can execute are forced (a forced AVX-512
 * kernel on a CPU without it would crash, not differ). Before the fixed-order kernels, SkylakeX changed 5 of the 6
 * golden runs on this project's development machine (a Zen CPU), so this test can fail.
 */
class CrossPlatformResultsTest {
    /** One simulated machine: a forced OpenBLAS kernel, JVM options, and the golden runs it repeats (empty: all). */
    record Platform(String coretype, List<String> jvmOptions, List<String> runs) {
        String label() {
            return coretype + (jvmOptions.isEmpty() ? "" : " " + String.join(" ", jvmOptions));
        }
    }

    private static final List<String> LEARNING_RUNS = List.of("quickstart", "cnn", "attacks");

    static List<Platform> platforms(Set<String> cpuFlags) {
        List<Platform> platforms = new ArrayList<>();
        // SSE only, and our kernels' scalar path: the two extremes, every golden run
        platforms.add(new Platform("Prescott", List.of("-XX:UseAVX=0"), List.of()));
        platforms.add(new Platform("Nehalem", List.of("-Dchainfl.kernels=scalar"), List.of()));
        if (cpuFlags.contains("avx")) {
            platforms.add(new Platform("Sandybridge", List.of("-XX:UseAVX=1"), LEARNING_RUNS));
        }
        if (cpuFlags.contains("avx2") && cpuFlags.contains("fma")) {
            platforms.add(new Platform("Haswell", List.of("-XX:UseAVX=2"), LEARNING_RUNS));
            platforms.add(new Platform("Zen", List.of(), LEARNING_RUNS));
        }
        if (cpuFlags.contains("avx512f")) {
            platforms.add(new Platform("SkylakeX", List.of("-XX:UseAVX=3"), List.of()));
        }
        if (cpuFlags.contains("avx512_bf16")) {
            platforms.add(new Platform("Cooperlake", List.of(), LEARNING_RUNS));
        }
        return platforms;
    }

    @Test
    void everyForcedKernelReproducesTheGoldenChecksums(@TempDir Path dir) throws Exception {
        Path root = Path.of(System.getProperty("chainfl.project.dir", "../..")).toAbsolutePath().normalize();
        List<Platform> platforms = platforms(cpuFlags());
        List<String> failures = new ArrayList<>();
        // two at a time: the machine this runs on has two cores
        for (int first = 0; first < platforms.size(); first += 2) {
            List<Process> running = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (Platform platform : platforms.subList(first, Math.min(first + 2, platforms.size()))) {
                int index = platforms.indexOf(platform);
                List<String> args = new ArrayList<>(List.of("golden", "--root", root.toString(), "--out", dir.resolve("p" + index).toString()));
                platform.runs().forEach(run -> args.addAll(List.of("--only", run)));
                Path log = dir.resolve("p" + index + ".log");
                logs.add(log);
                running.add(ChildJvm.start(platform.jvmOptions(), Map.of("OPENBLAS_CORETYPE", platform.coretype()), args, log));
            }
            for (int i = 0; i < running.size(); i++) {
                Process process = running.get(i);
                Platform platform = platforms.get(first + i);
                try {
                    assertTrue(process.waitFor(8, TimeUnit.MINUTES), platform.label() + ": golden runs did not finish in 8 minutes");
                    if (process.exitValue() != 0) {
                        failures.add(platform.label() + " (exit " + process.exitValue() + "):\n" + tail(logs.get(i)));
                    }
                } finally {
                    ChildJvm.kill(process);
                }
            }
        }
        assertEquals(List.of(), failures, "results must not depend on the CPU kernel");
    }

    @Test
    void theForcedKernelsCoverTheExtremesOnAnyX86Cpu() {
        List<Platform> bare = platforms(Set.of());
        assertEquals(List.of("Prescott -XX:UseAVX=0", "Nehalem -Dchainfl.kernels=scalar"), bare.stream().map(Platform::label).toList());
        List<Platform> avx512 = platforms(Set.of("avx", "avx2", "fma", "avx512f", "avx512_bf16"));
        assertEquals(7, avx512.size());
        assertTrue(avx512.stream().anyMatch(p -> p.coretype().equals("SkylakeX") && p.runs().isEmpty()), "AVX-512 runs every golden run");
    }

    private static Set<String> cpuFlags() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.exists(cpuinfo)) {
            return Set.of();
        }
        return Files.readAllLines(cpuinfo).stream()
                .filter(l -> l.startsWith("flags"))
                .findFirst()
                .map(l -> Set.of(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))
                .orElse(Set.of());
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of("(no log)");
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 12), lines.size()));
    }
}
