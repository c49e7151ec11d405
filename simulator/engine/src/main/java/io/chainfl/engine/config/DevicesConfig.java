package io.chainfl.engine.config;

import io.chainfl.engine.device.DevicePreset;
import java.util.List;

/**
 * What each participant's device is: how fast it computes and how fast its network is, so that a round's virtual
 * duration follows from the work it does (README "Virtual time"). Without this section every device takes no time
 * and a round lasts only its ledger time, as before devices were modelled.
 */
public record DevicesConfig(
        @Doc("the profile of every participant no entry of assign names: phone, laptop or server (README: Virtual time gives their numbers)")
        String defaultPreset,
        @Doc("profiles for some participants, by id range or seeded fraction; where entries overlap, the later one wins")
        List<DeviceAssignment> assign) {

    public DevicesConfig {
        defaultPreset = defaultPreset == null ? "laptop" : defaultPreset;
        assign = assign == null ? List.of() : List.copyOf(assign);
        checkPreset(defaultPreset);
    }

    static void checkPreset(String name) {
        if (DevicePreset.named(name).isEmpty()) {
            throw new IllegalArgumentException("unknown device preset '" + name + "'; expected one of " + DevicePreset.names());
        }
    }
}
