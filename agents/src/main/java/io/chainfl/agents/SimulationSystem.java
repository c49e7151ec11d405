package io.chainfl.agents;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;
import org.apache.pekko.actor.BootstrapSetup;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Hosts one simulation in its own actor system. Participants run on a dedicated fixed-size pool
 * ({@link #TRAINING_DISPATCHER}), so "how many threads train at once" is a setting that never changes results.
 * A child that fails fails the whole run with its exception instead of leaving it waiting.
 */
public final class SimulationSystem {
    public static final String TRAINING_DISPATCHER = "chainfl.training-dispatcher";
    /** The ledger node's own thread: one writer that never hops between threads keeps the chain's maps in its cache. */
    public static final String LEDGER_DISPATCHER = "chainfl.ledger-dispatcher";

    private SimulationSystem() {}

    public static DispatcherSelector trainingDispatcher() {
        return DispatcherSelector.fromConfig(TRAINING_DISPATCHER);
    }

    /**
     * Runs {@code setup} inside a guardian actor and blocks until it completes {@code done}.
     *
     * @param setup spawns the simulation's actors; must eventually complete the future it is given
     */
    public static void run(String name, int trainingThreads, BiConsumer<ActorContext<Void>, CompletableFuture<Void>> setup) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Behavior<Void> guardian = Behaviors.setup(ctx -> {
            setup.accept(ctx, done);
            ctx.getChildren().forEach(ctx::watch);
            return Behaviors.receive(Void.class)
                    .onSignal(ChildFailed.class, failed -> {
                        done.completeExceptionally(failed.getCause());
                        return Behaviors.stopped();
                    })
                    // a child that stops normally (the driver after its last round) is not a failure
                    .onSignal(Terminated.class, terminated -> Behaviors.same())
                    .build();
        });
        ActorSystem<Void> system = ActorSystem.create(guardian, sanitize(name), localBootstrap(trainingThreads));
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("simulation interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("simulation failed: " + cause, cause);
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the run's outcome is already decided; a slow shutdown must not mask it
            }
        }
    }

    /** The simulation's settings over all of Pekko's configuration: for cluster members, whose modules add their own. */
    public static Config config(int trainingThreads) {
        return settings(trainingThreads).withFallback(ConfigFactory.load());
    }

    /**
     * A single-JVM simulation's system: its settings over the local modules' configuration only, on the class loader
     * that shows Pekko nothing else ({@link LocalPekkoResources}: start-up time).
     */
    static BootstrapSetup localBootstrap(int trainingThreads) {
        Config config = settings(trainingThreads).withFallback(ConfigFactory.load(LocalPekkoResources.INSTANCE));
        return BootstrapSetup.create(Optional.of(LocalPekkoResources.INSTANCE), Optional.of(config), Optional.empty());
    }

    private static Config settings(int trainingThreads) {
        String dispatcher = TRAINING_DISPATCHER + " {\n"
                + "  type = Dispatcher\n"
                + "  executor = thread-pool-executor\n"
                + "  thread-pool-executor { fixed-pool-size = " + Math.max(1, trainingThreads) + " }\n"
                + "  throughput = 1\n"
                + "}\n"
                + LEDGER_DISPATCHER + " { type = PinnedDispatcher, executor = thread-pool-executor }\n"
                + "pekko.loglevel = WARNING\n"
                + "pekko.log-dead-letters = off\n"
                + "pekko.log-dead-letters-during-shutdown = off\n"
                + "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off\n"
                + "pekko.jvm-shutdown-hooks = off\n";
        return ConfigFactory.parseString(dispatcher);
    }

    private static String sanitize(String name) {
        String cleaned = name.replaceAll("[^A-Za-z0-9-_]", "-");
        return cleaned.isEmpty() || !Character.isLetterOrDigit(cleaned.charAt(0)) ? "chainfl-" + cleaned : cleaned;
    }

}
