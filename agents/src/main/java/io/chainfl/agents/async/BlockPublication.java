package io.chainfl.agents.async;

import io.chainfl.ledger.sim.ConsensusModel;

/**
 * {@code publish: on_block}: a server version is downloadable once the block holding its hash is sealed, at the
 * consensus model's block times. Blocks are built as the ledger's timeline builds them: a version made while a block
 * is open (before its slot's time) goes into it; one made at or after that time finds the block sealed and opens the
 * next, whose slot the consensus model gives from the head's time and the version's. Under proof of authority with a
 * 1 s interval, a version made at 0.15 s is published at 1 s, one made at 1 s at 2 s; under instant consensus every
 * version is published when it is made (the same timeline as {@code immediate}).
 */
public final class BlockPublication implements AsyncSchedule.Publication {
    private final ConsensusModel consensus;
    private long headMillis;
    private ConsensusModel.BlockSlot open;

    /** @param consensus the chain's consensus model, drawing from a seeded stream of its own (its block times) */
    public BlockPublication(ConsensusModel consensus, long startMillis) {
        this.consensus = consensus;
        this.headMillis = startMillis;
    }

    @Override
    public long publishedAt(long madeMillis) {
        if (open != null && madeMillis < open.timeMillis()) {
            return open.timeMillis();
        }
        if (open != null) {
            headMillis = open.timeMillis();
        }
        open = consensus.next(headMillis, madeMillis);
        return open.timeMillis();
    }
}
