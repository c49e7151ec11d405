package io.chainfl.agents.adversary;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * DanKu submitters that tune their model to rows they expect in the test set (test-set overfitting, the survey's
 * Section 4.1 worry about rewarding a score rather than generalisation): after training on their own shard they train
 * {@code tune_epochs} more epochs on what they know. What they know is either every row the organizer's previous
 * contest revealed on chain (which helps only when the organizer reuses that data set, {@code scenario.reuse_data}),
 * or this contest's test groups, leaked by the organizer before the window closes. Only the danku scenario gives it a
 * meaning; it reads the members from the config itself, so the plan gets nothing.
 */
@Doc("DanKu: submitters that tune their model to data they expect in the test set (test-set overfitting); Kurtulmus & Daniel 2018, survey Sec. 4.1")
public record DankuOverfitterParams(
        @Doc("fraction of submitters that overfit (the last ones)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit submitter ids instead of a fraction") List<Integer> ids,
        @Doc("previous_contest: every row the organizer's previous contest revealed; leaked_test: this contest's test groups") Knows knows,
        @Doc("epochs on those rows after training on the own shard") @Range(min = 1, max = 1000) Integer tuneEpochs) implements ProtocolRole {

    /** What the overfitter tunes to. */
    public enum Knows {
        @JsonProperty("previous_contest") PREVIOUS_CONTEST,
        @JsonProperty("leaked_test") LEAKED_TEST
    }

    public DankuOverfitterParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        knows = knows == null ? Knows.PREVIOUS_CONTEST : knows;
        tuneEpochs = tuneEpochs == null ? 30 : tuneEpochs;
    }

    /** A market has no rounds: the behaviour holds for the whole market. */
    @Override
    public Integer startRound() {
        return 1;
    }
}
