package io.chainfl.cli.expect;

import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of one seed's runs by the label assertions use: in a file without variants each series of the run
 * (e.g. {@code seccl}, {@code centralized}); with variants each variant's name (a variant runs without the
 * baseline, so it holds one series; the baseline is a variant of its own, {@code centralized}).
 */
record SeriesData(List<RoundMetrics> rounds, List<RunEvent> events) {

    static Map<String, SeriesData> bySeriesLabel(List<RunOutcome> sameSeed) {
        Map<String, SeriesData> labelled = new LinkedHashMap<>();
        for (RunOutcome outcome : sameSeed) {
            List<String> series = outcome.result().series();
            if (outcome.variant().isEmpty()) {
                series.forEach(s -> labelled.putIfAbsent(s, new SeriesData(outcome.result().series(s), outcome.result().events())));
            } else if (!series.isEmpty()) {
                labelled.putIfAbsent(outcome.variant(), new SeriesData(outcome.result().series(series.get(0)), outcome.result().events()));
            }
        }
        return labelled;
    }

}
