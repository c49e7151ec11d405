package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * One entry of the {@code adversaries:} list, selected by its {@code type}. Who is adversarial is given by
 * {@link #ids()} or by {@link #fraction()} of the participants (drawn with the seed), from {@link #startRound()} on.
 * Attack records live with their behaviour (agents module) and are registered through {@link ConfigTypes}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface AdversaryParams {
    /** Fraction of participants that are adversaries of this kind (ignored when ids are given). */
    Double fraction();

    /** Explicit participant ids; empty to draw {@link #fraction()} of them. */
    List<Integer> ids();

    /** First round in which the adversaries act. */
    Integer startRound();

    /**
     * Whether {@link #ids()} and {@link #fraction()} count participants (checked against {@code participants} when the
     * config loads); false for entries whose ids name members of another set that their scenario checks when it starts,
     * e.g. Proof-of-Learning's validator pool.
     */
    default boolean countsParticipants() {
        return true;
    }
}
