package io.chainfl.engine.config;

/** A scenario section for loader tests; real scenarios live in the scenarios module. */
public record TestScenarioParams(
        @Doc("fraction in (0, 1]") @Range(min = 0, max = 1, exclusiveMin = true) Double fraction,
        @Doc("a label") String label) implements ScenarioParams {
    public TestScenarioParams {
        fraction = fraction == null ? 0.5 : fraction;
        label = label == null ? "x" : label;
    }
}
