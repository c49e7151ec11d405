package io.chainfl.agents.adversary;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;

/**
 * Fang et al.'s full-knowledge local model poisoning attacks (USENIX Security 2020, Sec. 4): the colluders know every
 * benign update and the aggregation rule they face, and push the aggregate against the direction it would move
 * without them. {@code target: trimmed_mean} (also the attack on the median) places each colluder's coordinates just
 * beyond the benign range, on the side opposite to the benign direction, scaled by up to b; {@code target: krum}
 * uploads -lambda * s with the largest lambda (from the paper's upper bound, halved until Krum picks it). What
 * crafts is {@link FangAttack}.
 */
@Doc("full-knowledge attack on a robust rule: directed deviation beyond the benign range (trimmed_mean, also against the median)"
        + " or -lambda * sign(benign mean) with the largest lambda Krum still selects (krum) (omniscient coalition); Fang et al. 2020")
public record FangParams(
        @Doc("fraction of participants in the coalition") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("first round in which they attack") @Range(min = 1) Integer startRound,
        @Doc("the rule attacked: trimmed_mean (trimmed mean and median) or krum") Target target,
        @Doc("trimmed_mean: how far beyond the benign range a coordinate may go (the paper's b; each colluder draws a factor in [1, b])")
        @Range(min = 1, max = 1e6) Double b) implements CoalitionAttack {

    public enum Target {
        @JsonProperty("trimmed_mean") TRIMMED_MEAN,
        @JsonProperty("krum") KRUM
    }

    public FangParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        startRound = startRound == null ? 1 : startRound;
        target = target == null ? Target.TRIMMED_MEAN : target;
        b = b == null ? 2.0 : b;
    }

    @Override
    public Crafter crafter(SeedStreams seeds) {
        return new FangAttack(target, b, seeds);
    }
}
