package io.chainfl.engine.config;

import io.chainfl.engine.UserError;

/** A config problem, already formatted as {@code file:line:column: key.path: what was expected}. */
public final class ConfigException extends UserError {
    public ConfigException(String message) {
        super(message);
    }
}
