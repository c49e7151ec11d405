package io.chainfl.agents.cluster;

import io.chainfl.agents.Deployment;
import io.chainfl.agents.Entities;
import io.chainfl.engine.UserError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * The driver's side of a clustered run. It starts a cluster member (roles driver and participants) with a
 * Cluster Sharding region per entity kind, waits until {@code members} members are Up with their
 * {@link MemberHost}, runs the protocol in this JVM, and leaves the cluster, which tells the nodes to exit.
 * Sharding decides where each entity lives (the least-loaded region when it is first addressed; shards are not
 * rebalanced between live members); that decides only where an entity computes, never what.
 */
public final class ClusterDeployment implements Deployment {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterOptions options;

    public ClusterDeployment(ClusterOptions options) {
        this.options = options;
    }

    @Override
    public void run(String name, int trainingThreads, long modelParams, Entities entities, Simulation simulation) {
        ActorSystem<DriverGuardian.Command> system = ActorSystem.create(DriverGuardian.create(new MemberHost.HostedRun(options.fingerprint(), entities)),
                ClusterSettings.SYSTEM_NAME, options.settings().config(trainingThreads, modelParams));
        try {
            List<ActorRef<MemberHost.Command>> hosts = awaitMembers(system);
            CompletableFuture<Void> done = new CompletableFuture<>();
            AtomicLong starts = new AtomicLong();
            system.tell(new DriverGuardian.StartRun(simulation, entities, hosts, options, done, starts));
            done.get();
            long count = entities.groups().stream().mapToLong(g -> g.ids().size()).sum();
            System.err.printf("cluster: %d entities started %d times on %d members (again after passivation or a lost member)%n",
                    count, starts.get(), hosts.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("clustered run interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("clustered run failed: " + e.getCause(), e.getCause());
        } finally {
            // leaving (a phase of coordinated shutdown) lets the nodes see the driver go and exit
            CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
            try {
                system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the run's outcome is already decided; a slow shutdown must not mask it
            }
        }
    }

    /** Waits until enough members are Up and each has registered its host; the hosts, sorted by address. */
    private List<ActorRef<MemberHost.Command>> awaitMembers(ActorSystem<?> system) throws InterruptedException {
        Cluster cluster = Cluster.get(system);
        long deadline = System.nanoTime() + options.joinTimeout().toNanos();
        List<ActorRef<MemberHost.Command>> hosts = List.of();
        while (true) {
            long up = StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                    .filter(m -> m.status() == MemberStatus.up()).count();
            if (up >= options.members()) {
                hosts = findHosts(system);
                if (hosts.size() >= options.members()) {
                    return hosts;
                }
            }
            if (System.nanoTime() > deadline) {
                String members = StreamSupport.stream(cluster.state().getMembers().spliterator(), false)
                        .map(m -> m.address() + " " + m.status()).collect(Collectors.joining(", "));
                throw new UserError("cluster: " + up + " of " + options.members() + " members Up (" + hosts.size() + " hosting entities) after "
                        + options.joinTimeout().toSeconds() + " s; members seen: [" + (members.isEmpty() ? "none" : members) + "]; this driver is "
                        + cluster.selfMember().address() + ". Start the missing `chainfl node --seed-nodes "
                        + String.join(",", options.settings().seedNodes()) + "` processes, or lower --members");
            }
            Thread.sleep(200);
        }
    }

    private static List<ActorRef<MemberHost.Command>> findHosts(ActorSystem<?> system) {
        Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(MemberHost.KEY, replyTo), ASK_TIMEOUT, system.scheduler())
                .toCompletableFuture().join();
        List<ActorRef<MemberHost.Command>> hosts = new ArrayList<>(listing.getServiceInstances(MemberHost.KEY));
        hosts.sort(Comparator.comparing(ClusterDeployment::hostAddress));
        return hosts;
    }

    static String hostAddress(ActorRef<?> ref) {
        return ref.path().address().hostPort();
    }

    /** This member's host:port, as the other members see it. */
    static String selfHost(ActorSystem<?> system) {
        return Cluster.get(system).selfMember().address().hostPort();
    }
}
