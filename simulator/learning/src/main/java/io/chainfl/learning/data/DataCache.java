package io.chainfl.learning.data;

import java.nio.file.Path;

/** Where fetched and converted data sets live, so that a fetch happens once per machine rather than per run. */
public final class DataCache {
    public static final String PROPERTY = "chainfl.data.cache";
    public static final String ENVIRONMENT = "CHAINFL_DATA_CACHE";

    private DataCache() {}

    /** System property {@value #PROPERTY}, else environment {@value #ENVIRONMENT}, else {@code ./.cache/data}. */
    public static Path directory() {
        String fromProperty = System.getProperty(PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty);
        }
        String fromEnvironment = System.getenv(ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        return Path.of(".cache", "data");
    }
}
