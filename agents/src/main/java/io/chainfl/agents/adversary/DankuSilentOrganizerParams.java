package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import java.util.List;

/**
 * A DanKu organizer that reveals its training data but never its test data, hoping to keep the models for free; the
 * contract's timeout then splits the reward among the submitters. Only the danku scenario gives it a meaning.
 */
@Doc("DanKu: the organizer never reveals its test groups; Kurtulmus & Daniel 2018")
public record DankuSilentOrganizerParams(@Doc("ignored: the market has one organizer") List<Integer> ids) implements ProtocolRole {

    public DankuSilentOrganizerParams {
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    @Override
    public Double fraction() {
        return 0.0;
    }

    /** A market has no rounds: the behaviour holds for the whole market. */
    @Override
    public Integer startRound() {
        return 1;
    }
}
