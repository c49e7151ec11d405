package io.chainfl.engine.config;

import java.util.List;

/**
 * One group of participants on one kind of device: a preset, optionally changed field by field, for the ids
 * {@code ids[0]..ids[1]} or for a seeded {@code fraction} of the participants (drawn like adversaries are, from the
 * run's seed; consecutive fraction entries take disjoint groups).
 */
public record DeviceAssignment(
        @Doc("the preset the profile starts from: phone, laptop (default), server or calibrated") String preset,
        @Doc("first and last participant id of the group, inclusive, e.g. [0, 9]") @Range(min = 0) List<Integer> ids,
        @Doc("fraction of the participants in the group, drawn with the seed (instead of ids)") @Range(min = 0, max = 1) Double fraction,
        @Doc("compute rate in FLOP/s (replaces the preset's)") @Range(min = 0, exclusiveMin = true) Double computeFlops,
        @Doc("upload bandwidth in bytes/s (replaces the preset's)") @Range(min = 0, exclusiveMin = true) Double uploadBytesPerS,
        @Doc("download bandwidth in bytes/s (replaces the preset's)") @Range(min = 0, exclusiveMin = true) Double downloadBytesPerS,
        @Doc("network latency in ms, paid once per transfer (replaces the preset's)") @Range(min = 0) Double latencyMs,
        @Doc("probability that the device is offline in a round (a seeded draw per participant and round; replaces the preset's)")
        @Range(min = 0, max = 1) Double dropout,
        @Doc("divides the compute rate and both bandwidths and multiplies the latency, after the fields above: 10 is a device ten times slower")
        @Range(min = 0, exclusiveMin = true) Double slowdown,
        @Doc("milliseconds of one modular exponentiation with a 2048-bit modulus and exponent (Paillier's cost; replaces the preset's; other sizes scale as modulus^2 x exponent)")
        @Range(min = 0, exclusiveMin = true) Double modexpMs) {

    public DeviceAssignment {
        preset = preset == null ? "laptop" : preset;
        ids = ids == null ? List.of() : List.copyOf(ids);
        slowdown = slowdown == null ? 1.0 : slowdown;
        DevicesConfig.checkPreset(preset);
        if (ids.isEmpty() == (fraction == null)) {
            throw new IllegalArgumentException("give either ids: [first, last] or fraction, not " + (ids.isEmpty() ? "neither" : "both"));
        }
        if (!ids.isEmpty() && (ids.size() != 2 || ids.get(0) > ids.get(1))) {
            throw new IllegalArgumentException("ids is a range [first, last] with first <= last, got " + ids);
        }
    }

    /** A group without its own modexp figure. */
    public DeviceAssignment(String preset, List<Integer> ids, Double fraction, Double computeFlops, Double uploadBytesPerS, Double downloadBytesPerS,
                            Double latencyMs, Double dropout, Double slowdown) {
        this(preset, ids, fraction, computeFlops, uploadBytesPerS, downloadBytesPerS, latencyMs, dropout, slowdown, null);
    }

    /** The profile of this group: {@code base} (its preset's profile), the fields given, then the slowdown. */
    public io.chainfl.engine.device.DeviceProfile profile(io.chainfl.engine.device.DeviceProfile base) {
        return new io.chainfl.engine.device.DeviceProfile(
                computeFlops == null ? base.computeFlops() : computeFlops,
                uploadBytesPerS == null ? base.uploadBytesPerS() : uploadBytesPerS,
                downloadBytesPerS == null ? base.downloadBytesPerS() : downloadBytesPerS,
                latencyMs == null ? base.latencyMs() : latencyMs,
                dropout == null ? base.dropout() : dropout,
                modexpMs == null ? base.modexp() : io.chainfl.engine.device.ModexpTimes.of(2048, modexpMs)).slowedBy(slowdown);
    }
}
