package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.ParticipantShares;
import java.util.List;

/**
 * Participants that hold a copy of another participant's training data instead of their own (data bought or scraped
 * twice): they add nothing the source does not, so a fair valuation splits the source's value among the copies
 * (the Shapley value's symmetry; Ghorbani &amp; Zou 2019 discuss duplicated points, Han et al. 2022 replication).
 * Each keeps its own validation split.
 */
@Doc("participants that hold a copy of another's training data (rewards: Shapley splits the value); Ghorbani & Zou 2019")
public record DuplicateDataParams(
        @Doc("the participants holding the copy") List<Integer> ids,
        @Doc("the participant whose training data is copied") @Range(min = 0) Integer source) implements DataHolding {

    public DuplicateDataParams {
        ids = ids == null ? List.of() : List.copyOf(ids);
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("ids: name the participants holding the copy, e.g. ids: [5]");
        }
        if (source == null) {
            throw new IllegalArgumentException("source: name the participant whose data is copied, e.g. source: 0");
        }
        if (ids.contains(source)) {
            throw new IllegalArgumentException("source " + source + " is also in ids; a participant cannot copy itself");
        }
    }

    /** Copies are given by id. */
    @Override
    public Double fraction() {
        return 0.0;
    }

    /** The copy is held for the whole run. */
    @Override
    public Integer startRound() {
        return 1;
    }

    @Override
    public boolean changes(int id) {
        return ids.contains(id);
    }

    @Override
    public ParticipantData holding(int id, ParticipantShares honest) {
        ParticipantData original = honest.share(source);
        ParticipantData own = honest.share(id);
        return new ParticipantData(id, original.train(), own.validation());
    }
}
