package io.chainfl.scenarios;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.ScenarioParams;
import io.chainfl.scenarios.baseline.CentralizedScenario;
import io.chainfl.scenarios.fedavg.FedAvgScenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place scenarios are registered. */
public final class ScenarioRegistry {
    private static final List<Scenario<?>> SCENARIOS = List.of(
            new FedAvgScenario(),
            new CentralizedScenario());

    private ScenarioRegistry() {}

    public static List<Scenario<?>> all() {
        return SCENARIOS;
    }

    /** scenario.type value to params record, for the config loader and the JSON schema. */
    public static Map<String, Class<? extends ScenarioParams>> paramTypes() {
        Map<String, Class<? extends ScenarioParams>> types = new LinkedHashMap<>();
        SCENARIOS.forEach(s -> types.put(s.name(), s.paramsType()));
        return types;
    }

    public static Scenario<?> forParams(ScenarioParams params) {
        return SCENARIOS.stream()
                .filter(s -> s.paramsType().isInstance(params))
                .findFirst()
                .orElseThrow(() -> new UserError("no scenario handles " + params.getClass().getSimpleName()));
    }
}
