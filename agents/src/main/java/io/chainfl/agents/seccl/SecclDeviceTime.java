package io.chainfl.agents.seccl;

import java.util.Collection;

/**
 * How long a SecCL round takes on the participants' devices (docs/virtual-time.md). A round has two barriers: the
 * server relays only once every upload is in, and elects only once every ballot is in. So its device part is the
 * slowest participant's first phase (download the global model, train, upload the sparse update) plus the slowest
 * participant's second phase (download the other uploads as relayed, score each on the validation set, upload the
 * ballot). Each participant's two phase times are computed once, from the cost model and its device.
 */
public final class SecclDeviceTime {
    /** Devices take no time: rounds last only their ledger time. */
    public static final SecclDeviceTime NONE = new SecclDeviceTime(new long[0], new long[0]);

    private final long[] uploadPhaseMillis;
    private final long[] scoringPhaseMillis;

    /** Per participant id: the virtual milliseconds of its upload phase and of its scoring phase. */
    public SecclDeviceTime(long[] uploadPhaseMillis, long[] scoringPhaseMillis) {
        if (uploadPhaseMillis.length != scoringPhaseMillis.length) {
            throw new IllegalArgumentException("one upload and one scoring time per participant");
        }
        this.uploadPhaseMillis = uploadPhaseMillis.clone();
        this.scoringPhaseMillis = scoringPhaseMillis.clone();
    }

    /** The round's device time: the slowest uploader's first phase, then the slowest voter's second. */
    public long roundMillis(Collection<Integer> uploaders, Collection<Integer> voters) {
        if (uploadPhaseMillis.length == 0) {
            return 0;
        }
        return slowest(uploadPhaseMillis, uploaders) + slowest(scoringPhaseMillis, voters);
    }

    private static long slowest(long[] millis, Collection<Integer> ids) {
        long max = 0;
        for (int id : ids) {
            max = Math.max(max, millis[id]);
        }
        return max;
    }
}
