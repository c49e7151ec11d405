package io.chainfl.engine.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * One setting of a multi-setting config: a name (the series label in charts) and the keys it overrides,
 * e.g. {@code {name: "lambda=0.1", set: {scenario.lambda: 0.1}}}.
 */
public record VariantConfig(
        @Doc("series label of this setting in charts and in the variant column") String name,
        @Doc("config keys (dotted paths) and the values this setting gives them") Map<String, Object> set) {

    public VariantConfig {
        name = name == null ? "" : name;
        set = set == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(set));
    }
}
