package io.chainfl.agents.adversary;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * A parameter server that cheats on the uploads it relays: tamper (changes values), swap (relays one
 * participant's upload as another's), drop (withholds an upload), equivocate (sends a changed copy to half of
 * the recipients only). Each round it attacks {@code victims} uploads, chosen with the seed. Honest
 * participants catch it by checking every relayed upload against the bulletin board.
 */
@Doc("the server tampers with, swaps, drops or equivocates on relayed uploads; caught by the bulletin board (SecCL)")
public record MaliciousServerParams(
        @Doc("tamper, swap, drop or equivocate") Mode mode,
        @Doc("uploads attacked per round") @Range(min = 1, max = 1_000_000) Integer victims,
        @Doc("first round in which the server cheats") @Range(min = 1) Integer startRound) implements Adversary {

    public enum Mode {
        @JsonProperty("tamper") TAMPER,
        @JsonProperty("swap") SWAP,
        @JsonProperty("drop") DROP,
        @JsonProperty("equivocate") EQUIVOCATE
    }

    public MaliciousServerParams {
        mode = mode == null ? Mode.TAMPER : mode;
        victims = victims == null ? 1 : victims;
        startRound = startRound == null ? 1 : startRound;
    }

    /** It names no participant: it is the server. */
    @Override
    public void applyTo(AdversaryPlan.Builder plan, List<Integer> members) {
        plan.tamperWithRelay(this);
    }

    @Override
    public Double fraction() {
        return 0.0;
    }

    @Override
    public List<Integer> ids() {
        return List.of();
    }
}
