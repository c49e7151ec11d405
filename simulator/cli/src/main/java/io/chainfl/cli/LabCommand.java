package io.chainfl.cli;

import io.chainfl.cli.lab.LabServer;
import io.chainfl.engine.UserError;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "lab", mixinStandardHelpOptions = true,
        description = {"Start the lab, a web application served from the jar (offline):",
            "compose a config with attacks and defenses, run it and watch it round by",
            "round, stop and resume it, compare runs, follow guided lessons.",
            "It listens on 127.0.0.1 only, unless --host names another address; then",
            "every request needs a token (--token, or a generated one in the URL).",
            "Ctrl-C stops it; its runs stop at their next checkpoint."})
final class LabCommand implements Callable<Integer> {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "port to listen on (default ${DEFAULT-VALUE}; 0: any free port)")
    int port;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs", description = "runs folder: the lab's runs go to DIR/lab/, and every run folder below DIR is listed (default ${DEFAULT-VALUE})")
    Path runsDir;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE}); any other needs a token")
    String host;

    @Option(names = "--token", paramLabel = "TOKEN", description = "token every request must carry (generated when --host is not loopback and none is given)")
    String token;

    @Option(names = "--max-runs", paramLabel = "N", defaultValue = "1", description = "runs at once; the rest wait in a queue (default ${DEFAULT-VALUE})")
    int maxRuns;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new UserError("--port: between 0 and 65535, got " + port);
        }
        if (maxRuns < 1 || maxRuns > 64) {
            throw new UserError("--max-runs: between 1 and 64, got " + maxRuns);
        }
        if (token != null && (token.length() < 16 || !token.matches("[A-Za-z0-9_-]+"))) {
            throw new UserError("--token: at least 16 letters, digits, '-' or '_'; leave it out to have one generated");
        }
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        String effectiveToken = token;
        if (!loopback && effectiveToken == null) {
            effectiveToken = LabServer.newToken();
            System.err.println("chainfl: --host " + host + " is reachable from other machines: generated a token (give --token to choose one)");
        }
        LabServer server = LabServer.start(new LabServer.Settings(host, port, runsDir, effectiveToken, maxRuns));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "chainfl-lab-stop"));
        System.out.println("chainfl lab: open " + server.url(loopback ? "127.0.0.1" : host) + "  (runs in " + runsDir.toAbsolutePath().normalize()
                + "; Ctrl-C stops it)");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
