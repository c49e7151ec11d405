package io.chainfl.agents.cluster;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * A cluster member that hosts entities (participants, parties, workers, agents) for a driver ({@code chainfl node}). It stays until the driver it
 * served leaves the cluster, or until it is itself removed (downed), and then shuts down.
 */
public final class ClusterNode {
    private ClusterNode() {}

    /** Starts the member; the returned stage completes when it has shut down. */
    public static CompletionStage<Done> start(ClusterSettings settings, int trainingThreads, long modelParams, MemberHost.HostedRun hosted) {
        ActorSystem<ClusterEvent.MemberRemoved> system = ActorSystem.create(guardian(hosted), ClusterSettings.SYSTEM_NAME,
                settings.config(trainingThreads, modelParams));
        return system.getWhenTerminated();
    }

    private static Behavior<ClusterEvent.MemberRemoved> guardian(MemberHost.HostedRun hosted) {
        return Behaviors.setup(ctx -> {
            ctx.spawn(MemberHost.create(hosted), "member-host");
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(ctx.getSelf(), ClusterEvent.MemberRemoved.class));
            return Behaviors.receive(ClusterEvent.MemberRemoved.class)
                    .onMessage(ClusterEvent.MemberRemoved.class, removed -> {
                        if (removed.member().hasRole(ClusterSettings.DRIVER_ROLE)) {
                            ctx.getLog().info("driver {} left; shutting down", removed.member().address());
                            CoordinatedShutdown.get(ctx.getSystem()).runAll(CoordinatedShutdown.unknownReason());
                        }
                        return Behaviors.same();
                    })
                    .build();
        });
    }
}
