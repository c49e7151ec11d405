package io.chainfl.engine.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Inclusive numeric bounds of a config key. Applies to the value itself, or to every element when the
 * key holds a list of numbers. Checked after binding by {@link ConfigValidator} and exported to the schema.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Range {
    double min() default Double.NEGATIVE_INFINITY;

    double max() default Double.POSITIVE_INFINITY;

    /** When true the minimum itself is not allowed (e.g. a learning rate must be {@code > 0}). */
    boolean exclusiveMin() default false;
}
