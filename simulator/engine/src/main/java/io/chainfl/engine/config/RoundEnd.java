package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** When a round stops waiting for uploads (docs/virtual-time.md). */
public enum RoundEnd {
    /** When every selected, online participant has uploaded: the slowest device sets the pace. */
    @JsonProperty("all") ALL,
    /** At {@code deadline_s} after the round starts, or earlier once everyone is in; later uploads are dropped this round. */
    @JsonProperty("deadline") DEADLINE,
    /** When the first {@code k} uploads are in (ties by participant id); the others are dropped this round. */
    @JsonProperty("first_k") FIRST_K
}
