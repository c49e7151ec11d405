package io.chainfl.engine.device;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.DeviceAssignment;
import io.chainfl.engine.config.DevicesConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.engine.seed.SeedStreams;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Every participant's device, resolved once from the {@code devices} section: the default preset, then each entry of
 * {@code assign} in order (a later entry overrides an earlier one where both name a participant). Fraction entries
 * take consecutive, disjoint slices of one seeded permutation of the ids (stream {@value #ORDER_STREAM}), so 10% phones
 * and 20% laptops are different participants, and the draw depends only on the seed and the participant count.
 */
public final class Devices {
    static final String ORDER_STREAM = "devices/order";

    private final DeviceProfile[] byId;

    private Devices(DeviceProfile[] byId) {
        this.byId = byId;
    }

    /** @param model the run's model type: a calibrated device computes at the rate measured for it */
    public static Devices of(DevicesConfig config, ModelType model, int participants, SeedStreams seeds) {
        Function<String, DeviceProfile> presets = presets(config, model);
        DeviceProfile[] byId = new DeviceProfile[participants];
        java.util.Arrays.fill(byId, presets.apply(config.defaultPreset()));
        List<Integer> order = seededOrder(participants, seeds.stream(ORDER_STREAM));
        int drawn = 0;
        for (int i = 0; i < config.assign().size(); i++) {
            DeviceAssignment entry = config.assign().get(i);
            DeviceProfile profile = entry.profile(presets.apply(entry.preset()));
            if (!entry.ids().isEmpty()) {
                int first = entry.ids().get(0);
                int last = entry.ids().get(1);
                if (last >= participants) {
                    throw new UserError("devices.assign[" + i + "].ids: participant " + last + " does not exist (ids run from 0 to " + (participants - 1) + ")");
                }
                for (int id = first; id <= last; id++) {
                    byId[id] = profile;
                }
            } else {
                int count = (int) Math.round(entry.fraction() * participants);
                if (drawn + count > participants) {
                    throw new UserError("devices.assign[" + i + "].fraction: the fraction entries ask for " + (drawn + count) + " participants but the run has "
                            + participants + "; lower the fractions");
                }
                for (int id : order.subList(drawn, drawn + count)) {
                    byId[id] = profile;
                }
                drawn += count;
            }
        }
        return new Devices(byId);
    }

    /** The device of whoever no entry of {@code assign} can name (DeepChain's workers): {@code default_preset}'s profile. */
    public static DeviceProfile defaultProfile(DevicesConfig config, ModelType model) {
        return presets(config, model).apply(config.defaultPreset());
    }

    /** The server's device ({@code devices.server_preset}), on which its own work is costed ({@code devices.server_work}). */
    public static DeviceProfile serverProfile(DevicesConfig config, ModelType model) {
        return presets(config, model).apply(config.serverPreset());
    }

    /** Preset names to profiles; the calibration file is read once, only if a preset names it. */
    private static Function<String, DeviceProfile> presets(DevicesConfig config, ModelType model) {
        DeviceProfile[] calibrated = new DeviceProfile[1];
        return name -> DevicePreset.named(name).map(DevicePreset::profile).orElseGet(() -> {
            if (calibrated[0] == null) {
                Path file = Path.of(config.calibration());
                calibrated[0] = Calibration.read(file).profile(model, file);
            }
            return calibrated[0];
        });
    }

    public DeviceProfile of(int participant) {
        return byId[participant];
    }

    public int size() {
        return byId.length;
    }

    /** A Fisher-Yates shuffle of 0..n-1, as the adversaries' draw does it. */
    private static List<Integer> seededOrder(int n, SplittableRandom rng) {
        List<Integer> order = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        for (int i = n - 1; i > 0; i--) {
            Collections.swap(order, i, rng.nextInt(i + 1));
        }
        return order;
    }
}
