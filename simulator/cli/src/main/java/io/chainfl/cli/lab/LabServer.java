package io.chainfl.cli.lab;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.stream.Materializer;

/**
 * {@code chainfl lab}'s server: Pekko HTTP on an actor system of its own, serving {@link LabApi}. Runs go through
 * the same run API as {@code chainfl run}, each with its own actor systems, so a run folder from the lab holds the
 * same bytes as the command line's.
 */
public final class LabServer implements AutoCloseable {
    /** What the lab is started with; {@code token} null means loopback only, without one. */
    public record Settings(String host, int port, Path runsDir, String token, int maxRuns) {}

    private final ActorSystem<Void> system;
    private final ServerBinding binding;
    private final LabRuns runs;
    private final String token;

    private LabServer(ActorSystem<Void> system, ServerBinding binding, LabRuns runs, String token) {
        this.system = system;
        this.binding = binding;
        this.runs = runs;
        this.token = token;
    }

    /** Binds the server (port 0: any free port) and returns once it listens. */
    public static LabServer start(Settings settings) {
        Config config = ConfigFactory.parseString("""
                # the lab answers every failure itself (a JSON error, or one line on the console); Pekko's own log
                # would print a stack trace for a port in use
                pekko.loglevel = OFF
                pekko.stdout-loglevel = OFF
                pekko.http.server.parsing.error-handler = "io.chainfl.cli.lab.LabParsingErrors"
                pekko.http.server.parsing.max-content-length = %d
                pekko.http.server.server-header = "chainfl-lab"
                pekko.http.server.idle-timeout = 120 s
                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                """.formatted(LabApi.MAX_BODY_BYTES * 2L)).withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "chainfl-lab", config);
        try {
            PathGuard guard = new PathGuard(settings.runsDir());
            LabRuns runs = new LabRuns(guard, settings.maxRuns());
            LabApi api = new LabApi(new AccessGuard(settings.token()), runs, new LabCatalogue(), Materializer.matFromSystem(system));
            ServerBinding binding = Http.get(system).newServerAt(settings.host(), settings.port())
                    .bind(api::handle).toCompletableFuture().get(30, TimeUnit.SECONDS);
            return new LabServer(system, binding, runs, settings.token());
        } catch (java.util.concurrent.ExecutionException e) {
            system.terminate();
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String why = String.valueOf(cause.getMessage()).replaceFirst("^\\[[^]]*\\] ", "");
            throw new io.chainfl.engine.UserError(settings.host() + ":" + settings.port() + ": cannot listen there (" + why
                    + "); pick another --port or --host");
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            system.terminate();
            throw new IllegalStateException("the lab's server did not bind within 30 s", e);
        } catch (RuntimeException e) {
            system.terminate();
            throw e;
        }
    }

    /** A random token for a lab reachable from other machines. */
    public static String newToken() {
        return AccessGuard.newToken();
    }

    /** The port it listens on (the one asked for, or the one the system picked for port 0). */
    public int port() {
        return binding.localAddress().getPort();
    }

    /** The address to open, with {@code ?token=} when the lab has one. */
    public String url(String host) {
        String shown = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "http://" + shown + ":" + port() + "/" + (token != null ? "?token=" + token : "");
    }

    /** Stops taking requests, asks the lab's runs to stop at their next checkpoint, and ends the actor system. */
    @Override
    public void close() {
        binding.terminate(Duration.ofSeconds(3)).toCompletableFuture().join();
        runs.close();
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the JVM is ending anyway
        }
    }
}
