package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The named variants of a polymorphic config type, from the registry or from its {@link JsonSubTypes} annotation. */
final class PolymorphicTypes {
    private PolymorphicTypes() {}

    static Map<String, Class<?>> variants(ConfigTypes types, Class<?> base) {
        Map<String, Class<?>> named = new TreeMap<>(types.variantsOf(base));
        JsonSubTypes annotated = base.getAnnotation(JsonSubTypes.class);
        if (annotated != null) {
            for (JsonSubTypes.Type t : annotated.value()) {
                named.put(t.name(), t.value());
            }
        }
        return named;
    }

    static Set<String> names(ConfigTypes types, Class<?> base) {
        return new LinkedHashMap<>(variants(types, base)).keySet();
    }
}
