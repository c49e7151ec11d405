package io.chainfl.agents;

import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where the protocol reaches each entity: a reference per kind and id, the same type whether the entity lives in
 * this JVM or on another member (then the reference forwards to Cluster Sharding, which finds or re-creates it).
 */
public final class PlacedEntities {
    private final Map<String, Map<Integer, ActorRef<?>>> refs = new TreeMap<>();

    public <C> void put(EntityKind<C> kind, int id, ActorRef<C> ref) {
        refs.computeIfAbsent(kind.name(), k -> new TreeMap<>()).put(id, ref);
    }

    /** Every entity of {@code kind} by id, sorted by id. */
    @SuppressWarnings("unchecked")
    public <C> Map<Integer, ActorRef<C>> of(EntityKind<C> kind) {
        Map<Integer, ActorRef<C>> result = new TreeMap<>();
        refs.getOrDefault(kind.name(), Map.of()).forEach((id, ref) -> result.put(id, (ActorRef<C>) ref));
        return result;
    }
}
