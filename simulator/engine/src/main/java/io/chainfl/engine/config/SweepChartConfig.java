package io.chainfl.engine.config;

/** The sweep chart: mean over seeds with a 95% confidence band, one line per value of {@code series}. */
public record SweepChartConfig(
        @Doc("horizontal axis: round, or a swept key (then y is read at the last round of each run)") String x,
        @Doc("vertical axis: accuracy, loss, macro_f1, train_loss, a scenario column of metrics.csv, final_accuracy or best_accuracy")
        String y,
        @Doc("swept key with one line per value (empty: the first grid key that is not x or facet)") String series,
        @Doc("swept key with one panel per value, or none") String facet) {

    public SweepChartConfig {
        x = x == null || x.isBlank() ? "round" : x;
        y = y == null || y.isBlank() ? "accuracy" : y;
        series = series == null ? "" : series;
        facet = facet == null || facet.isBlank() ? "none" : facet;
    }

    public static SweepChartConfig defaults() {
        return new SweepChartConfig(null, null, null, null);
    }
}
