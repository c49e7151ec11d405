package io.chainfl.engine.checkpoint;

import java.util.Map;

/**
 * {@code checkpoint/manifest.json}: which round of which series the checkpoint ends, the config it belongs to,
 * how long each result table and the ledger journal were then, and the scenario state file.
 *
 * @param format       checkpoint format version; a chainfl that reads another refuses to resume
 * @param configHash   SHA-256 of the resolved config without the settings that never change results
 * @param phase        index of the series in the run's order (the scenario, then the centralized baseline)
 * @param tables       length in bytes of each table's {@code .partial} file, by final name
 * @param journalBytes length of {@code checkpoint/ledger.journal} covered by this checkpoint
 */
public record CheckpointManifest(int format, String configHash, int phase, String series, int round, Map<String, Long> tables,
                                 long journalBytes, long journalCalls, String stateFile, long stateBytes) {
    public static final int FORMAT = 1;

    public CheckpointManifest {
        tables = Map.copyOf(tables);
    }
}
