package io.chainfl.ledger.sim;

/**
 * A block of the simulated chain. Transactions are stored once, in chain order, so a block names its range
 * {@code [firstTx, firstTx + txCount)}; the Merkle root commits to their ids and the hash to the header.
 *
 * @param leader the validator that produced it (stake sortition, BFT proposer, PoA signer), -1 when not
 *               modelled (proof of work)
 */
public record SimBlock(long number, long timestampMillis, int leader, Bytes32 previousHash, Bytes32 merkleRoot,
        long firstTx, int txCount, long gasUsed, long calldataBytes, Bytes32 hash) {

    /** keccak256 of every header field but the hash itself. */
    public Bytes32 computeHash() {
        byte[] header = new byte[8 * 6 + 4 + 4 + 64];
        int at = 0;
        for (long v : new long[] {number, timestampMillis, firstTx, gasUsed, calldataBytes}) {
            Bytes32.putWord(header, at, v);
            at += 8;
        }
        Bytes32.putWord(header, at, ((long) leader << 32) | (txCount & 0xffffffffL));
        at += 8;
        previousHash.writeTo(header, at);
        merkleRoot.writeTo(header, at + 32);
        return Bytes32.of(Keccak256.hash(header, 0, at + 64));
    }

    SimBlock withHash() {
        return new SimBlock(number, timestampMillis, leader, previousHash, merkleRoot, firstTx, txCount, gasUsed, calldataBytes, computeHash());
    }
}
