package io.chainfl.ledger.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chainfl.engine.Hashes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Keccak256Test {
    private static String keccak(String text) {
        return Hashes.hex(Keccak256.hash(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ethereumKnownValues() {
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", keccak(""));
        assertEquals("4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15", keccak("The quick brown fox jumps over the lazy dog"));
        // ERC-20 function selectors every Ethereum tool prints
        assertEquals("a9059cbb", keccak("transfer(address,uint256)").substring(0, 8));
        assertEquals("70a08231", keccak("balanceOf(address)").substring(0, 8));
        assertEquals("095ea7b3", keccak("approve(address,uint256)").substring(0, 8));
        // the ERC-20 Transfer event topic
        assertEquals("ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", keccak("Transfer(address,address,uint256)"));
    }

    @Test
    void slicesHashLikeTheirCopiesAndTheDigestResetsBetweenCalls() {
        byte[] data = "xxThe quick brown fox jumps over the lazy dogyy".getBytes(StandardCharsets.UTF_8);
        byte[] slice = java.util.Arrays.copyOfRange(data, 2, data.length - 2);
        assertArrayEquals(Keccak256.hash(slice), Keccak256.hash(data, 2, data.length - 4));
        assertEquals("4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15", Hashes.hex(Keccak256.hash(data, 2, data.length - 4)));
    }

    @Test
    void namesMapToKeccakOfTheirUtf8Bytes() {
        assertEquals("0x" + keccak("participant-3"), Bytes32.ofName("participant-3").toString());
    }
}
