package io.chainfl.agents;

import io.chainfl.engine.config.ParticipantFailurePolicy;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * How every participant-like actor (fedavg participant, SecCL participant, DeepChain party) is supervised under
 * {@code runtime.on_participant_failure}: with {@code fail} an exception stops the actor and fails the run; with
 * {@code drop} and {@code restart} Pekko restarts it, and the restarted actor retries its step or reports itself dropped.
 */
public final class FailureSupervision {
    private FailureSupervision() {}

    public static <T> Behavior<T> supervise(Behavior<T> actor, ParticipantFailurePolicy policy) {
        if (policy == ParticipantFailurePolicy.FAIL) {
            return actor;
        }
        // the failure becomes an event in events.csv; the supervisor's own log line would only repeat it
        return Behaviors.supervise(actor).onFailure(RuntimeException.class, SupervisorStrategy.restart().withLoggingEnabled(false));
    }

    /** Whether a step that threw on {@code attempt} is tried again: once, under {@code restart}. */
    public static boolean retries(ParticipantFailurePolicy policy, int attempt) {
        return policy == ParticipantFailurePolicy.RESTART && attempt == 1;
    }
}
