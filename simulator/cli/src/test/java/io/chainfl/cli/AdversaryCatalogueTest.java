package io.chainfl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.agents.adversary.AdversaryPlan;
import io.chainfl.agents.adversary.AdversaryRegistry;
import io.chainfl.agents.adversary.UpdateAttack;
import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.config.ConfigLoader;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adversary registry, the plan, {@code chainfl list adversaries} and the scenarios' supported kinds agree. */
public class AdversaryCatalogueTest {
    private static final int PARTICIPANTS = 4;

    /** One entry of the kind naming participant 0 (the server attack names no one), bound from YAML as a user would write it. */
    private static RunConfig withEntry(ConfigLoader loader, String type, Class<?> record) {
        boolean hasIds = Arrays.stream(record.getRecordComponents()).anyMatch(c -> c.getName().equals("ids"));
        String entry = switch (type) {
            // the data-holding kinds need more than one participant named
            case "duplicate_data" -> "{type: duplicate_data, ids: [0], source: 1}";
            case "sybil_split" -> "{type: sybil_split, ids: [0, 1]}";
            default -> hasIds ? "{type: " + type + ", ids: [0]}" : "{type: " + type + "}";
        };
        return loader.parse(type + ".yaml", "participants: " + PARTICIPANTS + "\nscenario: {type: fedavg}\nadversaries: [" + entry + "]\n", List.of());
    }

    @Test
    void everyRegisteredKindBindsAndChangesThePlan() {
        ConfigLoader loader = Configs.loader();
        AdversaryRegistry.types().forEach((type, record) -> {
            List<AdversaryParams> entries = withEntry(loader, type, record).adversaries();
            assertEquals(record, entries.get(0).getClass(), type);
            AdversaryPlan plan = AdversaryPlan.of(entries, PARTICIPANTS, new SeedStreams(1));
            // a protocol role (DanKu's copier) is read by its scenario, not handed to the participants' plan
            assertTrue(!plan.coalition().isEmpty() || plan.server().isPresent() || plan.propertyInference().isPresent()
                    || io.chainfl.agents.adversary.ProtocolRole.class.isAssignableFrom(record), type + " leaves the plan honest");
        });
    }

    @Test
    void listAdversariesNamesExactlyTheRegisteredKinds() {
        CliHarness.Result r = CliHarness.run("list", "adversaries");
        assertEquals(0, r.exitCode(), r.err());
        List<String> listed = new ArrayList<>();
        for (String line : r.out().split("\n")) {
            if (!line.isBlank() && !line.startsWith(" ")) {
                listed.add(line.split("\\s+")[0]);
            }
        }
        assertEquals(List.copyOf(AdversaryRegistry.types().keySet()), listed);
    }

    @Test
    void everySupportedKindIsRegisteredAndEveryKindRunsSomewhere() {
        for (Scenario<?> scenario : ScenarioRegistry.all()) {
            for (Class<?> declared : scenario.supportedAdversaries()) {
                assertTrue(AdversaryRegistry.types().values().stream().anyMatch(declared::isAssignableFrom),
                        scenario.name() + " declares " + declared.getSimpleName() + ", which no registered adversary is");
            }
        }
        AdversaryRegistry.types().forEach((type, record) -> assertTrue(ScenarioRegistry.all().stream().anyMatch(s -> ScenarioRegistry.supports(s, record)),
                type + " is supported by no scenario"));
        Scenario<?> fedavg = ScenarioRegistry.all().stream().filter(s -> s.name().equals("fedavg")).findFirst().orElseThrow();
        assertFalse(ScenarioRegistry.supports(fedavg, AdversaryRegistry.types().get("malicious_server")), "fedavg has no relay to tamper with");
    }

    @Test
    void anUnsupportedKindStopsTheRunWithOneLine(@TempDir Path dir) {
        CliHarness.Result r = CliHarness.run("run", CliHarness.configs().resolve("cluster-small.yaml").toString(), "--out", dir.resolve("out").toString(),
                "--set", "adversaries=[{type: label_flip, fraction: 0.25}, {type: malicious_server}]");
        assertEquals(2, r.exitCode(), r.err());
        // checked before the data is built: the error is the only line, not preceded by "running ..."
        assertEquals(List.of("chainfl: adversaries[1].type: malicious_server is not supported by scenario fedavg; use scenario.type seccl, or remove the entry"),
                r.err().strip().lines().toList());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    /** A test-only update attack: its record, and (below) the one registry line a shipped one would add to AdversaryRegistry. */
    public record ZeroUploadParams(Double fraction, List<Integer> ids, Integer startRound) implements UpdateAttack {
        public ZeroUploadParams {
            fraction = fraction == null ? 0.0 : fraction;
            ids = ids == null ? List.of() : List.copyOf(ids);
            startRound = startRound == null ? 1 : startRound;
        }

        @Override
        public float[] craft(float[] delta, SplittableRandom rng) {
            return new float[delta.length];
        }
    }

    @Test
    void aNewUpdateAttackIsItsRecordPlusOneRegistryLine() {
        ConfigLoader loader = new ConfigLoader(ScenarioRegistry.configTypes().register(AdversaryParams.class, Map.of("zero_upload", ZeroUploadParams.class)));
        RunConfig config = withEntry(loader, "zero_upload", ZeroUploadParams.class);
        AdversaryPlan plan = AdversaryPlan.of(config.adversaries(), PARTICIPANTS, new SeedStreams(1));
        assertEquals(List.of(0), List.copyOf(plan.coalition()));
        float[] delta = {1f, 2f};
        assertEquals(0f, plan.conductOf(0).upload(delta, 1, null)[1]);
        assertTrue(ScenarioRegistry.all().stream().filter(s -> ScenarioRegistry.supports(s, ZeroUploadParams.class)).count() >= 2,
                "fedavg and seccl take any update attack without naming it");
    }
}
