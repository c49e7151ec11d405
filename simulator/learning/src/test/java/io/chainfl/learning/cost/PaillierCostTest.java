package io.chainfl.learning.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chainfl.engine.UserError;
import io.chainfl.engine.device.DeviceProfile;
import io.chainfl.engine.device.ModexpTimes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Threshold Paillier's steps as operation counts, and their time on a device, checked by hand. */
class PaillierCostTest {
    private static final CryptoOps.Size MOD_2048_EXP_1024 = new CryptoOps.Size(2048, 1024);

    @Test
    void encryptionIsOneExponentiationByNAndTwoProductsPerCiphertext() {
        CryptoOps ops = PaillierCost.encrypt(100, 1024);
        assertEquals(Map.of(MOD_2048_EXP_1024, 100L), ops.modexps());
        assertEquals(Map.of(2048, 200L), ops.modmuls());
        assertEquals(Map.of(2048, 300L), PaillierCost.aggregate(100, 4, 1024).modmuls(), "three products per ciphertext add four vectors");
    }

    @Test
    void aSharesExponentCarriesDeltaAndCombiningCountsTheLagrangeCoefficients() {
        // Delta = 10! = 3,628,800: 22 bits, so 2 x 1024 + 22 + 1
        assertEquals(2071, PaillierCost.shareExponentBits(1024, 10));
        assertEquals(Map.of(new CryptoOps.Size(2048, 2071), 5L), PaillierCost.decryptionShares(5, 1024, 10).modexps());
        // n = 4, shares 1 and 3: mu_1 = 24 x 3 / 2 = 36 (2|mu| = 72: 7 bits), mu_3 = 24 x 1 / (1 - 3) = -12 (24: 5 bits, an inverse)
        CryptoOps combine = PaillierCost.combine(10, 1024, 4, List.of(3, 1));
        assertEquals(Map.of(new CryptoOps.Size(2048, 5), 10L, new CryptoOps.Size(2048, 7), 10L), combine.modexps());
        assertEquals(Map.of(1024, 20L, 2048, 20L), combine.modmuls());
        assertEquals(Map.of(2048, 10L), combine.inverses());
    }

    @Test
    void timesFollowTheModexpLawFromTheNearestMeasuredSize() {
        DeviceProfile device = new DeviceProfile(1e9, 1e6, 1e6, 0, 0, new ModexpTimes(Map.of(1024, 0.5, 4096, 40.0)));
        // 2048 bits is as near 1024 as 4096 by ratio: the larger wins, 40 x (1/2)^2 x (1024/4096) = 2.5 ms
        assertEquals(2.5e-3, device.modexp().seconds(2048, 1024), 1e-15);
        // 1024-bit modulus and 512-bit exponent from the 1024 figure: 0.25 ms
        assertEquals(0.25e-3, device.modexp().seconds(1024, 512), 1e-15);
        CryptoOps ops = PaillierCost.encrypt(4, 512).plus(CryptoOps.signedAndHashed(1, 1000));
        // 4 x 0.25 ms + 8 products at 1024 bits (0.5 / 1228.8 ms) + a signature (4,608 products at 256 bits from the 1024 figure:
        // 0.5 / 64 / 307.2 ms each) + 36,000 hash operations at 1e9 per second
        double expected = 4 * 0.25e-3 + 8 * 0.5e-3 / 1228.8 + 4608 * 0.5e-3 / 64 / 307.2 + 36_000 / 1e9;
        assertEquals(expected, ops.seconds(device), 1e-15);
        assertEquals(2 * expected, ops.times(2).seconds(device), 1e-15);
    }

    @Test
    void aDeviceWithoutModexpTimesIsRefusedWhenCryptoIsCosted() {
        DeviceProfile unmeasured = new DeviceProfile(1e9, 1e6, 1e6, 0, 0, ModexpTimes.NONE);
        UserError e = assertThrows(UserError.class, () -> PaillierCost.encrypt(1, 1024).seconds(unmeasured));
        assertEquals("devices: a device has no modular exponentiation time (a calibration file without modexp_ms); rerun chainfl calibrate,"
                + " or give modexp_ms in devices.assign", e.getMessage());
    }
}
