package io.chainfl.agents;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The actors a protocol wants placed, by kind: for each kind the ids and the recipe that builds entity {@code id}.
 * A recipe uses only what every JVM of a run derives on its own (config, seed, data), so a cluster member builds
 * the same entity from nothing but its id, and can build it again after a member is lost or the entity was
 * passivated. State an entity must keep across messages therefore lives outside it (in a store the recipe
 * captures, or in the messages themselves).
 */
public final class Entities {

    /** One kind: its ids in the run and how to build each. */
    public record Group<C>(EntityKind<C> kind, List<Integer> ids, IntFunction<Behavior<C>> recipe) {
        public Group {
            ids = List.copyOf(ids);
        }
    }

    private final Map<String, Group<?>> groups;

    private Entities(Map<String, Group<?>> groups) {
        this.groups = groups;
    }

    /** A protocol with one kind of entity. */
    public static <C> Entities of(EntityKind<C> kind, List<Integer> ids, IntFunction<Behavior<C>> recipe) {
        return builder().add(kind, ids, recipe).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** In the order they were added, which is the order every member starts them in. */
    public List<Group<?>> groups() {
        return new ArrayList<>(groups.values());
    }

    @SuppressWarnings("unchecked")
    public <C> Group<C> group(EntityKind<C> kind) {
        Group<?> group = groups.get(kind.name());
        if (group == null || !group.kind().equals(kind)) {
            throw new IllegalArgumentException("no entities of kind " + kind.name() + " in " + groups.keySet());
        }
        return (Group<C>) group;
    }

    public static final class Builder {
        private final Map<String, Group<?>> groups = new LinkedHashMap<>();

        public <C> Builder add(EntityKind<C> kind, List<Integer> ids, IntFunction<Behavior<C>> recipe) {
            if (groups.putIfAbsent(kind.name(), new Group<>(kind, ids, recipe)) != null) {
                throw new IllegalArgumentException("entity kind " + kind.name() + " added twice");
            }
            return this;
        }

        public Entities build() {
            return new Entities(new LinkedHashMap<>(groups));
        }
    }
}
