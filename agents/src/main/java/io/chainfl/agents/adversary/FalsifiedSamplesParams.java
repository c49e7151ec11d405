package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.Range;
import java.util.List;

/**
 * BlockFL devices that report more local samples than they trained on, to be paid more and weigh more in the global
 * update (Kim et al., "Blockchained On-Device Federated Learning", IEEE Comm. Letters 2020: rewards follow the
 * reported sample count, which the miners cross-verify against the time the local computation took). Only the blockfl
 * scenario gives it a meaning; it reads the members from the config itself, so the plan gets nothing.
 */
@Doc("BlockFL: devices that claim more samples than they hold (reward and weight); Kim et al. 2020")
public record FalsifiedSamplesParams(
        @Doc("fraction of the participants that falsify (the last ids)") @Range(min = 0, max = 1) Double fraction,
        @Doc("explicit participant ids instead of a fraction") List<Integer> ids,
        @Doc("claimed samples = factor x the samples held") @Range(min = 1, max = 1000) Double factor,
        @Doc("the device also waits until its upload arrives when the claimed samples would have: verification passes, the round waits") Boolean padTime)
        implements ProtocolRole {

    public FalsifiedSamplesParams {
        fraction = fraction == null ? 0.0 : fraction;
        ids = ids == null ? List.of() : List.copyOf(ids);
        factor = factor == null ? 3.0 : factor;
        padTime = padTime == null ? Boolean.FALSE : padTime;
    }

    /** It falsifies every round it uploads in. */
    @Override
    public Integer startRound() {
        return 1;
    }
}
