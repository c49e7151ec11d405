package io.chainfl.ledger.ethereum;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local Hardhat dev node for tests and the benchmark: runs {@code npm ci} at the project root if Hardhat
 * is not installed, starts {@code node_modules/.bin/hardhat node} directly (not through npx, whose death
 * would leave the node running) on a free port, waits for eth_chainId, and kills it with its descendants
 * on {@link #close()} or at JVM exit.
 */
public final class HardhatNode implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final String url;
    private final Path log;
    private final Thread shutdownHook;

    private HardhatNode(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.shutdownHook = new Thread(this::destroy, "hardhat-node-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The project root: system property chainfl.project.dir (set by the root pom's surefire), else a parent with package.json. */
    public static Path projectDir() {
        String configured = System.getProperty("chainfl.project.dir");
        if (configured != null && Files.isRegularFile(Path.of(configured, "package.json"))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("package.json")) && Files.isRegularFile(p.resolve("hardhat.config.cjs"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the chainfl project root (package.json); set -Dchainfl.project.dir");
    }

    /** Starts a node; {@code intervalMs == 0}: one block per transaction, else one block every intervalMs. */
    public static HardhatNode start(long intervalMs) {
        try {
            return start(intervalMs, freePort());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for the Hardhat node", e);
        }
    }

    /** Starts a node on {@code port} (a fresh chain: e.g. a node that comes back where one went away). */
    public static HardhatNode start(long intervalMs, int port) {
        Path root = projectDir();
        Path hardhat = root.resolve("node_modules/.bin/hardhat");
        try {
            if (!Files.isExecutable(hardhat)) {
                npmCi(root);
            }
            Path log = Files.createTempFile("hardhat-node-", ".log");
            ProcessBuilder pb = new ProcessBuilder(hardhat.toString(), "node", "--hostname", "127.0.0.1", "--port", String.valueOf(port))
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().remove("CHAINFL_HARDHAT_INTERVAL_MS");
            if (intervalMs > 0) {
                pb.environment().put("CHAINFL_HARDHAT_INTERVAL_MS", String.valueOf(intervalMs));
            }
            pb.environment().put("HARDHAT_DISABLE_TELEMETRY_PROMPT", "true");
            HardhatNode node = new HardhatNode(pb.start(), "http://127.0.0.1:" + port, log);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Hardhat node", e);
        }
    }

    /**
     * Output goes to a log file, not to this JVM's stdout: under Maven, the test JVM's stdout is surefire's channel,
     * and npm's warnings there would corrupt it.
     */
    private static void npmCi(Path root) throws IOException {
        Path log = Files.createTempFile("chainfl-npm-ci-", ".log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm ci failed at " + root + " (Hardhat is needed for the Ethereum tests); its output is in " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during npm ci", e);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Hardhat node exited with " + process.exitValue() + ": " + logTail());
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"result\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Rpc.sleep(250);
        }
        destroy();
        throw new IllegalStateException("the Hardhat node did not answer eth_chainId within " + START_TIMEOUT.toSeconds() + " s: " + logTail());
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public String url() {
        return url;
    }

    public int port() {
        return URI.create(url).getPort();
    }

    public File log() {
        return log.toFile();
    }

    private void destroy() {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs anyway
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temp file
        }
    }
}
