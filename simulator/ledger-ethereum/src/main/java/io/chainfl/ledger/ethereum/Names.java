package io.chainfl.ledger.ethereum;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.crypto.Hash;

/** Names of participants and accounts on chain: {@code bytes32 = keccak256(utf8(name))}. */
final class Names {
    private static final HexFormat HEX = HexFormat.of();

    private Names() {}

    static byte[] keccak(String name) {
        return Hash.sha3(name.getBytes(StandardCharsets.UTF_8));
    }

    static Bytes32 bytes32(String name) {
        return new Bytes32(keccak(name));
    }

    /** {@code 0x} + 64 lower-case hex digits, as events format bytes32. */
    static String hex(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }
}
