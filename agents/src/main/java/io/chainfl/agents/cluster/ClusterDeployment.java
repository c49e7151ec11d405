package io.chainfl.agents.cluster;

import io.chainfl.agents.Deployment;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantRecipe;
import io.chainfl.engine.UserError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * The driver's side of a clustered run. It starts a cluster member (roles driver and participants), waits until
 * {@code members} members are Up with their {@link ParticipantHost}, places participant {@code id} on host
 * {@code id mod H} of the hosts sorted by address, runs the protocol in this JVM, and leaves the cluster, which
 * tells the nodes to exit. Placement decides only where a participant trains, never what it computes.
 */
public final class ClusterDeployment implements Deployment {
    /** Participants created per Spawn message: keeps the reply (one actor reference each) well inside a frame. */
    static final int SPAWN_BATCH = 500;
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(60);

    private final ClusterOptions options;

    public ClusterDeployment(ClusterOptions options) {
        this.options = options;
    }

    @Override
    public void run(String name, int trainingThreads, long modelParams, ParticipantRecipe recipe, List<Integer> ids, Simulation simulation) {
        AtomicReference<ParticipantHost.HostedRun> hosted = new AtomicReference<>(new ParticipantHost.HostedRun(options.fingerprint(), recipe));
        ActorSystem<DriverGuardian.Command> system = ActorSystem.create(DriverGuardian.create(hosted::get), ClusterSettings.SYSTEM_NAME,
                options.settings().config(trainingThreads, modelParams));
        List<ActorRef<ParticipantHost.Command>> hosts = List.of();
        try {
            hosts = awaitMembers(system);
            Map<Integer, ActorRef<ParticipantActor.Command>> participants = place(system, hosts, ids);
            CompletableFuture<Void> done = new CompletableFuture<>();
            system.tell(new DriverGuardian.StartRun(simulation, participants, hosts, options, done));
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("clustered run interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("clustered run failed: " + e.getCause(), e.getCause());
        } finally {
            for (ActorRef<ParticipantHost.Command> host : hosts) {
                host.tell(new ParticipantHost.StopAll(options.fingerprint()));
            }
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
    private List<ActorRef<ParticipantHost.Command>> awaitMembers(ActorSystem<?> system) throws InterruptedException {
        Cluster cluster = Cluster.get(system);
        long deadline = System.nanoTime() + options.joinTimeout().toNanos();
        List<ActorRef<ParticipantHost.Command>> hosts = List.of();
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
                throw new UserError("cluster: " + up + " of " + options.members() + " members Up (" + hosts.size() + " hosting participants) after "
                        + options.joinTimeout().toSeconds() + " s; members seen: [" + (members.isEmpty() ? "none" : members) + "]; this driver is "
                        + cluster.selfMember().address() + ". Start the missing `chainfl node --seed-nodes "
                        + String.join(",", options.settings().seedNodes()) + "` processes, or lower --members");
            }
            Thread.sleep(200);
        }
    }

    private static List<ActorRef<ParticipantHost.Command>> findHosts(ActorSystem<?> system) {
        Receptionist.Listing listing = AskPattern.<Receptionist.Command, Receptionist.Listing>ask(system.receptionist(),
                        replyTo -> Receptionist.find(ParticipantHost.KEY, replyTo), ASK_TIMEOUT, system.scheduler())
                .toCompletableFuture().join();
        List<ActorRef<ParticipantHost.Command>> hosts = new ArrayList<>(listing.getServiceInstances(ParticipantHost.KEY));
        hosts.sort(Comparator.comparing(ClusterDeployment::hostAddress));
        return hosts;
    }

    static String hostAddress(ActorRef<?> ref) {
        return ref.path().address().hostPort();
    }

    /** Participant {@code id} goes to host {@code id mod H}: deterministic, and even for any number of participants. */
    private Map<Integer, ActorRef<ParticipantActor.Command>> place(ActorSystem<?> system, List<ActorRef<ParticipantHost.Command>> hosts,
                                                                   List<Integer> ids) {
        List<List<Integer>> perHost = new ArrayList<>();
        hosts.forEach(h -> perHost.add(new ArrayList<>()));
        for (int id : ids) {
            perHost.get(Math.floorMod(id, hosts.size())).add(id);
        }
        List<CompletableFuture<ParticipantHost.Spawned>> replies = new ArrayList<>();
        for (int h = 0; h < hosts.size(); h++) {
            List<Integer> mine = perHost.get(h);
            for (int from = 0; from < mine.size(); from += SPAWN_BATCH) {
                replies.add(spawn(system, hosts.get(h), options.fingerprint(), mine.subList(from, Math.min(mine.size(), from + SPAWN_BATCH))));
            }
        }
        Map<Integer, ActorRef<ParticipantActor.Command>> participants = new TreeMap<>();
        for (CompletableFuture<ParticipantHost.Spawned> reply : replies) {
            ParticipantHost.Spawned spawned = reply.join();
            if (spawned.error() != null) {
                throw new UserError("cluster: " + spawned.error());
            }
            spawned.participants().forEach(p -> participants.put(p.id(), p.ref()));
        }
        return participants;
    }

    static CompletableFuture<ParticipantHost.Spawned> spawn(ActorSystem<?> system, ActorRef<ParticipantHost.Command> host, String fingerprint,
                                                            List<Integer> ids) {
        return AskPattern.<ParticipantHost.Command, ParticipantHost.Spawned>ask(host,
                replyTo -> new ParticipantHost.Spawn(fingerprint, new ArrayList<>(ids), replyTo), ASK_TIMEOUT, system.scheduler())
                .toCompletableFuture();
    }
}
