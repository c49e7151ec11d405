package io.chainfl.cli;

import io.chainfl.scenarios.run.Simulation;
import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Loads scenario files (or the embedded quickstart) with the registered scenarios. */
final class Configs {
    static final String EMBEDDED_NAME = "quickstart.yaml (embedded)";

    private Configs() {}

    static ConfigLoader loader() {
        return Simulation.configLoader();
    }

    static RunConfig load(Path file, List<String> overrides) {
        if (file == null) {
            return loader().parse(EMBEDDED_NAME, embeddedQuickstart(), overrides);
        }
        return loader().load(file, overrides);
    }

    static String embeddedQuickstart() {
        try (InputStream in = Configs.class.getResourceAsStream("quickstart.yaml")) {
            if (in == null) {
                throw new UserError("the embedded quickstart config is missing from the jar; rebuild with ./chainfl --rebuild");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot read the embedded quickstart config: " + e.getMessage());
        }
    }
}
