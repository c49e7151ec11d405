package io.chainfl.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.config.ExpectValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The expect: block binds strictly, fills its defaults, survives a round trip, and names unknown series/columns. */
class ExpectConfigTest {
    private static final ConfigTypes TYPES = new ConfigTypes().register(ScenarioParams.class, Map.of("test", TestScenarioParams.class));
    private final ConfigLoader loader = new ConfigLoader(TYPES);

    private RunConfig parse(String expect, String... overrides) {
        return loader.parse("gate.yaml", "scenario: {type: test}\nseed: 7\n" + expect, List.of(overrides));
    }

    private String error(String expect, String... overrides) {
        return assertThrows(ConfigException.class, () -> parse(expect, overrides)).getMessage();
    }

    private static final String GOOD = """
            expect:
              seeds: [1, 2, 3]
              assertions:
                - {name: holds, series: fedavg, expected: ">= 0.9", over_seeds: min}
                - {series: attacked, drop_vs: clean, expected: "<= 0.03"}
                - {metric: elected_adversaries, at: every, from_round: 5, expected: "== 0"}
                - {events: forfeit, subject: party-1, expected: ">= 1"}
                - {threshold: {param: adversaries.0.fraction, drop: 0.05, lo: 0.0, hi: 0.5, tolerance: 0.05}, expected: ">= 0.2"}
            """;

    @Test
    void bindsEveryAssertionKindAndFillsDefaults() {
        ExpectConfig expect = parse(GOOD).expect();
        assertEquals(List.of(1L, 2L, 3L), expect.seedsOr(7));
        assertEquals(5, expect.assertions().size());
        AssertionConfig first = expect.assertions().get(0);
        assertEquals("accuracy", first.metric());
        assertEquals(RoundSelector.FINAL, first.at());
        assertEquals(SeedAggregation.MIN, first.overSeeds());
        assertEquals(">=", first.comparison().operator());
        assertEquals(SeedAggregation.ALL, expect.assertions().get(1).overSeeds());
        assertEquals(RoundSelector.EVERY, expect.assertions().get(2).at());
        assertEquals(5, expect.assertions().get(2).fromRound());
        AssertionConfig events = expect.assertions().get(3);
        assertTrue(events.countsEvents());
        assertNull(events.metric(), "an event count reads no metric column");
        ThresholdConfig threshold = expect.assertions().get(4).threshold();
        assertEquals("final_accuracy", threshold.metric());
        assertEquals("accuracy", threshold.column());
        assertEquals(0.0, threshold.reference(), "the reference defaults to lo");
        assertNull(expect.assertions().get(4).overSeeds(), "a threshold search always averages over seeds");
    }

    @Test
    void withoutAnExpectBlockTheConfigsOwnSeedIsUsed() {
        ExpectConfig expect = parse("").expect();
        assertTrue(expect.assertions().isEmpty());
        assertEquals(List.of(7L), expect.seedsOr(7));
    }

    @Test
    void theResolvedConfigReadsBackTheSame() {
        RunConfig config = parse(GOOD);
        RunConfig again = loader.parse("resolved", loader.toYaml(config), List.of());
        assertEquals(config.expect(), again.expect());
    }

    @Test
    void unknownKeyIsReportedWithLocationAndSuggestion() {
        String message = error("""
                expect:
                  assertions:
                    - {series: fedavg, expectd: ">= 0.9"}
                """);
        assertTrue(message.startsWith("gate.yaml:5:24: expect.assertions[0].expectd: unknown key; did you mean 'expected'?"), message);
    }

    @Test
    void badComparisonsAndContradictoryKeysAreRejected() {
        assertTrue(error("expect: {assertions: [{expected: 'about 0.9'}]}").contains("expected: write an operator and a number"));
        assertTrue(error("expect: {assertions: [{expected: '>= 1', at: sometimes}]}").contains("expected one of final, every, min, max, mean, sum"));
        assertTrue(error("expect: {assertions: [{expected: '>= 1', over_seeds: median}]}").contains("expected one of all, mean, min, max"));
        assertTrue(error("expect: {assertions: [{expected: '>= 1', events: forfeit, drop_vs: clean}]}").contains("an event count takes no metric"));
        assertTrue(error("expect: {assertions: [{expected: '>= 1', metric: accuracy, threshold: {param: a.b}}]}").contains("threshold assertion takes only"));
        assertTrue(error("expect: {assertions: [{expected: '>= 1', threshold: {param: a.b, lo: 1, hi: 0.5}}]}").contains("hi: must be above lo"));
        assertTrue(error("expect: {seeds: [1, 1]}").contains("each seed at most once"));
    }

    @Test
    void unknownSeriesColumnAndMissingExpectedAreReportedBeforeRunning() {
        Map<String, Set<String>> runs = new LinkedHashMap<>();
        runs.put("seccl", Set.of("elected_adversaries"));
        runs.put("centralized", Set.of());
        ExpectValidator.validate("gate.yaml", parse("expect: {assertions: [{metric: elected_adversaries, expected: '== 0'}]}").expect(), runs);

        String series = assertThrows(ConfigException.class, () -> ExpectValidator.validate("gate.yaml",
                parse("expect: {assertions: [{series: secl, expected: '>= 0.9'}]}").expect(), runs)).getMessage();
        assertEquals("gate.yaml: expect.assertions[0].series: unknown series 'secl'; did you mean 'seccl'? the runs produce: seccl, centralized", series);
        String column = assertThrows(ConfigException.class, () -> ExpectValidator.validate("gate.yaml",
                parse("expect: {assertions: [{series: centralized, metric: elected_adversaries, expected: '== 0'}]}").expect(), runs)).getMessage();
        assertTrue(column.startsWith("gate.yaml: expect.assertions[0].metric: series 'centralized' has no column 'elected_adversaries'"), column);
        String reference = assertThrows(ConfigException.class, () -> ExpectValidator.validate("gate.yaml",
                parse("expect: {assertions: [{drop_vs: clean, expected: '<= 0.03'}]}").expect(), runs)).getMessage();
        assertTrue(reference.startsWith("gate.yaml: expect.assertions[0].drop_vs: unknown series 'clean'"), reference);
        String missing = assertThrows(ConfigException.class, () -> ExpectValidator.validate("gate.yaml",
                parse("expect: {assertions: [{series: seccl}]}").expect(), runs)).getMessage();
        assertTrue(missing.contains("expect.assertions[0].expected: missing"), missing);
    }

    @Test
    void setStepsIntoListsByIndex() {
        RunConfig config = parse(GOOD, "expect.assertions.1.expected=<= 0.01", "expect.seeds.0=9");
        assertEquals("<= 0.01", config.expect().assertions().get(1).expected());
        assertEquals(List.of(9L, 2L, 3L), config.expect().seeds());
        assertTrue(error(GOOD, "expect.assertions.9.expected='>= 1'").contains("indexes run from 0 to 4"));
    }
}
