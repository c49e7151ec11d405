package io.chainfl.agents.adversary;

import io.chainfl.engine.config.Doc;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.ParticipantShares;
import java.util.List;

/**
 * One data holder (the first of {@code ids}) that joins under several identities and splits its training data among
 * them in equal contiguous pieces, to collect more reward than it would as one (Douceur 2002; for data valuation,
 * the "replication" and sybil robustness of Han et al. 2022). The other identities' own data is not theirs: they hold
 * only their piece. With {@code split: false} the holder keeps all of it and the other identities hold nothing: the same
 * federation without the sybils, the comparison a study needs (an identity without data uploads no change and weighs 0).
 */
@Doc("one holder splits its training data across several identities (does the group earn more?); Douceur 2002, Han et al. 2022")
public record SybilSplitParams(
        @Doc("the identities, the real holder first") List<Integer> ids,
        @Doc("split the holder's data among the identities (true) or leave it all with the holder (false, the honest comparison)") Boolean split)
        implements DataHolding {

    public SybilSplitParams {
        ids = ids == null ? List.of() : List.copyOf(ids);
        if (ids.size() < 2) {
            throw new IllegalArgumentException("ids: the holder and at least one more identity, e.g. ids: [0, 4, 5]");
        }
        if (ids.stream().distinct().count() != ids.size()) {
            throw new IllegalArgumentException("ids: every identity once, got " + ids);
        }
        split = split == null ? Boolean.TRUE : split;
    }

    @Override
    public Double fraction() {
        return 0.0;
    }

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
        Dataset data = honest.share(ids.get(0)).train();
        int index = ids.indexOf(id);
        int pieces = split ? ids.size() : 1;
        int from = index >= pieces ? data.size() : (int) ((long) data.size() * index / pieces);
        int to = index >= pieces ? data.size() : (int) ((long) data.size() * (index + 1) / pieces);
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        Dataset piece = data.subset(rows, data.name() + "/sybil-" + id);
        return new ParticipantData(id, piece, honest.share(id).validation());
    }
}
