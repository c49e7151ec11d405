package io.chainfl.agents;

import io.chainfl.engine.checkpoint.Snapshot;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;

/**
 * What participants carry from one round to the next, kept outside the actors so that it survives a
 * supervisor's restart and goes into checkpoints: each participant's last upload (a free-rider replays it) and
 * the participants dropped after a failure. Written by a participant before it replies, read by the server and
 * the checkpoint after the reply, so every read sees the round's writes.
 */
public final class ParticipantMemory {
    private final TreeMap<Integer, float[]> lastUploads = new TreeMap<>();
    private final TreeSet<Integer> dropped = new TreeSet<>();

    public synchronized float[] lastUpload(int participantId) {
        return lastUploads.get(participantId);
    }

    public synchronized void rememberUpload(int participantId, float[] upload) {
        lastUploads.put(participantId, upload);
    }

    public synchronized void drop(int participantId) {
        dropped.add(participantId);
    }

    public synchronized boolean isDropped(int participantId) {
        return dropped.contains(participantId);
    }

    public synchronized SortedSet<Integer> dropped() {
        return new TreeSet<>(dropped);
    }

    /**
     * Saves the dropped set and the last uploads of the participants that replay them ({@code keepsUploads});
     * nobody else's upload is read again, so it need not take space in the checkpoint.
     */
    public synchronized void save(Snapshot.Builder out, String prefix, IntPredicate keepsUploads) {
        out.longs(prefix + "dropped", dropped.stream().mapToLong(Integer::longValue).toArray());
        lastUploads.forEach((id, upload) -> {
            if (keepsUploads.test(id)) {
                out.floats(prefix + "last_upload/" + id, upload);
            }
        });
    }

    public synchronized void restore(Snapshot in, String prefix, Set<Integer> participants) {
        in.longs(prefix + "dropped").ifPresent(ids -> {
            for (long id : ids) {
                dropped.add((int) id);
            }
        });
        for (int id : participants) {
            in.floats(prefix + "last_upload/" + id).ifPresent(upload -> lastUploads.put(id, upload));
        }
    }
}
