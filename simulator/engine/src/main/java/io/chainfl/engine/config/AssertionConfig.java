package io.chainfl.engine.config;

import io.chainfl.engine.config.Comparison;

/**
 * One assertion of an {@code expect:} block. It measures one number per seed, either a metric column of a series
 * over some rounds (optionally as a drop below a reference series), a count of events, or a threshold search,
 * then compares it with {@code expected}, combining the seeds as {@code over_seeds} says.
 */
public record AssertionConfig(
        @Doc("label in the table, the JUnit XML and checks.json (default: the description)") String name,
        @Doc("series or variant the value is read from (default: the scenario's own series, or the first variant)") String series,
        @Doc("metrics.csv column: accuracy (default), macro_f1, loss, train_loss or a scenario column (elected_adversaries, forfeits, balance_pct_AGENT, attack_success_rate, ...)") String metric,
        @Doc("rounds looked at: final (the last), every (each must hold; the worst is reported), min, max, mean, sum") RoundSelector at,
        @Doc("only rounds (SUM: days) >= this one") @Range(min = 0) Integer fromRound,
        @Doc("measure the drop instead: the reference series' value minus this series' value (same rounds)") String dropVs,
        @Doc("count the events.csv rows of this kind (forfeit, detection, dropped, ...) instead of a metric") String events,
        @Doc("with events: only rows about this subject (e.g. party-1)") String subject,
        @Doc("search for the breaking value of a parameter and compare it instead of a metric") ThresholdConfig threshold,
        @Doc("the comparison that must hold: '>= 0.9', '> 0', '<= 0.03', '< 10', '== 0', '!= 0'") String expected,
        @Doc("how seeds combine: all (each must hold; the worst is reported), mean, min, max. Threshold searches always average over the seeds") SeedAggregation overSeeds) {

    public AssertionConfig {
        if (expected != null) {
            Comparison.parse(expected); // a missing one is reported by ExpectValidator, after unknown keys
        }
        if (threshold != null && (metric != null || events != null || dropVs != null || at != null || fromRound != null || overSeeds != null)) {
            throw new IllegalArgumentException("threshold: a threshold assertion takes only name, series (inside threshold) and expected; "
                    + "move metric/drop/series into the threshold section (it averages over the seeds)");
        }
        if (events != null && (metric != null || dropVs != null || at != null)) {
            throw new IllegalArgumentException("events: an event count takes no metric, drop_vs or at; it counts rows from from_round on");
        }
        if (subject != null && events == null) {
            throw new IllegalArgumentException("subject: only applies to an events count; add events: KIND");
        }
        if (threshold == null) {
            if (events == null) {
                metric = metric == null ? "accuracy" : metric;
                at = at == null ? RoundSelector.FINAL : at;
            }
            fromRound = fromRound == null ? 0 : fromRound;
            overSeeds = overSeeds == null ? SeedAggregation.ALL : overSeeds;
        }
    }

    public Comparison comparison() {
        return Comparison.parse(expected);
    }

    public boolean searchesThreshold() {
        return threshold != null;
    }

    public boolean countsEvents() {
        return events != null;
    }
}
