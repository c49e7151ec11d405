package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Optional;

/**
 * The scenario-specific section of a run config, selected by its {@code type} key. Each scenario contributes
 * one record implementing this interface; the scenario registry tells the config loader about it, so the
 * engine never needs to know the concrete scenarios.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface ScenarioParams {
    /**
     * Samples the server holds out of the training pool for itself before the pool is partitioned (e.g. FLTrust's
     * clean root data set); 0, the default, leaves the pool and so every participant's data unchanged.
     */
    default int serverRootSamples() {
        return 0;
    }

    /**
     * The {@code privacy.mode}s this protocol gives a meaning to (docs/privacy.md); none by default, so a {@code privacy}
     * section on a protocol without participant updates (sum, danku, centralized) is refused when the config is loaded.
     */
    default java.util.Set<PrivacyMode> privacyModes() {
        return java.util.Set.of();
    }

    /**
     * The fraction of the participants a round asks for: the sampling rate q of central DP's privacy accountant. Every
     * participant by default.
     */
    default double participationRate(RunConfig config) {
        return 1.0;
    }

    /**
     * Rules of this scenario that involve the rest of the config (e.g. an aggregator's smallest number of updates
     * against the participants per round), checked at load time so {@code validate} refuses what the run would;
     * the bound values are already in range. None by default.
     */
    default Optional<ConfigValidator.Violation> check(RunConfig config) {
        return Optional.empty();
    }
}
