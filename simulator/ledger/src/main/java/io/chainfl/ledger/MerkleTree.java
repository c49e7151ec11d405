package io.chainfl.ledger;

import io.chainfl.engine.Hashes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/** Bitcoin-style Merkle root over transaction ids (an odd node is paired with itself). */
public final class MerkleTree {
    private MerkleTree() {}

    public static byte[] root(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return new byte[32];
        }
        List<byte[]> level = new ArrayList<>(leaves);
        MessageDigest sha = Hashes.sha256();
        while (level.size() > 1) {
            List<byte[]> next = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                byte[] left = level.get(i);
                byte[] right = i + 1 < level.size() ? level.get(i + 1) : left;
                sha.update(left);
                sha.update(right);
                next.add(sha.digest());
            }
            level = next;
        }
        return level.get(0);
    }
}
