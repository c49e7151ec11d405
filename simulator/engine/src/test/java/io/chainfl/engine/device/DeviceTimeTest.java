package io.chainfl.engine.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.DeviceAssignment;
import io.chainfl.engine.config.DevicesConfig;
import io.chainfl.engine.config.ModelType;
import io.chainfl.engine.seed.SeedStreams;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Transfer and compute times computed by hand, and how a devices section assigns profiles. */
class DeviceTimeTest {

    @Test
    void transfersAreLatencyPlusBytesOverBandwidthRoundedUp() {
        DeviceProfile phone = DevicePreset.PHONE.profile(); // 3.75 MB/s down, 1.125 MB/s up, 50 ms
        // the MLP's 407,080 bytes: 407,080 / 3,750,000 s = 108.55 ms, + 50 ms -> 159 ms
        assertEquals(159, phone.downloadMillis(407_080));
        // 407,080 / 1,125,000 s = 361.85 ms, + 50 -> 412 ms
        assertEquals(412, phone.uploadMillis(407_080));
        assertEquals(50, phone.uploadMillis(0), "an empty transfer still pays the latency");
        DeviceProfile server = DevicePreset.SERVER.profile(); // 1.25 GB/s, 1 ms
        assertEquals(2, server.downloadMillis(1_000_000), "1 ms latency + 0.8 ms, rounded up");
    }

    @Test
    void computeIsFlopsOverTheRateRoundedUp() {
        DeviceProfile laptop = DevicePreset.LAPTOP.profile(); // 50 GFLOP/s
        assertEquals(0, laptop.computeMillis(0));
        assertEquals(1, laptop.computeMillis(1), "any work takes at least a millisecond");
        assertEquals(20, laptop.computeMillis(1e9));
        // the MLP trained on 1,486 samples: 609,792 * 1,486 = 906,150,912 FLOPs = 18.12 ms -> 19
        assertEquals(19, laptop.computeMillis(609_792.0 * 1_486));
    }

    @Test
    void aSlowdownOfTenMakesEveryPieceTenTimesLonger() {
        DeviceProfile phone = DevicePreset.PHONE.profile();
        DeviceProfile slow = phone.slowedBy(10);
        assertEquals(10 * 50, slow.uploadMillis(0));
        assertEquals(10_000, slow.computeMillis(1e10));
        assertEquals(10 * phone.computeMillis(1e10), slow.computeMillis(1e10));
    }

    @Test
    void idRangesAndSeededFractionsAssignProfiles() {
        DeviceAssignment servers = new DeviceAssignment("server", List.of(0, 2), null, null, null, null, null, null, null);
        DeviceAssignment slowPhones = new DeviceAssignment("phone", null, 0.2, null, null, null, 5.0, 0.1, 10.0);
        Devices devices = Devices.of(new DevicesConfig("laptop", List.of(servers, slowPhones)), ModelType.MLP, 10, new SeedStreams(7));
        long slow = IntStream.range(0, 10).filter(id -> devices.of(id).latencyMs() == 50.0).count();
        assertEquals(2, slow, "a fifth of 10 participants");
        for (int id = 0; id < 10; id++) {
            DeviceProfile d = devices.of(id);
            if (d.latencyMs() == 50.0) {
                assertEquals(1e9, d.computeFlops(), "phone / 10");
                assertEquals(0.1, d.dropout());
            } else if (id <= 2) {
                assertEquals(DevicePreset.SERVER.profile(), d);
            } else {
                assertEquals(DevicePreset.LAPTOP.profile(), d);
            }
        }
        Devices again = Devices.of(new DevicesConfig("laptop", List.of(servers, slowPhones)), ModelType.MLP, 10, new SeedStreams(7));
        IntStream.range(0, 10).forEach(id -> assertEquals(devices.of(id), again.of(id), "the draw depends only on the seed"));
        Devices otherSeed = Devices.of(new DevicesConfig("laptop", List.of(slowPhones)), ModelType.MLP, 100, new SeedStreams(8));
        assertEquals(20, IntStream.range(0, 100).filter(id -> otherSeed.of(id).latencyMs() == 50.0).count());
    }

    @Test
    void badSectionsAreRefusedWithOneLine() {
        assertThrows(IllegalArgumentException.class, () -> new DevicesConfig("tablet", null));
        assertThrows(IllegalArgumentException.class, () -> new DeviceAssignment("phone", null, null, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new DeviceAssignment("phone", List.of(3, 1), null, null, null, null, null, null, null));
        assertThrows(IllegalArgumentException.class, () -> new DeviceAssignment("phone", List.of(1, 3), 0.5, null, null, null, null, null, null));
        DeviceAssignment tooFar = new DeviceAssignment("phone", List.of(5, 12), null, null, null, null, null, null, null);
        UserError e = assertThrows(UserError.class, () -> Devices.of(new DevicesConfig(null, List.of(tooFar)), ModelType.MLP, 10, new SeedStreams(1)));
        assertTrue(e.getMessage().startsWith("devices.assign[0].ids: participant 12 does not exist"), e.getMessage());
    }
}
