package io.chainfl.engine.config;

import io.chainfl.engine.device.Calibration;
import io.chainfl.engine.device.DevicePreset;
import java.util.List;

/**
 * What each participant's device is: how fast it computes and how fast its network is, so that a round's virtual
 * duration follows from the work it does (docs/virtual-time.md). Without this section every device takes no time
 * and a round lasts only its ledger time, as before devices were modelled.
 */
public record DevicesConfig(
        @Doc("the profile of every participant no entry of assign names: phone, laptop, server or calibrated (docs/virtual-time.md gives their numbers)")
        String defaultPreset,
        @Doc("profiles for some participants, by id range or seeded fraction; where entries overlap, the later one wins")
        List<DeviceAssignment> assign,
        @Doc("a file written by chainfl calibrate: the preset calibrated is a device as fast as the machine it measured")
        String calibration,
        @Doc("a CSV of offline windows (participant,offline_from_s,offline_to_s, in virtual seconds): a participant offline when a round starts is not asked")
        String trace,
        @Doc("what the fedavg server's own computation adds to a round: none (default), aggregate (the aggregator's FLOPs over the round's uploads)"
                + " or aggregate_and_evaluate (also the forward pass over the test set, before the next round starts), on server_preset's device")
        ServerWork serverWork,
        @Doc("the server's device with server_work: phone, laptop, server (default) or calibrated")
        String serverPreset) {

    public DevicesConfig {
        defaultPreset = defaultPreset == null ? "laptop" : defaultPreset;
        assign = assign == null ? List.of() : List.copyOf(assign);
        serverWork = serverWork == null ? ServerWork.NONE : serverWork;
        serverPreset = serverPreset == null ? "server" : serverPreset;
        checkPreset(defaultPreset);
        checkPreset(serverPreset);
        boolean calibrated = defaultPreset.equals(Calibration.PRESET) || serverPreset.equals(Calibration.PRESET)
                || assign.stream().anyMatch(a -> a.preset().equals(Calibration.PRESET));
        if (calibrated && calibration == null) {
            throw new IllegalArgumentException("the preset calibrated needs devices.calibration, a file written by chainfl calibrate --out FILE");
        }
    }

    public DevicesConfig(String defaultPreset, List<DeviceAssignment> assign) {
        this(defaultPreset, assign, null, null, null, null);
    }

    public DevicesConfig(String defaultPreset, List<DeviceAssignment> assign, String calibration) {
        this(defaultPreset, assign, calibration, null, null, null);
    }

    public DevicesConfig(String defaultPreset, List<DeviceAssignment> assign, String calibration, String trace) {
        this(defaultPreset, assign, calibration, trace, null, null);
    }

    static void checkPreset(String name) {
        if (DevicePreset.named(name).isEmpty() && !name.equals(Calibration.PRESET)) {
            throw new IllegalArgumentException("unknown device preset '" + name + "'; expected one of " + DevicePreset.names() + " or " + Calibration.PRESET);
        }
    }
}
