package io.chainfl.ledger.ethereum;

import io.chainfl.engine.UserError;
import io.chainfl.engine.config.EthereumContractsConfig;
import io.chainfl.engine.config.EthereumLedgerConfig;
import io.chainfl.ledger.BulletinBoard;
import io.chainfl.ledger.Election;
import io.chainfl.ledger.Escrow;
import io.chainfl.ledger.GradientExchange;
import io.chainfl.ledger.Ledger;
import io.chainfl.ledger.LedgerEvent;
import io.chainfl.ledger.LedgerStats;
import io.chainfl.ledger.sim.BlockTimeline;
import io.chainfl.engine.config.SimulatedLedgerConfig;
import java.util.SplittableRandom;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The ledger on a real Ethereum node: the four contracts deployed (or attached to), called with raw
 * transactions signed by the operator key, events read back with eth_getLogs.
 */
public final class EthereumLedger implements Ledger {
    public static final List<String> CONTRACTS = List.of("BulletinBoard", "Election", "Escrow", "GradientExchange");

    private final Rpc rpc;
    private final long chainId;
    private final TxSender sender;
    private final ChainLog chainLog;
    private final EventDecoder decoder = new EventDecoder();
    private final Map<String, String> addresses;
    private final long startBlock;
    private final EthBulletinBoard bulletinBoard;
    private final EthElection election;
    private final EthEscrow escrow;
    private final EthGradientExchange gradientExchange;
    private final EthDanKu danku;
    private ContractClient dankuClient;
    private final EthRewardPool rewardPool;
    private ContractClient rewardPoolClient;
    private final EthProofOfLearning proofOfLearning;
    private ContractClient proofOfLearningClient;

    private EthereumLedger(Rpc rpc, long chainId, Credentials credentials, EthereumLedgerConfig config, BlockTimeline timeline) {
        this.rpc = rpc;
        this.chainId = chainId;
        this.chainLog = new ChainLog(rpc, timeline);
        this.sender = new TxSender(rpc, credentials, chainId, config.pollIntervalMs(), config.timeoutMs(), chainLog);
        Deployer deployer = new Deployer(rpc, sender);
        EthereumContractsConfig attach = config.contracts();
        String[] configured = {attach.bulletinBoard(), attach.election(), attach.escrow(), attach.gradientExchange()};
        String[] keys = {"bulletin_board", "election", "escrow", "gradient_exchange"};
        Map<String, String> found = new java.util.LinkedHashMap<>();
        List<ContractClient> clients = new ArrayList<>();
        for (int i = 0; i < CONTRACTS.size(); i++) {
            ContractArtifact artifact = ContractArtifact.load(CONTRACTS.get(i));
            String address = deployer.deployOrAttach(artifact, configured[i], "ledger.ethereum.contracts." + keys[i]);
            found.put(artifact.name(), address);
            decoder.register(address, artifact);
            clients.add(new ContractClient(artifact.name(), address, rpc, sender, chainLog, decoder));
        }
        this.addresses = Map.copyOf(found);
        this.startBlock = head();
        this.bulletinBoard = new EthBulletinBoard(clients.get(0));
        this.election = new EthElection(clients.get(1));
        this.escrow = new EthEscrow(clients.get(2));
        this.gradientExchange = new EthGradientExchange(clients.get(3));
        this.danku = new EthDanKu(() -> dankuClient(deployer));
        this.rewardPool = new EthRewardPool(() -> rewardPoolClient(deployer));
        this.proofOfLearning = new EthProofOfLearning(() -> proofOfLearningClient(deployer));
    }

    /** ProofOfLearning is deployed when first called, as DanKu and RewardPool. */
    private synchronized ContractClient proofOfLearningClient(Deployer deployer) {
        if (proofOfLearningClient == null) {
            ContractArtifact artifact = ContractArtifact.load("ProofOfLearning");
            String address = deployer.deploy(artifact);
            decoder.register(address, artifact);
            proofOfLearningClient = new ContractClient(artifact.name(), address, rpc, sender, chainLog, decoder);
        }
        return proofOfLearningClient;
    }

    /** RewardPool is deployed when first called, as DanKu: runs without rewards send what they sent before it existed. */
    private synchronized ContractClient rewardPoolClient(Deployer deployer) {
        if (rewardPoolClient == null) {
            ContractArtifact artifact = ContractArtifact.load("RewardPool");
            String address = deployer.deploy(artifact);
            decoder.register(address, artifact);
            rewardPoolClient = new ContractClient(artifact.name(), address, rpc, sender, chainLog, decoder);
        }
        return rewardPoolClient;
    }

    /** DanKu is deployed when first called: runs without a market keep the four contracts' transactions alone. */
    private synchronized ContractClient dankuClient(Deployer deployer) {
        if (dankuClient == null) {
            ContractArtifact artifact = ContractArtifact.load("DanKu");
            String address = deployer.deploy(artifact);
            decoder.register(address, artifact);
            dankuClient = new ContractClient(artifact.name(), address, rpc, sender, chainLog, decoder);
        }
        return dankuClient;
    }

    /** {@link #open(EthereumLedgerConfig, BlockTimeline)} on the default simulated chain's timeline (PoA, 1 s blocks). */
    public static EthereumLedger open(EthereumLedgerConfig config) {
        return open(config, BlockTimeline.of(SimulatedLedgerConfig.defaults(), new SplittableRandom(0)));
    }

    /**
     * Connects, checks the chain id and the operator's funds, deploys or attaches the contracts.
     *
     * @param timeline gives the ledger's virtual time and block count: the node's own timestamps are wall clock
     */
    public static EthereumLedger open(EthereumLedgerConfig config, BlockTimeline timeline) {
        Rpc rpc = new Rpc(config.rpcUrl(), config.timeoutMs(), config.pollIntervalMs(),
                new Backoff(config.retries(), config.backoffMs(), config.backoffMaxMs()));
        try {
            long chainId = rpc.sendOrThrow("eth_chainId", rpc.web3j().ethChainId()).getChainId().longValueExact();
            if (config.chainId() != null && config.chainId() != chainId) {
                throw new UserError("the Ethereum node at " + config.rpcUrl() + " reports chain id " + chainId + ", but ledger.ethereum.chain_id expects "
                        + config.chainId() + "; point rpc_url at the right node or fix chain_id");
            }
            Credentials credentials = credentials(config.privateKey());
            BigInteger balance = rpc.sendOrThrow("eth_getBalance",
                    rpc.web3j().ethGetBalance(credentials.getAddress(), DefaultBlockParameterName.LATEST)).getBalance();
            BigInteger price = new GasPrice(rpc).current();
            if (balance.signum() == 0 && price.signum() > 0) {
                throw new UserError("account " + credentials.getAddress() + " has no ether on the Ethereum node at " + config.rpcUrl()
                        + " (chain id " + chainId + "): fund it or set ledger.ethereum.private_key to a funded account");
            }
            return new EthereumLedger(rpc, chainId, credentials, config, timeline);
        } catch (RuntimeException e) {
            rpc.close();
            throw e;
        }
    }

    private static Credentials credentials(String privateKey) {
        String hex = privateKey.startsWith("0x") ? privateKey.substring(2) : privateKey;
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new UserError("ledger.ethereum.private_key is not a private key (64 hex digits, optionally 0x-prefixed); fix it");
        }
        return Credentials.create(hex);
    }

    public long chainId() {
        return chainId;
    }

    public String operator() {
        return sender.address();
    }

    /** Contract name to address. */
    public Map<String, String> addresses() {
        return addresses;
    }

    @Override
    public BulletinBoard bulletinBoard() {
        return bulletinBoard;
    }

    /** The bulletin board with its non-blocking submit (benchmarks). */
    EthBulletinBoard ethBulletinBoard() {
        return bulletinBoard;
    }

    TxSender sender() {
        return sender;
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
        sender.awaitAll();
        chainLog.seal();
    }

    @Override
    public boolean verifyChain() {
        seal();
        return chainLog.verify();
    }

    @Override
    public LedgerStats stats() {
        return chainLog.stats();
    }

    /** Every event of the four contracts since the ledger was opened, in chain order. */
    @Override
    public List<LedgerEvent> events() {
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(startBlock)),
                DefaultBlockParameterName.LATEST, decoder.addresses());
        EthLog logs = rpc.sendOrThrow("eth_getLogs", rpc.web3j().ethGetLogs(filter));
        List<LedgerEvent> events = new ArrayList<>();
        for (EthLog.LogResult<?> result : logs.getLogs()) {
            decoder.decode((Log) result.get()).ifPresent(events::add);
        }
        return events;
    }

    private long head() {
        return rpc.sendOrThrow("eth_blockNumber", rpc.web3j().ethBlockNumber()).getBlockNumber().longValue();
    }

    @Override
    public void close() {
        try {
            seal();
        } finally {
            sender.close();
            rpc.close();
        }
    }
}
