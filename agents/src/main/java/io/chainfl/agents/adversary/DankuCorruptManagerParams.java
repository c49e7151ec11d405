package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * The manager of a sealed DanKu market (the organizer, who decrypts every submission) opening a favoured submitter's
 * model instead of the best: what Hawk's zk-SNARK rules out (Kosba et al. 2016). Here the other submitters may
 * challenge by opening their own commitments, and the contract scores every opened model. Only the danku scenario
 * gives it a meaning, and only with {@code scenario.sealed}.
 */
@Doc("DanKu, sealed markets: the organizer opens a favoured submitter's model instead of the best; Kosba et al. 2016 (Hawk)")
public record DankuCorruptManagerParams(
        @Doc("the submitter id the organizer opens, whatever its score") @Range(min = 0) Integer favours,
        @Doc("ignored: the market has one organizer") List<Integer> ids) implements ProtocolRole {

    public DankuCorruptManagerParams {
        favours = favours == null ? 0 : favours;
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
