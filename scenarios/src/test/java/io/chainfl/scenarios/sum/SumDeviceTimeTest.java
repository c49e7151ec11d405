package io.chainfl.scenarios.sum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.engine.device.DevicePreset;
import io.chainfl.engine.device.DeviceProfile;
import org.junit.jupiter.api.Test;

/** SUM's transactions on the presets, recomputed by hand from the preset figures (docs/virtual-time.md). */
class SumDeviceTimeTest {
    private static final int DIGITS = 784;
    /** Hosted softmax over 784 features and 2 classes: 2 x 784 x 2 FLOPs a prediction. */
    private static final long FORWARD = 3_136;

    private final SumDeviceTime devices = new SumDeviceTime(new DeviceProfile[] {DevicePreset.PHONE.profile(), DevicePreset.LAPTOP.profile()}, FORWARD);

    @Test
    void anAddDataAndAClaimOnAPhoneAndALaptop() {
        assertEquals(3_160, SumDeviceTime.contributionCalldataBytes(DIGITS), "784 4-byte floats, label, time and deposit as longs");
        // phone: upload 50 ms + 3,225 B / 1.125 MB/s = 52.87 -> 53 ms; signing (4,608 x 10 ms x (256/2048)^3 / 307.2 = 0.293 ms)
        // and hashing (3,160 x 36 / 10 GFLOP/s = 0.011 ms) -> 1 ms; contract 9,408 FLOPs at 500 GFLOP/s -> 1 ms
        assertEquals(55, devices.contributionMillis(0, DIGITS));
        // laptop: 20 ms + 3,225 B / 2.5 MB/s = 21.29 -> 22 ms, crypto 1 ms, contract 1 ms
        assertEquals(24, devices.contributionMillis(1, DIGITS));
        // a claim: 36 + 65 bytes; phone 50 + 0.09 -> 51 ms, crypto 1, the contract's prediction (3,136 FLOPs) 1
        assertEquals(53, devices.claimMillis(0));
        assertEquals(23, devices.claimMillis(1), "laptop: 20.04 -> 21 ms + 1 + 1");
    }

    @Test
    void aDeviceWorksOnOneTurnAtATimeAndTheBacklogCountsFromTheDaysEnd() {
        devices.turn(0, 0, DIGITS, 1, 1);        // 55 + 53: lands at 108
        devices.turn(0, 50, DIGITS, 1, 0);       // waits for the first: 108 + 55 = 163
        devices.turn(1, 150, DIGITS, 0, 2);      // laptop, two claims: 150 + 46 = 196
        devices.turn(1, 160, DIGITS, 0, 0);      // sent nothing: no work, no landing
        assertEquals(108 + 55 + 46, devices.dayMillis());
        assertEquals(163, devices.dayBusiestMillis());
        assertEquals(46, devices.backlogMillis(150), "the last landing (196) is 46 ms after a day that ended at 150");
        assertEquals(0, devices.backlogMillis(200));
        devices.startDay();
        assertEquals(0, devices.dayMillis());
        devices.turn(0, 100, DIGITS, 1, 0);      // still busy until 163: 163 + 55
        assertEquals(218, 163 + devices.dayMillis());
        assertEquals(18, devices.backlogMillis(200));
    }
}
