package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

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
}
