package io.chainfl.engine.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The polymorphic config sections and their registered variants ({@code type} name to record), contributed
 * by the modules that own them: scenarios by the scenario registry, adversaries by the attack registry.
 * The engine's loader, validator and schema generator work from this, never from concrete classes.
 */
public final class ConfigTypes {
    private final Map<Class<?>, Map<String, Class<?>>> variants = new LinkedHashMap<>();

    public <T> ConfigTypes register(Class<T> base, Map<String, ? extends Class<? extends T>> named) {
        variants.computeIfAbsent(base, b -> new TreeMap<>()).putAll(named);
        return this;
    }

    /** Registered names and records of a polymorphic base type (empty if none), sorted by name. */
    public Map<String, Class<?>> variantsOf(Class<?> base) {
        return variants.getOrDefault(base, Map.of());
    }

    public Map<Class<?>, Map<String, Class<?>>> all() {
        return variants;
    }
}
