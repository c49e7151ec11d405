package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * DanKu submitters that copy a rival's posted model (the weakness the survey names): they post after the others,
 * read the models the chain shows and post the best one on their own shard. Only the danku scenario gives it a meaning;
 * it reads the members from the config itself, so the plan gets nothing.
 */
@Doc("DanKu: submitters that copy the best posted rival model; Kurtulmus & Daniel 2018")
public record DankuCopierParams(
        @Doc("fraction of submitters that copy") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit submitter ids instead of a fraction") List<Integer> ids) implements ProtocolRole {

    public DankuCopierParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
    }

    /** A market has no rounds: the behaviour holds for the whole market. */
    @Override
    public Integer startRound() {
        return 1;
    }
}
