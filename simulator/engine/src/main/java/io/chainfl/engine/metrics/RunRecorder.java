package io.chainfl.engine.metrics;

import io.chainfl.engine.run.RunFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a run's results as they arrive: {@code metrics.csv} (global model per series and round, plus the
 * scenario's extra columns), {@code participants.csv}, {@code events.csv} and, apart from results,
 * {@code timing.csv}. Keeps them in memory for the reports. A round whose metrics do not match what its series
 * declared ({@link MetricDeclarations#check}) is refused with an {@link IllegalStateException}.
 */
public final class RunRecorder implements RunListener, AutoCloseable {
    private static final List<String> BASE_COLUMNS = List.of("series", "round", "accuracy", "loss", "macro_f1", "train_loss");

    public static final String METRICS = RunFolder.METRICS;
    public static final String PARTICIPANTS = RunFolder.PARTICIPANTS;
    public static final String EVENTS = RunFolder.EVENTS;
    public static final String TIMING = RunFolder.TIMING;

    private final MetricDeclarations declarations;
    private final List<String> extraColumns;
    private final List<Metric> extraMetrics;
    private final List<Metric> participantMetrics;
    private final CsvTable metrics;
    private final CsvTable participants;
    private final CsvTable events;
    private final CsvTable timing;
    private final List<RoundMetrics> rounds = new ArrayList<>();
    private final List<RunEvent> eventLog = new ArrayList<>();

    public RunRecorder(Path runDir, MetricDeclarations declarations) {
        this(runDir, declarations, Map.of());
    }

    private RunRecorder(Path runDir, MetricDeclarations declarations, Map<String, Long> resumeAt) {
        this.declarations = declarations;
        this.extraColumns = declarations.columnNames();
        this.extraMetrics = declarations.columns();
        List<String> header = new ArrayList<>(BASE_COLUMNS);
        header.addAll(this.extraColumns);
        this.metrics = new CsvTable(runDir.resolve(METRICS), header, resumeAt.getOrDefault(METRICS, -1L));
        this.participantMetrics = declarations.participantColumns();
        List<String> participantHeader = new ArrayList<>(List.of("series", "round", "participant", "samples", "train_loss"));
        participantMetrics.forEach(m -> participantHeader.add(m.name()));
        this.participants = new CsvTable(runDir.resolve(PARTICIPANTS), participantHeader, resumeAt.getOrDefault(PARTICIPANTS, -1L));
        this.events = new CsvTable(runDir.resolve(EVENTS), List.of("round", "kind", "subject", "detail"), resumeAt.getOrDefault(EVENTS, -1L));
        this.timing = new CsvTable(runDir.resolve(TIMING), List.of("series", "round", "phase", "wall_ms"), resumeAt.getOrDefault(TIMING, -1L));
    }

    /**
     * Continues the tables of an interrupted run: each {@code .partial} file is cut back to its length at the
     * checkpoint ({@link #syncedLengths()} then) and appended to; the rounds and events already written are read
     * back for the chart and the summary.
     */
    public static RunRecorder resume(Path runDir, MetricDeclarations declarations, Map<String, Long> lengths) {
        for (String table : List.of(METRICS, PARTICIPANTS, EVENTS, TIMING)) {
            if (!lengths.containsKey(table)) {
                throw new IllegalArgumentException("checkpoint has no length for " + table);
            }
        }
        RunRecorder recorder = new RunRecorder(runDir, declarations, lengths);
        recorder.rounds.addAll(RecordedTables.readRounds(recorder.metrics.partialFile(), recorder.extraColumns));
        recorder.eventLog.addAll(RecordedTables.readEvents(recorder.events.partialFile()));
        return recorder;
    }

    /** Length of every table on disk after forcing it there, by final file name: what a checkpoint records. */
    public synchronized Map<String, Long> syncedLengths() {
        Map<String, Long> lengths = new TreeMap<>();
        lengths.put(METRICS, metrics.syncedLength());
        lengths.put(PARTICIPANTS, participants.syncedLength());
        lengths.put(EVENTS, events.syncedLength());
        lengths.put(TIMING, timing.syncedLength());
        return lengths;
    }

    @Override
    public synchronized void onRound(RoundMetrics m) {
        declarations.check(m);
        List<Object> row = new ArrayList<>(List.of(m.series(), m.round(), num(m.accuracy()), num(m.loss()), num(m.macroF1()), num(m.trainLoss())));
        for (Metric column : extraMetrics) {
            Double value = m.extra().get(column.name());
            row.add(value == null ? "" : column.format(value));
        }
        metrics.row(row);
        rounds.add(m);
    }

    @Override
    public synchronized void onParticipant(ParticipantMetrics m) {
        List<Object> row = new ArrayList<>(List.of(m.series(), m.round(), m.participant(), m.samples(), num(m.trainLoss())));
        for (Metric column : participantMetrics) {
            Double value = m.extra().get(column.name());
            row.add(value == null ? "" : column.format(value));
        }
        participants.row(row);
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
