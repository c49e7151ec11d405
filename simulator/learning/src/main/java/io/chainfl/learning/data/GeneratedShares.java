package io.chainfl.learning.data;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.DataConfig;
import io.chainfl.engine.config.PartitionType;
import io.chainfl.engine.config.SyntheticConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * Synthetic data generated per participant ({@code data.synthetic.per_participant}): participant {@code id}'s samples
 * come from its own stream {@code data/synthetic/participant/<id>} around the class means of {@code data/synthetic},
 * and its validation split from {@code data/validation/<id>} as for a pool. Nothing is stored: {@link #get} generates
 * the share again each time, the same every time, so a million participants cost no memory for their data and an
 * entity holds its share only while it trains ({@link ParticipantShares#heldShare}).
 */
public final class GeneratedShares extends AbstractList<ParticipantData> implements RandomAccess {
    private final SyntheticConfig synthetic;
    private final double validationFraction;
    private final int participants;
    private final double[] means;
    private final SeedStreams seeds;

    private GeneratedShares(SyntheticConfig synthetic, double validationFraction, int participants, double[] means, SeedStreams seeds) {
        this.synthetic = synthetic;
        this.validationFraction = validationFraction;
        this.participants = participants;
        this.means = means;
        this.seeds = seeds;
    }

    /** The run's data: these shares and a test set of {@code data.synthetic.samples} from stream {@code data/synthetic/test}. */
    static FederatedData build(DataConfig config, int participants, SeedStreams seeds, int serverRootSamples) {
        if (config.partition().type() != PartitionType.IID || config.limit() > 0 || serverRootSamples > 0) {
            throw new UserError("data.synthetic.per_participant generates each participant's samples on its own: it needs data.partition iid,"
                    + " no data.limit and a scenario without a server root set; remove per_participant or those settings");
        }
        SyntheticConfig synthetic = config.synthetic();
        double[] means = SyntheticSource.classMeans(synthetic, seeds.stream(SyntheticSource.STREAM));
        Dataset test = SyntheticSource.pairedRows("synthetic/test", means, synthetic.samples(), synthetic.features(), synthetic.classes(),
                seeds.stream(SyntheticSource.STREAM, "test"));
        return new FederatedData(new GeneratedShares(synthetic, config.validationFraction(), participants, means, seeds), test);
    }

    @Override
    public ParticipantData get(int id) {
        if (id < 0 || id >= participants) {
            throw new IndexOutOfBoundsException("participant " + id + " of " + participants);
        }
        Dataset all = SyntheticSource.pairedRows("synthetic/participant-" + id, means, synthetic.perParticipant(), synthetic.features(),
                synthetic.classes(), seeds.stream(SyntheticSource.STREAM, "participant", id));
        int validation = FederatedDataBuilder.validationCount(all.size(), validationFraction);
        Splits.Selection split = Splits.uniform(all.allRows(), validation, seeds.stream("data/validation", id));
        return new ParticipantData(id, all.subset(split.rest()), all.subset(split.chosen()));
    }

    /** Every participant's training samples: the same count each, so no share need be made to know it. */
    long trainSamples() {
        int each = synthetic.perParticipant() - FederatedDataBuilder.validationCount(synthetic.perParticipant(), validationFraction);
        return (long) each * participants;
    }

    @Override
    public int size() {
        return participants;
    }
}
