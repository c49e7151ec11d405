package io.chainfl.engine.checkpoint;

import io.chainfl.engine.kernel.VirtualClock;
import io.chainfl.engine.metrics.RunRecorder;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Writes a run's checkpoints: after every {@code every}-th round (and after any round when a stop was
 * requested) the result tables are forced to disk, the ledger journal is appended, and the scenario's state and
 * the manifest are written. When a stop was requested it then throws {@link RunInterrupted}. The run's virtual
 * clock is part of every checkpoint: its time, sequence and pending tasks' tags are written next to the scenario's
 * state, and read back into the clock when the run resumes (the scenario binds the tasks' actions again).
 */
public final class RunCheckpointer implements RunCheckpoints {
    private final CheckpointStore store;
    private final String configHash;
    private final String baselineSeries;
    private final RunRecorder recorder;
    private final CallJournal ledger;
    private final CheckpointStore.Loaded resumed;
    private final int every;
    private final BooleanSupplier stopRequested;
    private long journalBytes;
    private final long replayedCalls;
    private final VirtualClock clock;

    /**
     * @param baselineSeries the series run after the scenario's own (the centralized baseline), or null
     * @param resumed     the checkpoint this run continues from, or null for a fresh run
     * @param every       checkpoint every this many rounds; 0 only when a stop is requested
     * @param clock       the run's clock; when resuming, it is set to the checkpoint's time here
     */
    public RunCheckpointer(CheckpointStore store, String configHash, String baselineSeries, RunRecorder recorder, CallJournal ledger,
                           CheckpointStore.Loaded resumed, int every, BooleanSupplier stopRequested, VirtualClock clock) {
        this.store = store;
        this.configHash = configHash;
        this.baselineSeries = baselineSeries;
        this.recorder = recorder;
        this.ledger = ledger;
        this.resumed = resumed;
        this.every = every;
        this.stopRequested = stopRequested;
        journalBytes = resumed == null ? 0 : resumed.manifest().journalBytes();
        replayedCalls = resumed == null ? 0 : resumed.manifest().journalCalls();
        this.clock = clock;
        if (resumed != null) {
            clock.restore(resumed.state());
        }
    }

    /** True when the scenario's own series finished before the checkpoint this run resumes from (it is in the baseline's). */
    public boolean scenarioFinishedBeforeResume() {
        return resumed != null && resumed.manifest().phase() > 0;
    }

    /** 0 for the scenario's series (a scenario may name it after its params, as seccl-fedavg), 1 for the baseline run after it. */
    private int phaseOf(String series) {
        return series.equals(baselineSeries) ? 1 : 0;
    }

    @Override
    public Optional<Restored> resume(String series) {
        if (resumed == null || !resumed.manifest().series().equals(series)) {
            return Optional.empty();
        }
        return Optional.of(new Restored(resumed.manifest().round(), resumed.state()));
    }

    @Override
    public void roundDone(String series, int round, Checkpointable state) {
        boolean stop = stopRequested.getAsBoolean();
        if (stop || (every > 0 && round % every == 0)) {
            write(series, round, state);
        }
        if (stop) {
            throw new RunInterrupted(series, round);
        }
    }

    private void write(String series, int round, Checkpointable state) {
        Stopwatch stopwatch = Stopwatch.start();
        Snapshot.Builder builder = Snapshot.builder();
        state.save(builder);
        clock.save(builder);
        byte[] encoded = builder.build().encode();
        byte[] journal = ledger.drainPending();
        try {
            java.nio.file.Files.createDirectories(store.dir());
            if (journal.length > 0) {
                journalBytes = CheckpointStore.append(store.journal(), journal);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + store.journal(), e);
        }
        long journalCalls = replayedCalls + ledger.recordedCalls();
        int phase = phaseOf(series);
        recorder.onTiming(new TimingRecord(series, round, "checkpoint", stopwatch.elapsedMillis()));
        Map<String, Long> tables = recorder.syncedLengths();
        store.write(new CheckpointManifest(CheckpointManifest.FORMAT, configHash, phase, series, round, tables, journalBytes, journalCalls,
                "state-" + phase + "-" + round + ".bin", encoded.length), encoded);
    }
}
