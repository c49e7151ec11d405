package io.chainfl.agents.deepchain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.engine.device.DevicePreset;
import io.chainfl.engine.device.DeviceProfile;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One DeepChain party's round on a laptop, by hand from the preset's figures (50 GFLOP/s, 20 Mbit/s up = 2.5 MB/s,
 * 90 Mbit/s down = 11.25 MB/s, 20 ms per transfer, 2.5 ms per modular exponentiation with a 2048-bit modulus and
 * exponent): the softmax (7,850 values, 31,400 bytes), 4 parties, t = 2, 1024-bit keys (46 values of 22 bits per
 * ciphertext, so 171 ciphertexts of 256 bytes: 43,776 bytes), 4,000 gradients per transaction (87 ciphertexts, so 2
 * transactions), 15 iterations of 64 samples.
 */
class DeepChainDeviceTimeTest {
    private static final DeviceProfile LAPTOP = DevicePreset.LAPTOP.profile();
    private static final DeepChainDeviceTime.Work SOFTMAX_1024 = new DeepChainDeviceTime.Work(31_400, 7_850, 1024, 171, 43_776, 43_776, 2, 4);
    private static final double TRAIN_FLOPS = 15 * 64 * 47_040.0; // 3 x 2 x 784 x 10 FLOPs per sample

    private static DeepChainDeviceTime laptops(boolean hasLedger) {
        return DeepChainDeviceTime.of(Collections.nCopies(4, LAPTOP), Collections.nCopies(3, LAPTOP), new double[] {TRAIN_FLOPS, TRAIN_FLOPS, TRAIN_FLOPS,
            TRAIN_FLOPS}, SOFTMAX_1024, hasLedger);
    }

    @Test
    void onePartysUploadPhaseByHand() {
        // download: 20 ms + 31,400 / 11.25e6 s = 22.79 ms -> 23
        // train: 45,158,400 FLOPs / 50e9 = 0.90 ms -> 1
        // crypto: 171 exponentiations mod n^2 (2048 bits) by n (1024 bits) at 2.5 x 1024/2048 = 1.25 ms: 213.75 ms;
        //   342 multiplications at 2048 bits, 2.5 / (1.2 x 2048) = 0.0010173 ms each: 0.3479 ms;
        //   2 signatures of 4,608 multiplications at 256 bits (2.5 / 512 / (1.2 x 256) = 1.5895e-5 ms each): 0.1465 ms;
        //   43,776 bytes hashed at 36 operations per byte, 50e9 per second: 0.0315 ms; in all 214.276 ms -> 215
        // upload: 20 ms + 43,776 / 2.5e6 s = 37.51 ms -> 38
        assertEquals(23 + 1 + 215 + 38, laptops(true).uploadMillis(0));
        // without a ledger nothing is signed or hashed: 213.75 + 0.3479 = 214.098 ms, still 215
        assertEquals(23 + 1 + 215 + 38, laptops(false).uploadMillis(0));
    }

    @Test
    void decryptionSharesAndCombinationByHand() {
        // shares: exponent 2 Delta s_i with Delta = 4! = 24 (5 bits): 2048 + 5 + 1 = 2054 bits, 2.5 x 2054/2048 = 2.507324 ms each,
        // 171 of them 428.752 ms -> 429; download 20 + 3.89 = 23.89 -> 24; upload 43,776 bytes of shares -> 38
        assertEquals(24 + 429 + 38, laptops(true).sharesMillis(0));
        // combination of shares 1 and 2: mu_1 = 24 x 2 / 1 = 48, mu_2 = 24 x 1 / (1 - 2) = -24, so per ciphertext
        // exponents 2|mu| of 7 and 6 bits (0.008545 + 0.007324 ms), 2 multiplications and one inverse (32) at 2048 bits
        // (34 x 0.0010173 = 0.034587 ms) and 2 at 1024 bits (0.3125 / 1228.8 = 0.00025431 ms each): 0.050964 ms;
        // 171 of them 8.715 ms -> 9; download 2 x 43,776 bytes: 20 + 7.78 = 27.78 -> 28
        assertEquals(28 + 9, laptops(true).combineMillis(0, List.of(1, 2)));
    }

    @Test
    void aRoundIsTheSumOfItsFourSlowestMembers() {
        DeepChainDeviceTime time = laptops(true);
        // a worker: download 4 submissions (20 + 15.57 = 35.57 -> 36), 3 x 171 products (0.5219 ms) and one signed,
        // hashed aggregate (0.0732 + 0.0315 ms): 0.6266 -> 1, upload 38
        assertEquals(36 + 1 + 38, time.aggregationMillis(0, 4));
        long round = time.roundMillis(List.of(0, 1, 2, 3), List.of(0, 1, 2), 4, List.of(1, 2), List.of(0, 1, 2, 3));
        assertEquals(277 + 75 + 491 + 37, round);
        assertEquals(277 + 75, time.roundMillis(List.of(0, 1, 2, 3), List.of(0, 1, 2), 4, List.of(), List.of(0, 1, 2, 3)),
                "a round that did not decrypt ends with the aggregation");
        assertEquals(0, DeepChainDeviceTime.NONE.roundMillis(List.of(0), List.of(0), 1, List.of(1), List.of(0)), "no devices, no time");
    }

    @Test
    void aSlowerPartySetsThePaceOfItsPhases() {
        DeviceProfile slow = LAPTOP.slowedBy(2);
        DeepChainDeviceTime time = DeepChainDeviceTime.of(List.of(LAPTOP, slow, LAPTOP, LAPTOP), Collections.nCopies(3, LAPTOP),
                new double[] {TRAIN_FLOPS, TRAIN_FLOPS, TRAIN_FLOPS, TRAIN_FLOPS}, SOFTMAX_1024, true);
        // twice the latency and half the bandwidths and speed: 46 + 2 + 429 + 76 (rounded up piece by piece)
        assertEquals(46 + 2 + 429 + 76, time.uploadMillis(1));
        assertEquals(time.uploadMillis(1) + 75 + time.sharesMillis(1) + time.combineMillis(1, List.of(1, 2)),
                time.roundMillis(List.of(0, 1, 2, 3), List.of(0, 1, 2), 4, List.of(1, 2), List.of(0, 1, 2, 3)));
    }

    /** The parties study's CNN (252,398 values) at 1024-bit keys, payloads off chain (one signed transaction per submission), n laptops, 3 workers. */
    private static DeepChainDeviceTime cnn(int parties) {
        int slots = parties == 4 ? 46 : 42; // 20-bit values plus log2(n) rounded up headroom bits, 1023 plaintext bits: 22 or 24 bits a slot
        long ciphertexts = (252_398 + slots - 1) / slots;
        long bytes = ciphertexts * 256;
        double[] train = new double[parties];
        java.util.Arrays.fill(train, 1.9e9); // 38 ms at 50 GFLOP/s, about the CNN's 15 mini-batches of 64
        return DeepChainDeviceTime.of(Collections.nCopies(parties, LAPTOP), Collections.nCopies(3, LAPTOP), train,
                new DeepChainDeviceTime.Work(252_398L * 4, 252_398, 1024, ciphertexts, bytes, bytes, 1, parties), true);
    }

    /**
     * Where the devices' +18% from 4 to 10 parties goes (docs/deepchain.md, On devices): 5,487 ciphertexts per party
     * at 4 parties, 6,010 at 10 (+9.5%: the packing's headroom for the sum of n updates); t = 2 and 4.
     */
    @Test
    void thePartiesStudysPhasesAtFourAndTenParties() {
        DeepChainDeviceTime four = cnn(4);
        DeepChainDeviceTime ten = cnn(10);
        // shares: download 20 + 1,404,672 / 11.25e6 s = 144.86 -> 145; 5,487 exponentiations with 2048 + 5 + 1 bits
        // (Delta = 4! = 24) at 2.5 x 2054/2048 ms: 13,757.6 -> 13,758; upload 20 + 1,404,672 / 2.5e6 s = 581.87 -> 582
        assertEquals(145 + 13_758 + 582, four.sharesMillis(0));
        // 10 parties: 1,538,560 bytes: 156.76 -> 157; Delta = 10! = 3,628,800 (22 bits): 6,010 x 2.5 x 2071/2048 =
        // 15,193.6 -> 15,194; upload 635.42 -> 636
        assertEquals(157 + 15_194 + 636, ten.sharesMillis(0));
        // a worker downloads every submission: 20 + 4 x 1,404,672 / 11.25e6 s = 519.4 -> 520, against
        // 20 + 10 x 1,538,560 / 11.25e6 s = 1,387.6 -> 1,388; then 3 x 5,487 or 9 x 6,010 products at 0.0010173 ms and the
        // aggregate's hash (16.7 + 1.0 -> 18 ms, 55.0 + 1.1 -> 57 ms) and its upload (582, 636 ms)
        assertEquals(520 + 18 + 582, four.aggregationMillis(0, 4));
        assertEquals(1_388 + 57 + 636, ten.aggregationMillis(0, 10));
        assertEquals(520, LAPTOP.downloadMillis(4 * 1_404_672L));
        assertEquals(1_388, LAPTOP.downloadMillis(10 * 1_538_560L));
        // the model's phase totals, quoted in docs/deepchain.md (upload = model download + training + encryption + upload)
        assertEquals(List.of(7_601L, 1_120L, 14_485L, 550L),
                List.of(four.uploadMillis(0), four.aggregationMillis(0, 4), four.sharesMillis(0), four.combineMillis(0, List.of(1, 2))));
        assertEquals(List.of(8_310L, 2_081L, 15_987L, 1_714L),
                List.of(ten.uploadMillis(0), ten.aggregationMillis(0, 10), ten.sharesMillis(0), ten.combineMillis(0, List.of(1, 2, 3, 4))));
    }

    /**
     * Streamed, the same work in 13 pieces (a 20,000-gradient transaction's worth of ciphertexts: 435 of 111,360 bytes
     * at 4 parties, 477 of 122,112 at 10): each stream lasts (sum of its stages + 12 x its slowest) / 13, its slowest
     * stage being the encryption and then the decryption shares, so the rest hides behind them but for one piece.
     */
    @Test
    void streamedThePhasesHideBehindTheCryptography() {
        DeepChainDeviceTime four = streamed(4);
        // the stages are the unstreamed figures above: prefix 110 (model download) + 38 (training); encryption
        // 7,601 - 148 - 582 = 6,871, upload 582, a worker's download 520, products 18, the aggregate's upload 582:
        // (8,573 + 12 x 6,871) / 13 = 7,001.9 -> 7,002
        assertEquals(7_002, four.pipeline(new long[] {6_871, 582, 520, 18, 582}));
        // decryption: download 145, shares 13,758, their upload 582, the combining party's download of 2 share vectors
        // 270, its combination 550 - 270 = 280: (15,035 + 12 x 13,758) / 13 = 13,856.2 -> 13,857
        List<Integer> everyone = List.of(0, 1, 2, 3);
        DeepChainDeviceTime.Spent round = four.round(everyone, List.of(0, 1, 2), 4, List.of(1, 2), everyone);
        assertEquals(148 + 7_002 + 13_857, round.millis());
        // crypto alone: (6,871 + 18 + 12 x 6,871) / 13 = 6,872.4 -> 6,873 and (13,758 + 280 + 12 x 13,758) / 13 = 13,779.5 -> 13,780
        assertEquals(6_873 + 13_780, round.cryptoMillis());
        // 10 parties: (10,243 + 12 x 7,526) / 13 = 7,735 and (17,701 + 12 x 15,194) / 13 = 15,386.8 -> 15,387
        List<Integer> ten = java.util.stream.IntStream.range(0, 10).boxed().toList();
        assertEquals(148 + 7_735 + 15_387, streamed(10).round(ten, List.of(0, 1, 2), 10, List.of(1, 2, 3, 4), ten).millis());
        // unstreamed the same work is the sum of the phases
        assertEquals(7_601 + 1_120 + 14_485 + 550, cnn(4).round(everyone, List.of(0, 1, 2), 4, List.of(1, 2), everyone).millis());
        assertEquals(1, one(4).pipeline(new long[] {1}), "one piece: the stages one after another");
        assertEquals(7, one(4).pipeline(new long[] {3, 4}));
    }

    private static DeepChainDeviceTime streamed(int parties) {
        return withPieces(parties, 13, true);
    }

    private static DeepChainDeviceTime one(int parties) {
        return withPieces(parties, 1, true);
    }

    private static DeepChainDeviceTime withPieces(int parties, long pieces, boolean streamed) {
        DeepChainDeviceTime.Work w = new DeepChainDeviceTime.Work(252_398L * 4, 252_398, 1024, parties == 4 ? 5_487 : 6_010, (parties == 4 ? 5_487 : 6_010) * 256L,
                (parties == 4 ? 5_487 : 6_010) * 256L, 1, parties, pieces);
        double[] train = new double[parties];
        java.util.Arrays.fill(train, 1.9e9);
        return DeepChainDeviceTime.of(Collections.nCopies(parties, LAPTOP), Collections.nCopies(3, LAPTOP), train, w, true, streamed);
    }
}
