package io.chainfl.engine.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a run does when a participant's training throws. */
public enum ParticipantFailurePolicy {
    /** The run stops with the participant's error (the default: a failure is a bug until shown otherwise). */
    @JsonProperty("fail") FAIL,
    /** The round completes without the participant, which takes no further part. */
    @JsonProperty("drop") DROP,
    /** The participant's round is retried once with the same seed streams; a second failure drops it. */
    @JsonProperty("restart") RESTART
}
