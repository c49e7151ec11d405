package io.chainfl.scenarios;

import io.chainfl.engine.UserError;
import io.chainfl.agents.adversary.AdversaryRegistry;
import io.chainfl.learning.aggregation.AggregatorParams;
import io.chainfl.learning.aggregation.Aggregators;
import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.config.ConfigTypes;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.ScenarioParams;
import io.chainfl.scenarios.baseline.CentralizedScenario;
import io.chainfl.scenarios.blockfl.BlockFlScenario;
import io.chainfl.scenarios.deepchain.DeepChainScenario;
import io.chainfl.scenarios.fedavg.FedAvgScenario;
import io.chainfl.scenarios.seccl.SecclScenario;
import io.chainfl.scenarios.danku.DankuScenario;
import io.chainfl.scenarios.learningchain.LearningChainScenario;
import io.chainfl.scenarios.pol.PolScenario;
import io.chainfl.scenarios.sum.SumScenario;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one place scenarios are registered. */
public final class ScenarioRegistry {
    private static final List<Scenario<?>> SCENARIOS = List.of(
            new FedAvgScenario(),
            new CentralizedScenario(),
            new SecclScenario(),
            new DeepChainScenario(),
            new SumScenario(),
            new DankuScenario(),
            new LearningChainScenario(),
            new PolScenario(),
            new BlockFlScenario());

    private ScenarioRegistry() {}

    public static List<Scenario<?>> all() {
        return SCENARIOS;
    }

    /** scenario.type value to params record. */
    public static Map<String, Class<? extends ScenarioParams>> paramTypes() {
        Map<String, Class<? extends ScenarioParams>> types = new LinkedHashMap<>();
        SCENARIOS.forEach(s -> types.put(s.name(), s.paramsType()));
        return types;
    }

    /** Every polymorphic config section and its variants, for the config loader and the JSON schema. */
    public static ConfigTypes configTypes() {
        return new ConfigTypes()
                .register(ScenarioParams.class, paramTypes())
                .register(AdversaryParams.class, AdversaryRegistry.types())
                .register(AggregatorParams.class, Aggregators.types());
    }

    /** Whether the scenario gives a meaning to this registered adversary record (it, or a behaviour it implements, is declared). */
    public static boolean supports(Scenario<?> scenario, Class<?> adversaryKind) {
        return scenario.supportedAdversaries().stream().anyMatch(declared -> declared.isAssignableFrom(adversaryKind));
    }

    /**
     * The one check of the {@code adversaries:} entries against the scenario: an entry it does not support ends the run
     * with one line naming the entry, the scenario and the scenarios that do support it.
     */
    public static void checkAdversaries(Scenario<?> scenario, RunConfig config) {
        List<AdversaryParams> entries = config.adversaries();
        for (int i = 0; i < entries.size(); i++) {
            Class<?> kind = entries.get(i).getClass();
            if (supports(scenario, kind)) {
                continue;
            }
            String type = AdversaryRegistry.types().entrySet().stream().filter(e -> e.getValue() == kind).map(Map.Entry::getKey)
                    .findFirst().orElse(kind.getSimpleName());
            List<String> elsewhere = SCENARIOS.stream().filter(s -> supports(s, kind)).map(Scenario::name).toList();
            throw new UserError("adversaries[" + i + "].type: " + type + " is not supported by scenario " + scenario.name() + "; "
                    + (elsewhere.isEmpty() ? "remove the entry" : "use scenario.type " + String.join(" or ", elsewhere) + ", or remove the entry"));
        }
    }

    /** The scenario.type values whose rounds take device time from a devices section. */
    public static List<String> withDevices() {
        return SCENARIOS.stream().filter(Scenario::modelsDevices).map(Scenario::name).toList();
    }

    /** The scenario.type values whose participants clustered runs can place on other members. */
    public static List<String> clusterable() {
        return SCENARIOS.stream().filter(s -> s.clustering() instanceof Clustering.Supported).map(Scenario::name).toList();
    }

    public static Scenario<?> forParams(ScenarioParams params) {
        return SCENARIOS.stream()
                .filter(s -> s.paramsType().isInstance(params))
                .findFirst()
                .orElseThrow(() -> new UserError("no scenario handles " + params.getClass().getSimpleName()));
    }
}
