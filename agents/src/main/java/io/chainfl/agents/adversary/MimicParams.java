package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;

/**
 * The mimic attack (Karimireddy, He & Jaggi, ICLR 2022, Sec. 3 and App. "mimic"): every colluder uploads an exact
 * copy of one honest participant's update. Nothing looks wrong (it IS an honest update), yet the copied
 * participant's data counts 1 + c times, which on heterogeneous data biases the aggregate towards it. The participant
 * is the one furthest along the direction of maximum heterogeneity of the benign updates, estimated over the first
 * {@code warmup_rounds} attacked rounds and then fixed. What crafts is {@link MimicAttack}.
 */
@Doc("every colluder copies one honest participant's update, the one furthest along the benign updates' direction of maximum"
        + " variance, estimated over the first warmup_rounds and then fixed (omniscient coalition); Karimireddy, He & Jaggi 2022")
public record MimicParams(
        @Doc("fraction of participants in the coalition") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("attacked rounds over which the direction and the copied participant are estimated; fixed after") @Range(min = 1, max = 1_000_000)
        Integer warmupRounds) implements CoalitionAttack {

    public MimicParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        warmupRounds = warmupRounds == null ? 2 : warmupRounds;
    }

    @Override
    public Crafter crafter(SeedStreams seeds) {
        return new MimicAttack(warmupRounds, seeds);
    }
}
