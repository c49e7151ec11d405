package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * The scenario-specific section of a run config, selected by its {@code type} key. Each scenario contributes
 * one record implementing this interface; the scenario registry tells the config loader about it, so the
 * engine never needs to know the concrete scenarios.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface ScenarioParams {}
