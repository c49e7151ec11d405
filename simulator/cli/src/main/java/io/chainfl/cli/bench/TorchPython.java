package io.chainfl.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A python that imports torch, for the benchmarks' PyTorch peers: the one {@code scripts/fetch-torch.sh} unpacked into
 * {@code .cache/peers/torch} (Debian's python3-torch 1.13 with OpenBLAS, no root install), else the system's
 * {@code /usr/bin/python3} or {@code python3}. Every peer runs on one thread, as chainfl's per-core numbers do.
 *
 * @param executable the interpreter
 * @param environment what the peer's process needs on top of this one's (the fetched peer's library and module paths)
 * @param description torch's version, its BLAS and where it came from, for the bench's output
 */
public record TorchPython(String executable, Map<String, String> environment, String description) {
    /** The project folder the launcher names ({@code -Dchainfl.root}); the fetched peer lives under it. */
    public static final String ROOT_PROPERTY = "chainfl.root";
    public static final String FETCH_SCRIPT = "scripts/fetch-torch.sh";

    /**
     * Prints torch's version and the BLAS it loaded: Debian's python3-torch is built against the generic
     * libblas.so.3, which is the slow netlib reference implementation unless an OpenBLAS package provides it.
     */
    private static final String TORCH_PROBE = String.join("\n",
            "import torch",
            "maps = open('/proc/self/maps').read()",
            "blas = ('OpenBLAS' if 'openblas' in maps else 'MKL' if 'libmkl' in maps"
                    + " else 'reference BLAS (netlib)' if 'libblas.so' in maps else 'bundled BLAS')",
            "print(torch.__version__ + ', ' + blas)");

    public TorchPython {
        environment = Map.copyOf(environment);
    }

    /** Where {@link #FETCH_SCRIPT} unpacks the peer. */
    public static Path fetchedPeer() {
        return Path.of(System.getProperty(ROOT_PROPERTY, ".")).resolve(".cache/peers/torch/root");
    }

    /** The first python that imports torch (the fetched peer first), with a line saying which; null after saying none does. */
    public static TorchPython find(PrintStream out) {
        List<TorchPython> candidates = new ArrayList<>();
        Path peer = fetchedPeer();
        if (Files.isDirectory(peer)) {
            String libs = String.join(":", peer.resolve("usr/lib/x86_64-linux-gnu/openblas-pthread").toString(),
                    peer.resolve("usr/lib/x86_64-linux-gnu").toString(), peer.resolve("lib/x86_64-linux-gnu").toString(), peer.resolve("usr/lib").toString());
            String inherited = System.getenv("LD_LIBRARY_PATH");
            candidates.add(new TorchPython("/usr/bin/python3", Map.of("PYTHONPATH", peer.resolve("usr/lib/python3/dist-packages").toString(),
                    "LD_LIBRARY_PATH", inherited == null || inherited.isEmpty() ? libs : libs + ":" + inherited), "the peer fetched into " + peer));
        }
        candidates.add(new TorchPython("/usr/bin/python3", Map.of(), "/usr/bin/python3"));
        candidates.add(new TorchPython("python3", Map.of(), "python3"));
        for (TorchPython candidate : candidates) {
            try {
                Process probe = candidate.processBuilder(List.of("-c", TORCH_PROBE)).redirectErrorStream(true).start();
                String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    TorchPython found = new TorchPython(candidate.executable, candidate.environment, output + " via " + candidate.description);
                    out.println("PyTorch " + found.description + ", 1 thread");
                    if (output.contains("reference BLAS")) {
                        out.println("  warning: this torch calls the netlib reference BLAS, which makes its dense layers several times"
                                + " slower than a tuned build; on Debian, apt-get install libopenblas0-pthread switches libblas.so.3 to OpenBLAS"
                                + " (or use " + FETCH_SCRIPT + ", which brings OpenBLAS)");
                    }
                    return found;
                }
            } catch (IOException e) {
                // interpreter not present under this name: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        out.println("PyTorch is absent (no python3 can import torch); skipping it. To compare, run chainfl bench --fetch-torch"
                + " (Debian 12: " + FETCH_SCRIPT + " unpacks python3-torch 1.13 and OpenBLAS into .cache/peers/torch, about 150 MiB to download)"
                + " or install the Debian package python3-torch.");
        return null;
    }

    /** A process running this python with {@code args}, on one thread. */
    public ProcessBuilder processBuilder(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = new TreeMap<>(environment);
        env.put("OMP_NUM_THREADS", "1");
        env.put("MKL_NUM_THREADS", "1");
        // Debian's torch calls the system libblas, which is OpenBLAS once libopenblas0 is installed
        env.put("OPENBLAS_NUM_THREADS", "1");
        builder.environment().putAll(env);
        return builder;
    }
}
