package io.chainfl.agents.adversary;

import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.ParticipantShares;
import java.util.List;

/**
 * An adversary that changes which data a participant holds, not how it trains or what it uploads: the threats to
 * contribution rewards (a copy of a rival's data, one holder's data split across sybil identities). The scenario
 * rewrites the shares before any participant starts ({@link #rewrite}), on every JVM alike, so the plan gets nothing.
 */
public interface DataHolding extends ProtocolRole {
    /** The share participant {@code id} holds under this entry; {@code honest} is its share and everyone else's without it. */
    ParticipantData holding(int id, ParticipantShares honest);

    /** Whether this entry changes participant {@code id}'s share. */
    boolean changes(int id);

    /** The shares as the run's data-holding entries leave them (entries apply in config order); {@code shares} itself without any. */
    static ParticipantShares rewrite(ParticipantShares shares, List<? extends io.chainfl.engine.config.AdversaryParams> adversaries) {
        List<DataHolding> holdings = adversaries.stream().filter(DataHolding.class::isInstance).map(DataHolding.class::cast).toList();
        if (holdings.isEmpty()) {
            return shares;
        }
        return new ParticipantShares() {
            @Override
            public List<Integer> participantIds() {
                return shares.participantIds();
            }

            @Override
            public ParticipantData share(int id) {
                ParticipantData held = null;
                for (DataHolding h : holdings) {
                    if (h.changes(id)) {
                        held = h.holding(id, shares);
                    }
                }
                return held == null ? shares.share(id) : held;
            }

            @Override
            public io.chainfl.learning.data.DataShape shape() {
                return shares.shape();
            }
        };
    }
}
