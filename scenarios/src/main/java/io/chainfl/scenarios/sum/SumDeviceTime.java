package io.chainfl.scenarios.sum;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.DevicesConfig;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.device.DevicePreset;
import io.chainfl.engine.device.DeviceProfile;
import io.chainfl.engine.device.Devices;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.cost.CryptoOps;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * SUM's transactions on devices (docs/virtual-time.md, "SUM on devices"). Each agent is on its own device (agent i
 * is participant i of {@code devices.assign}, in the order of {@code scenario.agents}); the contract runs on the
 * chain's nodes, taken as a {@code server} device. An agent's turn costs, per transaction it sends:
 * <ul>
 *   <li>an accepted addData (its deposit travels with it): hash its calldata (the data handler's record, x as 4-byte
 *       floats plus label, time and deposit as 8-byte longs) and sign it on the agent's device, upload the calldata
 *       and the 65-byte signature, then the contract's update of the hosted model (3x a forward pass, the cost
 *       model's training convention) on the server;</li>
 *   <li>a refund or take it claims: hash and sign a 36-byte call (4-byte selector, 32-byte deposit id), upload it
 *       with its signature, then the contract's check of the contribution (one forward pass).</li>
 * </ul>
 * An agent's device works on one turn at a time: a turn's work starts when the agent acts or when its previous turn's
 * work is done, whichever is later, and its transactions land when the work ends. The contract takes them at the
 * agent's turn as without devices (balances and the model do not change); the devices say when they would land.
 * A day then ends on the clock or when the last transaction sent so far lands, whichever is later.
 * Everything runs on the clock's thread in clock order, so the numbers never depend on the host.
 */
final class SumDeviceTime {
    static final Metric DEVICE_MS = new Metric("device_ms", "ms (virtual)", "the agents' device work of the day's turns, summed over agents (hashing, signing, uploads, the contract's execution)");
    static final Metric DEVICE_BUSIEST_MS = new Metric("device_busiest_ms", "ms (virtual)", "the day's device work of the agent that worked longest");
    static final Metric DEVICE_BACKLOG_MS = new Metric("device_backlog_ms", "ms (virtual)",
            "how long after the day's end on the clock its last transaction lands (0 when all landed in the day)");
    static final List<Metric> METRICS = List.of(DEVICE_MS, DEVICE_BUSIEST_MS, DEVICE_BACKLOG_MS);

    static final int SIGNATURE_BYTES = 65;
    /** A claim's calldata: a 4-byte function selector and one 32-byte argument, the deposit id. */
    static final int CLAIM_CALLDATA_BYTES = 36;
    /** The contract's host: the chain's nodes. */
    static final DeviceProfile CONTRACT_HOST = DevicePreset.SERVER.profile();

    private final DeviceProfile[] agents;
    private final long contributionContractMillis;
    private final long claimContractMillis;
    /** Per agent: when its device is free again (SUM's time, ms). */
    private final long[] busyUntil;
    /** The latest landing of any transaction sent so far (SUM's time, ms). */
    private long lastLanding;
    /** Per agent: its device work in the day under way (ms). */
    private final long[] dayWork;

    /**
     * @param agents              each agent's device, by position in {@code scenario.agents}
     * @param forwardFlops        FLOPs of one prediction of the hosted model
     */
    SumDeviceTime(DeviceProfile[] agents, long forwardFlops) {
        this.agents = agents.clone();
        this.contributionContractMillis = CONTRACT_HOST.computeMillis(3.0 * forwardFlops);
        this.claimContractMillis = CONTRACT_HOST.computeMillis(forwardFlops);
        this.busyUntil = new long[agents.length];
        this.dayWork = new long[agents.length];
    }

    /** The devices of a run with a {@code devices} section; refuses what SUM does not model with one line. */
    static SumDeviceTime of(RunConfig config, SumParams params, int features, SeedStreams seeds) {
        DevicesConfig devicesConfig = config.devices();
        if (devicesConfig.trace() != null) {
            throw new UserError("devices.trace: offline windows are modelled for fedavg rounds only, not for SUM's agents; remove the trace for sum runs");
        }
        Devices devices = Devices.of(devicesConfig, config.model().type(), params.agents().size(), seeds);
        DeviceProfile[] profiles = new DeviceProfile[devices.size()];
        for (int i = 0; i < profiles.length; i++) {
            profiles[i] = devices.of(i);
            if (profiles[i].dropout() > 0) {
                throw new UserError("devices: SUM agent " + params.agents().get(i).name() + " (participant " + i + ") has dropout " + profiles[i].dropout()
                        + ", but dropout is drawn per round and SUM has none; set dropout to 0 for sum runs");
            }
        }
        return new SumDeviceTime(profiles, forwardFlops(params, features));
    }

    /** One prediction of the hosted model: a multiply-accumulate (2 FLOPs) per feature and output. */
    static long forwardFlops(SumParams params, int features) {
        int outputs = params.model() == SumParams.OnlineModelType.PERCEPTRON ? 1 : 2;
        return 2L * features * outputs;
    }

    /** The data handler's record of a contribution with {@code features} features: what addData carries and hashes. */
    static long contributionCalldataBytes(int features) {
        return (long) features * Float.BYTES + 3L * Long.BYTES;
    }

    /** The device work of one accepted addData with {@code features} features sent by {@code agent} (ms). */
    long contributionMillis(int agent, int features) {
        return transactionMillis(agents[agent], contributionCalldataBytes(features)) + contributionContractMillis;
    }

    /** The device work of one refund or take claimed by {@code agent} (ms). */
    long claimMillis(int agent) {
        return transactionMillis(agents[agent], CLAIM_CALLDATA_BYTES) + claimContractMillis;
    }

    /** Sign and hash the calldata, then upload it with the signature; each piece rounded up to a whole ms. */
    private static long transactionMillis(DeviceProfile device, long calldataBytes) {
        return device.millis(CryptoOps.signedAndHashed(1, calldataBytes).seconds(device)) + device.uploadMillis(calldataBytes + SIGNATURE_BYTES);
    }

    /** Agent {@code agent}'s turn at {@code nowMillis} sent {@code contributions} addData and {@code claims} claims. */
    void turn(int agent, long nowMillis, int features, int contributions, long claims) {
        long work = contributions * contributionMillis(agent, features) + claims * claimMillis(agent);
        if (work == 0) {
            return;
        }
        long landing = Math.max(nowMillis, busyUntil[agent]) + work;
        busyUntil[agent] = landing;
        lastLanding = Math.max(lastLanding, landing);
        dayWork[agent] += work;
    }

    /** The day's device work summed over agents. */
    long dayMillis() {
        return Arrays.stream(dayWork).sum();
    }

    long dayBusiestMillis() {
        return Arrays.stream(dayWork).max().orElse(0);
    }

    /** How long after {@code dayEndMillis} (SUM's time) the last transaction sent so far lands. */
    long backlogMillis(long dayEndMillis) {
        return Math.max(0, lastLanding - dayEndMillis);
    }

    /** A new day starts: its work counts from zero. */
    void startDay() {
        Arrays.fill(dayWork, 0);
    }

    /** What lasts between days: when each device is free and the last landing (the day's work is reported and reset). */
    void save(DataOutputStream out) throws IOException {
        out.writeInt(busyUntil.length);
        for (long t : busyUntil) {
            out.writeLong(t);
        }
        out.writeLong(lastLanding);
    }

    void restore(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n != busyUntil.length) {
            throw new IllegalStateException("checkpoint: devices of " + n + " SUM agents, the config has " + busyUntil.length);
        }
        for (int i = 0; i < n; i++) {
            busyUntil[i] = in.readLong();
        }
        lastLanding = in.readLong();
    }
}
