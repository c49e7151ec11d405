package io.chainfl.cli;

import io.chainfl.engine.privacy.PrivacyAccountant;
import io.chainfl.agents.adversary.AdversaryRegistry;
import io.chainfl.engine.UserError;
import io.chainfl.learning.aggregation.Aggregators;
import io.chainfl.engine.config.Doc;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioRegistry;
import java.lang.reflect.RecordComponent;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List what can be named in a config: scenarios, adversaries (attacks) or defenses (aggregators); or the metrics each scenario writes.")
final class ListCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT", defaultValue = "scenarios", description = "scenarios (default), adversaries, defenses or metrics")
    String what;

    @Override
    public Integer call() {
        switch (what) {
            case "scenarios" -> ScenarioRegistry.all().forEach(ListCommand::printScenario);
            case "adversaries", "attacks" -> AdversaryRegistry.types().forEach((name, type) -> {
                String parameters = java.util.Arrays.stream(type.getRecordComponents()).map(ListCommand::key).collect(Collectors.joining(", "));
                System.out.printf("%-18s %s%n%-18s parameters: %s%n", name, firstSentence(type), "", parameters);
            });
            case "defenses", "aggregators" -> Aggregators.catalogue().forEach(e -> {
                String parameters = e.parameters().stream()
                        .map(p -> p.name() + (p.defaultValue() != null ? "=" + p.defaultValue() : ""))
                        .collect(Collectors.joining(", "));
                System.out.printf("%-18s %s%n%-18s parameters: %s; reference: %s%n", e.name(), e.description(), "",
                        parameters.isEmpty() ? "none" : parameters, e.reference());
            });
            case "metrics" -> {
                ScenarioRegistry.all().forEach(ListCommand::printMetrics);
                // a column any protocol with updates carries once the config has a privacy section
                System.out.printf("with a privacy section (fedavg, seccl, deepchain; docs/privacy.md)%n  %-22s %-14s %s%n", PrivacyAccountant.EPSILON.name(),
                        PrivacyAccountant.EPSILON.unit(), PrivacyAccountant.EPSILON.description());
            }
            default -> throw new UserError("list: unknown catalogue '" + what + "'; available: scenarios, adversaries, defenses, metrics");
        }
        return 0;
    }

    private static void printScenario(Scenario<?> s) {
        System.out.printf("%-18s %s%n", s.name(), s.description());
    }

    /** The scenario's own metrics.csv columns with their units (adversaries may add theirs, e.g. attack_success_rate). */
    private static void printMetrics(Scenario<?> s) {
        System.out.printf("%s%n", s.name());
        s.metrics().forEach(m -> System.out.printf("  %-22s %-14s %s%n", m.name(), m.unit(), m.description()));
    }

    private static String key(RecordComponent c) {
        return com.fasterxml.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.INSTANCE.translate(c.getName());
    }

    /** The record's one-line {@link Doc}. */
    private static String firstSentence(Class<?> type) {
        Doc doc = type.getAnnotation(Doc.class);
        return doc != null ? doc.value() : type.getSimpleName().replace("Params", "");
    }
}
