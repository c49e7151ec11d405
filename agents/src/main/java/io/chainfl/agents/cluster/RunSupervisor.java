package io.chainfl.agents.cluster;

import io.chainfl.agents.Entities;
import io.chainfl.agents.EntityKind;
import io.chainfl.agents.EntityLost;
import io.chainfl.agents.PlacedEntities;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.ParticipantLossPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.ChildFailed;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.pattern.Patterns;

/**
 * Runs one simulation on the driver. First every member's {@link MemberHost} confirms it hosts this run; then each
 * entity gets a local reference that forwards to Cluster Sharding, and the protocol starts. While it runs, the
 * supervisor keeps the member each entity last started on. When a member is removed from the cluster (downed by
 * the split-brain resolver), the entities it held are lost: per {@code runtime.on_participant_loss} the protocol
 * stops waiting for them, or keeps their reference, through which sharding re-creates them on a surviving member.
 */
final class RunSupervisor {
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(60);

    private RunSupervisor() {}

    sealed interface Command permits Joined, Started, Addressed, MemberGone, CheckRegions, RegionsChecked, RegionsCounted {}

    private record Joined(MemberHost.Joined reply, Throwable failure) implements Command {}

    private record Started(MemberHost.EntityStarted started) implements Command {}

    private record MemberGone(String host) implements Command {}

    /** The fewest regions any kind's coordinator lists (or -1 when one did not answer). */
    private record RegionsCounted(int fewest, int attempt) implements Command {}

    /** The protocol sent entity {@code key} its first message. */
    private record Addressed(Key key) implements Command {}

    /** Asks every kind's coordinator whether it still lists a region on the lost member {@code host}. */
    private record CheckRegions(String host, List<Key> lost, int attempt) implements Command {}

    private record RegionsChecked(String host, List<Key> lost, int attempt, boolean stillListed) implements Command {}

    /** How often and how long to wait for the coordinators to let go of a lost member's shards before reporting its entities anyway. */
    private static final Duration REGION_CHECK_INTERVAL = Duration.ofMillis(100);
    private static final int REGION_CHECKS = 300;
    private static final Duration REGION_CHECK_TIMEOUT = Duration.ofSeconds(5);

    /** Entity kind and id, the key of where it lives. */
    private record Key(String kind, int id) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int byKind = kind.compareTo(o.kind);
            return byKind != 0 ? byKind : Integer.compare(id, o.id);
        }
    }

    static Behavior<Command> create(DriverGuardian.StartRun start) {
        return Behaviors.setup(ctx -> {
            ActorRef<MemberHost.EntityStarted> book = ctx.messageAdapter(MemberHost.EntityStarted.class, Started::new);
            for (ActorRef<MemberHost.Command> host : start.hosts()) {
                ctx.ask(MemberHost.Joined.class, host, JOIN_TIMEOUT, replyTo -> new MemberHost.Join(start.options().fingerprint(), book, replyTo),
                        Joined::new);
            }
            return joining(ctx, start, start.hosts().size(), new TreeMap<>());
        });
    }

    /** Waiting for every member's handshake; entities that start meanwhile are already booked. */
    private static Behavior<Command> joining(ActorContext<Command> ctx, DriverGuardian.StartRun start, int awaited, Map<Key, String> where) {
        return Behaviors.receive(Command.class)
                .onMessage(Joined.class, joined -> {
                    if (joined.failure() != null || joined.reply().error() != null) {
                        start.done().completeExceptionally(new UserError("cluster: " + (joined.failure() != null
                                ? "a member did not answer the handshake: " + joined.failure().getMessage() : joined.reply().error())));
                        return Behaviors.stopped();
                    }
                    if (awaited > 1) {
                        return joining(ctx, start, awaited - 1, where);
                    }
                    countRegions(ctx, start, 1);
                    return awaitingRegions(ctx, start, where);
                })
                .onMessage(Started.class, s -> {
                    start.starts().incrementAndGet();
                    where.put(new Key(s.started().kind(), s.started().id()), s.started().host());
                    return Behaviors.same();
                })
                .build();
    }

    /**
     * Every member answered; before the first entity is addressed, every kind's coordinator must know every member's
     * region, or the first shards would all go to the regions that registered first (a member that joined a moment
     * later would host nothing). Checked every 100 ms; after {@link #REGION_CHECKS} checks the run starts anyway.
     */
    private static Behavior<Command> awaitingRegions(ActorContext<Command> ctx, DriverGuardian.StartRun start, Map<Key, String> where) {
        return Behaviors.receive(Command.class)
                .onMessage(RegionsCounted.class, counted -> {
                    if (counted.fewest() >= start.options().members() || counted.attempt() >= REGION_CHECKS) {
                        return running(ctx, start, where);
                    }
                    ctx.scheduleOnce(REGION_CHECK_INTERVAL, ctx.getSelf(), new CheckRegions(null, List.of(), counted.attempt() + 1));
                    return Behaviors.same();
                })
                .onMessage(CheckRegions.class, check -> {
                    countRegions(ctx, start, check.attempt());
                    return Behaviors.same();
                })
                .onMessage(Started.class, s -> {
                    start.starts().incrementAndGet();
                    where.put(new Key(s.started().kind(), s.started().id()), s.started().host());
                    return Behaviors.same();
                })
                .build();
    }

    private static void countRegions(ActorContext<Command> ctx, DriverGuardian.StartRun start, int attempt) {
        org.apache.pekko.cluster.sharding.ClusterSharding sharding = org.apache.pekko.cluster.sharding.ClusterSharding.get(Adapter.toClassic(ctx.getSystem()));
        List<CompletableFuture<Integer>> counts = new ArrayList<>();
        for (Entities.Group<?> group : start.entities().groups()) {
            counts.add(Patterns.ask(sharding.shardRegion(group.kind().name()), ShardRegion.getCurrentRegionsInstance(), REGION_CHECK_TIMEOUT)
                    .toCompletableFuture().thenApply(reply -> ((ShardRegion.CurrentRegions) reply).getRegions().size()));
        }
        ctx.pipeToSelf(CompletableFuture.allOf(counts.toArray(CompletableFuture[]::new))
                        .thenApply(done -> counts.stream().mapToInt(CompletableFuture::join).min().orElse(Integer.MAX_VALUE)),
                (fewest, failure) -> new RegionsCounted(failure != null ? -1 : fewest, attempt));
    }

    private static Behavior<Command> running(ActorContext<Command> ctx, DriverGuardian.StartRun start, Map<Key, String> where) {
        PlacedEntities placed = new PlacedEntities();
        Map<String, EntityKind<?>> kinds = new TreeMap<>();
        // addressed but never started anywhere: its first message may have gone to a shard on a member that was
        // already unreachable, and then no start report will ever say where it was
        java.util.SortedSet<Key> neverStarted = new java.util.TreeSet<>();
        java.util.Set<Key> everStarted = new java.util.HashSet<>(where.keySet());
        for (Entities.Group<?> group : start.entities().groups()) {
            forward(ctx, group, placed);
            kinds.put(group.kind().name(), group.kind());
        }
        Consumer<EntityLost> onLoss = start.simulation().start(ctx, placed, start.done());
        ctx.getChildren().forEach(ctx::watch);
        Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
                ctx.messageAdapter(ClusterEvent.MemberRemoved.class, removed -> new MemberGone(removed.member().address().hostPort())),
                ClusterEvent.MemberRemoved.class));
        return Behaviors.receive(Command.class)
                .onMessage(Started.class, s -> {
                    start.starts().incrementAndGet();
                    Key key = new Key(s.started().kind(), s.started().id());
                    where.put(key, s.started().host());
                    everStarted.add(key);
                    neverStarted.remove(key);
                    return Behaviors.same();
                })
                .onMessage(Addressed.class, addressed -> {
                    if (!everStarted.contains(addressed.key())) {
                        neverStarted.add(addressed.key());
                    }
                    return Behaviors.same();
                })
                .onMessage(MemberGone.class, gone -> {
                    List<Key> lost = new ArrayList<>();
                    where.forEach((key, host) -> {
                        if (host.equals(gone.host())) {
                            lost.add(key);
                        }
                    });
                    lost.forEach(where::remove);
                    // re-asking one that is merely slow to start elsewhere costs a duplicate answer, which protocols ignore
                    lost.addAll(neverStarted);
                    neverStarted.clear();
                    lost.sort(null);
                    ctx.getSelf().tell(new CheckRegions(gone.host(), lost, 1));
                    return Behaviors.same();
                })
                .onMessage(CheckRegions.class, check -> {
                    checkRegions(ctx, check, kinds.values());
                    return Behaviors.same();
                })
                .onMessage(RegionsChecked.class, checked -> {
                    if (checked.stillListed() && checked.attempt() < REGION_CHECKS) {
                        ctx.scheduleOnce(REGION_CHECK_INTERVAL, ctx.getSelf(), new CheckRegions(checked.host(), checked.lost(), checked.attempt() + 1));
                        return Behaviors.same();
                    }
                    for (Key key : checked.lost()) {
                        EntityKind<?> kind = kinds.get(key.kind());
                        boolean drop = start.options().onLoss() == ParticipantLossPolicy.DROP;
                        onLoss.accept(new EntityLost(kind, key.id(), drop ? null : placed.of(kind).get(key.id()), "member " + checked.host() + " lost; "
                                + kind.actorName(key.id()) + (drop ? " dropped" : " re-created by Cluster Sharding on a surviving member")));
                    }
                    return Behaviors.same();
                })
                .onMessage(Joined.class, late -> Behaviors.same())
                .onSignal(ChildFailed.class, failed -> {
                    start.done().completeExceptionally(failed.getCause());
                    return Behaviors.stopped();
                })
                .onSignal(org.apache.pekko.actor.typed.Terminated.class, terminated -> start.done().isDone() ? Behaviors.stopped() : Behaviors.same())
                .build();
    }

    /**
     * A message sent to a lost entity before this member's region and its coordinator have let go of the lost member's
     * shards goes to the dead region and is lost, and the protocol would wait for its answer for ever. So the loss is
     * reported only once no coordinator lists a region on the lost member any more (its shards are then deallocated, and
     * the next message re-creates the entity on a survivor), or after {@link #REGION_CHECKS} checks.
     */
    private static void checkRegions(ActorContext<Command> ctx, CheckRegions check, java.util.Collection<EntityKind<?>> kinds) {
        org.apache.pekko.cluster.sharding.ClusterSharding sharding = org.apache.pekko.cluster.sharding.ClusterSharding.get(Adapter.toClassic(ctx.getSystem()));
        List<CompletableFuture<Boolean>> listed = new ArrayList<>();
        for (EntityKind<?> kind : kinds) {
            listed.add(Patterns.ask(sharding.shardRegion(kind.name()), ShardRegion.getCurrentRegionsInstance(), REGION_CHECK_TIMEOUT)
                    .toCompletableFuture()
                    .thenApply(reply -> ((ShardRegion.CurrentRegions) reply).getRegions().stream().anyMatch(a -> a.hostPort().equals(check.host()))));
        }
        ctx.pipeToSelf(CompletableFuture.allOf(listed.toArray(CompletableFuture[]::new)).thenApply(done -> listed.stream().anyMatch(CompletableFuture::join)),
                (stillListed, failure) -> new RegionsChecked(check.host(), check.lost(), check.attempt(), failure != null || stillListed));
    }

    /**
     * A local reference per entity that hands each message to sharding, which delivers it wherever the entity lives;
     * its first message is also reported to the supervisor ({@link Addressed}).
     */
    private static <C> void forward(ActorContext<Command> ctx, Entities.Group<C> group, PlacedEntities placed) {
        ClusterSharding sharding = ClusterSharding.get(ctx.getSystem());
        ActorRef<Command> supervisor = ctx.getSelf();
        for (int id : group.ids()) {
            EntityRef<C> entity = sharding.entityRefFor(group.kind().typeKey(), String.valueOf(id));
            Key key = new Key(group.kind().name(), id);
            Behavior<C> forwarding = Behaviors.receiveMessage(message -> {
                entity.tell(message);
                return Behaviors.same();
            });
            placed.put(group.kind(), id, ctx.spawn(Behaviors.<C>receiveMessage(first -> {
                supervisor.tell(new Addressed(key));
                entity.tell(first);
                return forwarding;
            }), group.kind().actorName(id)));
        }
    }
}
