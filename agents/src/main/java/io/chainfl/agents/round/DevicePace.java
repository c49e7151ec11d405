package io.chainfl.agents.round;

import io.chainfl.engine.config.RoundEnd;
import io.chainfl.engine.device.DeviceProfile;
import io.chainfl.engine.device.DeviceTrace;
import io.chainfl.engine.device.Devices;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntToLongFunction;
import java.util.function.LongSupplier;

/**
 * Rounds paced by devices: each participant's part of the round takes {@code millisOf(id)} virtual milliseconds on its
 * device (for fedavg: download the model, train, upload the update); a participant whose device drops out this round
 * (a draw from stream {@value #DROPOUT_STREAM} per round and participant), or whose trace window holds the round's
 * start, is not asked. The round's device time ends
 * per {@link RoundEnd}: with {@code all} when the slowest upload is in; with {@code deadline} at the deadline if an
 * upload is late (the late ones are dropped, an event {@code late} each), else at the slowest upload; with
 * {@code first_k} at the k-th upload in (time, id) order, dropping the rest.
 */
public final class DevicePace implements RoundPace {
    static final String DROPOUT_STREAM = "devices/dropout";

    private final Devices devices;
    private final IntToLongFunction millisOf;
    private final RoundEnd end;
    private final long deadlineMillis;
    private final int k;
    private final SeedStreams seeds;
    private final DeviceTrace trace;
    private final LongSupplier roundStartMillis;
    private final ServerTime serverTime;

    /**
     * @param millisOf       virtual milliseconds of a participant's part of a round on its device
     * @param deadlineMillis used with {@link RoundEnd#DEADLINE}
     * @param k              used with {@link RoundEnd#FIRST_K}
     */
    public DevicePace(Devices devices, IntToLongFunction millisOf, RoundEnd end, long deadlineMillis, int k, SeedStreams seeds) {
        this(devices, millisOf, end, deadlineMillis, k, seeds, DeviceTrace.NONE, () -> 0);
    }

    /**
     * As above, with offline windows: a participant whose window holds the round's start is not asked.
     *
     * @param roundStartMillis the run's virtual clock when a round is planned (its start: the driver moves the clock
     *                         before it asks for the round, and the ask orders the two)
     */
    public DevicePace(Devices devices, IntToLongFunction millisOf, RoundEnd end, long deadlineMillis, int k, SeedStreams seeds,
                      DeviceTrace trace, LongSupplier roundStartMillis) {
        this(devices, millisOf, end, deadlineMillis, k, seeds, trace, roundStartMillis, null);
    }

    /** As above, with the server's own work on its device (null: none). */
    public DevicePace(Devices devices, IntToLongFunction millisOf, RoundEnd end, long deadlineMillis, int k, SeedStreams seeds,
                      DeviceTrace trace, LongSupplier roundStartMillis, ServerTime serverTime) {
        this.serverTime = serverTime;
        this.devices = devices;
        this.millisOf = millisOf;
        this.end = end;
        this.deadlineMillis = deadlineMillis;
        this.k = k;
        this.seeds = seeds;
        this.trace = trace;
        this.roundStartMillis = roundStartMillis;
    }

    /** A fedavg participant's round on its device: download the model, train on {@code samples} samples, upload the update. */
    public static long downloadTrainUpload(DeviceProfile device, long modelBytes, double trainFlops, long uploadBytes) {
        return device.downloadMillis(modelBytes) + device.computeMillis(trainFlops) + device.uploadMillis(uploadBytes);
    }

    @Override
    public ServerTime serverTime() {
        return serverTime;
    }

    @Override
    public Plan plan(int round, List<Integer> active) {
        List<RunEvent> events = new ArrayList<>();
        List<long[]> arrivals = new ArrayList<>(); // (time, id)
        long start = roundStartMillis.getAsLong();
        for (int id : active) {
            double dropout = devices.of(id).dropout();
            Optional<DeviceTrace.Window> window = trace.offlineAt(id, start);
            if (window.isPresent()) {
                events.add(new RunEvent(round, "offline", subject(id), String.format(Locale.ROOT, "device offline by the trace from %.3f to %.3f s",
                        VirtualTime.seconds(window.get().fromMillis()), VirtualTime.seconds(window.get().toMillis()))));
            } else if (dropout > 0 && seeds.stream(DROPOUT_STREAM, round, id).nextDouble() < dropout) {
                events.add(new RunEvent(round, "offline", subject(id), String.format(Locale.ROOT, "device offline this round (dropout %s)", dropout)));
            } else {
                arrivals.add(new long[] {millisOf.applyAsLong(id), id});
            }
        }
        arrivals.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
        int counted = switch (end) {
            case ALL -> arrivals.size();
            case DEADLINE -> (int) arrivals.stream().filter(a -> a[0] <= deadlineMillis).count();
            case FIRST_K -> Math.min(k, arrivals.size());
        };
        long deviceMillis;
        if (counted == arrivals.size()) {
            deviceMillis = arrivals.isEmpty() ? 0 : arrivals.get(arrivals.size() - 1)[0];
        } else {
            deviceMillis = end == RoundEnd.DEADLINE ? deadlineMillis : arrivals.get(counted - 1)[0];
        }
        List<Integer> onTime = new ArrayList<>();
        for (int i = 0; i < arrivals.size(); i++) {
            int id = (int) arrivals.get(i)[1];
            if (i < counted) {
                onTime.add(id);
            } else {
                events.add(new RunEvent(round, "late", subject(id), String.format(Locale.ROOT, "upload at %.3f s, round ended at %.3f s (%s); dropped this round",
                        VirtualTime.seconds(arrivals.get(i)[0]), VirtualTime.seconds(deviceMillis), end == RoundEnd.DEADLINE ? "deadline" : "first " + k)));
            }
        }
        onTime.sort(Integer::compare);
        events.sort(Comparator.comparing((RunEvent e) -> Integer.parseInt(e.subject().substring(PREFIX.length()))));
        return new Plan(onTime, deviceMillis, events);
    }

    private static final String PREFIX = "participant-";

    private static String subject(int id) {
        return PREFIX + id;
    }
}
