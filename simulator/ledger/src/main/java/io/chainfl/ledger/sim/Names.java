package io.chainfl.ledger.sim;

import java.util.HashMap;
import java.util.Map;

/** Name to bytes32 id ({@code keccak256(utf8(name))}), cached: a run uses a few hundred names millions of times. */
final class Names {
    private final Map<String, Bytes32> ids = new HashMap<>();

    Bytes32 id(String name) {
        return ids.computeIfAbsent(name, Bytes32::ofName);
    }
}
