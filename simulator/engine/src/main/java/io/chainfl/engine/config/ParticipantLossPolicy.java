package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a clustered run does with the participants of a cluster member that is lost mid-run. */
public enum ParticipantLossPolicy {
    /** The lost participants leave the remaining rounds; rounds wait only for the survivors. */
    @JsonProperty("drop") DROP,
    /** The driver re-creates each lost participant on a surviving member: its data follows from config and seed. */
    @JsonProperty("reassign") REASSIGN
}
