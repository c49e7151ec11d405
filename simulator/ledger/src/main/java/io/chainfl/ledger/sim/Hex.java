package io.chainfl.ledger.sim;

import java.nio.charset.StandardCharsets;

/** Lower-case hex through a lookup table: receipts carry a hex id per transaction, so this is on the hot path. */
final class Hex {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Hex() {}

    static String of(byte[] bytes) {
        byte[] chars = new byte[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            chars[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
            chars[2 * i + 1] = DIGITS[bytes[i] & 0xf];
        }
        return new String(chars, StandardCharsets.ISO_8859_1);
    }
}
