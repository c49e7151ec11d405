package io.chainfl.ledger.sim;

import io.chainfl.engine.config.SimulatedLedgerConfig;
import io.chainfl.ledger.BulletinBoard;
import io.chainfl.ledger.Election;
import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.GradientExchange;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerStats;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The simulated blockchain: the four contracts mirrored in Java on one {@link SimulatedChain} with EVM gas and
 * a consensus latency model. Thread-safe (every call locks the chain); deterministic for a seed and a
 * submission order. Calls that revert raise {@link io.chainfl.ledger.LedgerRevertException} and leave
 * no transaction behind (as when a client's gas estimation fails).
 */
public final class SimulatedLedger implements Ledger {
    private final SimulatedChain chain;
    private final SimBulletinBoard bulletinBoard;
    private final SimElection election;
    private final SimEscrow escrow;
    private final SimGradientExchange gradientExchange;
    private final SimDanKu danku;
    private final SimRewardPool rewardPool;
    private final SimProofOfLearning proofOfLearning;

    /** @param random the consensus model's stream, derived from the master seed by the caller */
    public SimulatedLedger(SimulatedLedgerConfig config, SplittableRandom random) {
        this(new SimulatedChain(config.blockGasLimit(), config.blockSizeBytes(), config.confirmations(),
                ConsensusModels.create(config.consensus(), random)));
    }

    public SimulatedLedger(SimulatedChain chain) {
        this.chain = chain;
        Names names = new Names();
        bulletinBoard = new SimBulletinBoard(chain, names);
        election = new SimElection(chain);
        escrow = new SimEscrow(chain, names);
        gradientExchange = new SimGradientExchange(chain, names);
        danku = new SimDanKu(chain, names);
        rewardPool = new SimRewardPool(chain, names);
        proofOfLearning = new SimProofOfLearning(chain, names);
    }

    @Override
    public BulletinBoard bulletinBoard() {
        return bulletinBoard;
    }

    @Override
    public Election election() {
        return election;
    }

    @Override
    public Escrow escrow() {
        return escrow;
    }

    @Override
    public GradientExchange gradientExchange() {
        return gradientExchange;
    }

    @Override
    public io.chainfl.ledger.DanKu danku() {
        return danku;
    }

    @Override
    public io.chainfl.ledger.RewardPool rewardPool() {
        return rewardPool;
    }

    @Override
    public io.chainfl.ledger.ProofOfLearning proofOfLearning() {
        return proofOfLearning;
    }

    @Override
    public void seal() {
        synchronized (chain) {
            chain.seal();
        }
    }

    @Override
    public boolean verifyChain() {
        synchronized (chain) {
            return chain.verifyChain();
        }
    }

    @Override
    public LedgerStats stats() {
        synchronized (chain) {
            return chain.stats();
        }
    }

    @Override
    public List<LedgerEvent> events() {
        synchronized (chain) {
            return chain.events();
        }
    }

    /** Sealed blocks from genesis (number 0); the leader of each is the consensus model's choice. */
    public List<SimBlock> blocks() {
        synchronized (chain) {
            return chain.blocks();
        }
    }

    public List<String> txIds(SimBlock block) {
        synchronized (chain) {
            return chain.txIds(block);
        }
    }

    /** The chain itself, for tests in this package (tamper hooks). */
    SimulatedChain chain() {
        return chain;
    }
}
