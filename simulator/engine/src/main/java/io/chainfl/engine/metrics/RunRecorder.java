package io.chainfl.engine.metrics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a run's results as they arrive: {@code metrics.csv} (global model per series and round, plus the
 * scenario's extra columns), {@code participants.csv}, {@code events.csv} and, apart from results,
 * {@code timing.csv}. Keeps them in memory for the reports.
 */
public final class RunRecorder implements RunListener, AutoCloseable {
    private static final List<String> BASE_COLUMNS = List.of("series", "round", "accuracy", "loss", "macro_f1", "train_loss");

    private final List<String> extraColumns;
    private final CsvTable metrics;
    private final CsvTable participants;
    private final CsvTable events;
    private final CsvTable timing;
    private final List<RoundMetrics> rounds = new ArrayList<>();
    private final List<RunEvent> eventLog = new ArrayList<>();

    public RunRecorder(Path runDir, List<String> extraColumns) {
        this.extraColumns = List.copyOf(extraColumns);
        List<String> header = new ArrayList<>(BASE_COLUMNS);
        header.addAll(this.extraColumns);
        this.metrics = new CsvTable(runDir.resolve("metrics.csv"), header);
        this.participants = new CsvTable(runDir.resolve("participants.csv"), List.of("series", "round", "participant", "samples", "train_loss"));
        this.events = new CsvTable(runDir.resolve("events.csv"), List.of("round", "kind", "subject", "detail"));
        this.timing = new CsvTable(runDir.resolve("timing.csv"), List.of("series", "round", "phase", "wall_ms"));
    }

    @Override
    public synchronized void onRound(RoundMetrics m) {
        List<Object> row = new ArrayList<>(List.of(m.series(), m.round(), num(m.accuracy()), num(m.loss()), num(m.macroF1()), num(m.trainLoss())));
        for (String column : extraColumns) {
            Double value = m.extra().get(column);
            row.add(value == null ? "" : num(value));
        }
        metrics.row(row);
        rounds.add(m);
    }

    @Override
    public synchronized void onParticipant(ParticipantMetrics m) {
        participants.row(List.of(m.series(), m.round(), m.participant(), m.samples(), num(m.trainLoss())));
    }

    @Override
    public synchronized void onEvent(RunEvent e) {
        events.row(List.of(e.round(), e.kind(), e.subject(), e.detail()));
        eventLog.add(e);
    }

    @Override
    public synchronized void onTiming(TimingRecord t) {
        timing.row(List.of(t.series(), t.round(), t.phase(), String.format(Locale.ROOT, "%.3f", t.millis())));
    }

    public synchronized RunResult result(String name, long seed) {
        return new RunResult(name, seed, rounds, eventLog);
    }

    /** Moves every file to its final name; call only when the run finished. */
    public synchronized void complete() {
        metrics.complete();
        participants.complete();
        events.complete();
        timing.complete();
    }

    @Override
    public synchronized void close() {
        metrics.close();
        participants.close();
        events.close();
        timing.close();
    }

    /** Shortest representation that round-trips: results are reproducible to the bit, so the CSV shows every bit. */
    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
