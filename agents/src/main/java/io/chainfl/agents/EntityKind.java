package io.chainfl.agents;

import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * A kind of actor that a protocol places wherever the deployment puts it: FedAvg and SecCL participants, DeepChain
 * parties and workers, SUM agents. On a cluster each kind is one Cluster Sharding entity type, so its name must be
 * the same on every member and unique within a run.
 *
 * @param name        the entity type name, e.g. {@code participant}
 * @param commandType the messages its actors accept
 * @param stopMessage what sharding sends an entity it passivates or hands off, so an entity in the middle of a step
 *                    (waiting for a reply that does not come through sharding) can finish it before it stops; null:
 *                    sharding stops the entity as soon as its current message is handled
 */
public record EntityKind<C>(String name, Class<C> commandType, C stopMessage) {

    /** A kind whose entities finish each step within one message, so sharding may stop them between any two. */
    public EntityKind(String name, Class<C> commandType) {
        this(name, commandType, null);
    }

    public EntityTypeKey<C> typeKey() {
        return EntityTypeKey.create(commandType, name);
    }

    /** The actor name of entity {@code id} in a one-JVM run, e.g. {@code participant-3}. */
    public String actorName(int id) {
        return name + "-" + id;
    }
}
