package io.chainfl.scenarios.deepchain;

import io.chainfl.learning.privacy.LocalPrivacy;
import io.chainfl.agents.Entities;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.RoundDriver;
import io.chainfl.agents.deepchain.DeepChainContracts;
import io.chainfl.agents.deepchain.DeepChainCoordinator;
import io.chainfl.agents.deepchain.DeepChainCrypto;
import io.chainfl.agents.deepchain.DeepChainDeviceTime;
import io.chainfl.engine.device.DeviceProfile;
import io.chainfl.engine.device.Devices;
import io.chainfl.learning.cost.ModelCost;
import io.chainfl.learning.data.FederatedData;
import io.chainfl.agents.deepchain.PartyActor;
import io.chainfl.agents.deepchain.WorkerActor;
import io.chainfl.agents.deepchain.WorkerSortition;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.UserError;
import io.chainfl.engine.checkpoint.Checkpointable;
import io.chainfl.engine.checkpoint.Snapshot;
import io.chainfl.engine.config.LedgerType;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.learning.crypto.DeterministicRandom;
import io.chainfl.learning.crypto.GradientPacker;
import io.chainfl.learning.crypto.ThresholdPaillier;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.data.MemberInputs;
import io.chainfl.learning.data.ParticipantShares;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.scenarios.Clustering;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.ModelState;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import java.util.ArrayList;
import java.util.Arrays;
import io.chainfl.agents.deepchain.DeepChainMetrics;
import io.chainfl.engine.metrics.Metric;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

/**
 * DeepChain: parties train locally and every {@code share_every} iterations submit their change, encrypted with
 * threshold Paillier and packed, to the trading contract; workers aggregate the ciphertexts, the processing
 * contract accepts the stake-drawn leader's aggregate by the workers' majority, t parties decrypt it jointly and
 * everyone continues from the mean change. Deposits punish missed deadlines and bad ciphertexts or aggregates.
 * (Over 300 lines: the run, its checkpoint state, the entities' recipes for clustered runs and what the devices cost
 * are each short, and each reads the same params; the protocol itself is in agents/deepchain.)
 */
public final class DeepChainScenario implements Scenario<DeepChainParams> {

    @Override
    public String name() {
        return "deepchain";
    }

    @Override
    public String description() {
        return "DeepChain: threshold-Paillier gradients, trading/processing contracts, deposits (Weng et al. 2019)";
    }

    @Override
    public Class<DeepChainParams> paramsType() {
        return DeepChainParams.class;
    }

    @Override
    public List<Metric> metrics() {
        return DeepChainMetrics.METRICS;
    }

    /** With a devices section, the round's device time and its crypto part too (runs without one keep their columns). */
    @Override
    public List<Metric> metrics(RunConfig config) {
        if (config.devices() == null) {
            return metrics();
        }
        List<Metric> metrics = new ArrayList<>(DeepChainMetrics.METRICS);
        metrics.addAll(DeepChainMetrics.DEVICE_METRICS);
        return metrics;
    }

    /** Each party's and worker's round work on its own device (see {@link DeepChainDeviceTime} and {@link #deviceTime}). */
    @Override
    public boolean modelsDevices() {
        return true;
    }

    @Override
    public void run(ScenarioContext context, DeepChainParams params) {
        RunConfig config = context.config();
        int n = config.participants();
        validate(params, n);
        Dataset test = context.data().test();
        Model global = ModelBuilder.build(config, test, context.seeds());
        Keys keys = Keys.deal(params, n, (int) global.numParams(), context.seeds());
        DeepChainCrypto crypto = keys.crypto();
        boolean hasLedger = config.ledger().type() != LedgerType.NONE;
        DeepChainContracts contracts = new DeepChainContracts(hasLedger, params.deposit());
        List<String> accounts = new ArrayList<>();
        IntStream.range(0, n).forEach(p -> accounts.add(DeepChainContracts.party(p)));
        IntStream.range(0, params.workers()).forEach(w -> accounts.add(DeepChainContracts.worker(w)));
        WorkerSortition sortition = new WorkerSortition(params.workers(), params.workerStake(), params.stakePenalty(), context.seeds());
        // between rounds the state is the global model, the expelled parties, the parties dropped after a failure,
        // the workers' stakes and the deposits still held; keys and every draw come from seed streams, the contracts
        // from the ledger journal (which also holds the set-up deposits, so a resumed run does not make them again)
        SortedSet<Integer> expelled = new TreeSet<>();
        ParticipantMemory memory = new ParticipantMemory();
        // the parties and workers deposit when the coordinator opens, before the first round
        List<String> depositors = accounts;
        var restored = context.checkpoints().resume(series());
        if (restored.isPresent()) {
            Snapshot saved = restored.get().state();
            ModelState.restore(saved, "global_model", global);
            contracts.restore(saved, "contracts/");
            sortition.restoreStakes(saved.longs("sortition/stakes").orElseThrow(() -> new IllegalStateException("checkpoint has no worker stakes")));
            saved.longs("expelled").ifPresent(ids -> Arrays.stream(ids).forEach(id -> expelled.add((int) id)));
            // parties keep no upload between rounds: only the dropped set is read back
            memory.restore(saved, "participants/", java.util.Set.of());
            depositors = List.of();
        }
        Checkpointable state = out -> {
            ModelState.save(out, "global_model", global);
            contracts.save(out, "contracts/");
            out.longs("sortition/stakes", sortition.stakes());
            out.longs("expelled", expelled.stream().mapToLong(Integer::longValue).toArray());
            memory.save(out, "participants/", id -> false);
        };
        List<Double> solo = params.soloBaseline() ? soloAccuracies(context, params) : List.of();
        DeepChainCoordinator.Settings settings = new DeepChainCoordinator.Settings(series(), config.rounds(), params.gradientsPerTx(),
                params.uploadTimeoutMs(), hasLedger, params.evalBatchSize(), solo, deviceTime(config, params, context.data(), crypto, hasLedger, context.seeds()),
                params.payloads() == DeepChainParams.Payloads.ON_CHAIN);
        int threads = config.runtime().effectiveThreads();
        List<String> openWith = depositors;
        ExecutorService cryptoExecutor = cryptoExecutor(threads);
        try {
            context.deployment().run(config.name(), threads, largestMessage(params, n, (int) global.numParams()),
                    entities(config, context.data(), context.seeds(), params, keys, cryptoExecutor, memory), (ctx, placed, done) -> {
                var ledgerNode = ctx.spawn(LedgerNode.create(context.ledger()), "ledger", LedgerNode.dispatcher());
                var coordinator = ctx.spawn(DeepChainCoordinator.create(settings, crypto, placed.of(PartyActor.KIND), placed.of(WorkerActor.KIND),
                        sortition, contracts, global, ledgerNode, test, expelled, memory), "contracts");
                List<Integer> everyone = IntStream.range(0, n).boxed().toList();
                var driver = ctx.spawn(RoundDriver.create(coordinator, DeepChainCoordinator.RunRound::new, context.checkpoints().firstRound(series()),
                        config.rounds(), round -> everyone, context.listener(), round -> context.checkpoints().roundDone(series(), round, state), done,
                        context.roundTimeline()), "driver");
                coordinator.tell(new DeepChainCoordinator.Open(openWith, driver));
                return lost -> coordinator.tell(new DeepChainCoordinator.Lost(lost));
            });
        } finally {
            cryptoExecutor.shutdownNow();
        }
    }

    /**
     * Each party on its device (devices.default_preset and devices.assign by party id), each worker on the default
     * preset's; what a round costs them follows from the model, the packing and the key ({@link DeepChainDeviceTime}).
     * Dropout and offline traces are fedavg's only: a DeepChain round waits for every submission until its deadline.
     */
    static DeepChainDeviceTime deviceTime(RunConfig config, DeepChainParams params, FederatedData data, DeepChainCrypto crypto, boolean hasLedger,
                                          SeedStreams seeds) {
        if (config.devices() == null) {
            return DeepChainDeviceTime.NONE;
        }
        if (config.devices().trace() != null) {
            throw new UserError("devices.trace: offline windows are modelled for fedavg only (a deepchain round waits for every submission); remove the trace for deepchain runs");
        }
        int n = config.participants();
        Devices devices = Devices.of(config.devices(), config.model().type(), n, seeds);
        Dataset test = data.test();
        ModelCost cost = ModelCost.of(config.model(), test.numFeatures(), test.imageShape(), test.numClasses());
        List<DeviceProfile> parties = new ArrayList<>();
        double[] trainFlops = new double[n];
        for (ParticipantData p : data.participants()) {
            int id = p.participantId();
            DeviceProfile device = devices.of(id);
            if (device.dropout() > 0) {
                throw new UserError("devices: party " + id + " has dropout " + device.dropout() + ", but a deepchain round waits for every submission"
                        + " (dropout is modelled for fedavg only); set the dropout to 0 for deepchain runs");
            }
            parties.add(device);
            trainFlops[id] = (double) cost.trainFlops(samplesInSteps(p.train().size(), config.training().batchSize(), params.shareEvery()));
        }
        List<DeviceProfile> workers = java.util.Collections.nCopies(params.workers(), Devices.defaultProfile(config.devices(), config.model().type()));
        long ciphertexts = crypto.encrypted() ? crypto.payloadBytes() / crypto.unitBytes() : 0;
        int unitsPerTx = Math.max(1, (params.gradientsPerTx() + crypto.valuesPerUnit() - 1) / crypto.valuesPerUnit());
        long bytesPerTx = (long) unitsPerTx * crypto.unitBytes();
        // off chain a submission is one signed transaction of its hash (the whole payload is still hashed, for its address)
        long txs = !hasLedger ? 0 : params.payloads() == DeepChainParams.Payloads.OFF_CHAIN ? 1 : (crypto.payloadBytes() + bytesPerTx - 1) / bytesPerTx;
        DeepChainDeviceTime.Work work = new DeepChainDeviceTime.Work(cost.modelBytes(), crypto.length(), crypto.encrypted() ? params.keyBits() : 0,
                ciphertexts, crypto.payloadBytes(), ciphertexts * (crypto.encrypted() ? crypto.unitBytes() : 0), txs, n,
                (crypto.payloadBytes() + bytesPerTx - 1) / bytesPerTx);
        return DeepChainDeviceTime.of(parties, workers, trainFlops, work, hasLedger, params.streaming());
    }

    /** Samples in {@code steps} mini-batches over {@code rows} rows, a fresh permutation whenever one is used up (as LocalTrainer.trainSteps). */
    static long samplesInSteps(int rows, int batchSize, int steps) {
        long samples = 0;
        int from = rows;
        for (int step = 0; rows > 0 && step < steps; step++) {
            if (from >= rows) {
                from = 0;
            }
            int count = Math.min(batchSize, rows - from);
            from += count;
            samples += count;
        }
        return samples;
    }

    /**
     * Parties and workers hold nothing between steps that their messages do not carry, so any member can host any of
     * them. A node builds them with its own crypto executor (daemon threads, gone with the JVM) and its own memory of
     * dropped parties (the coordinator learns of a drop from the party's failure reply).
     */
    @Override
    public Clustering clustering() {
        return new Clustering.Supported(inputs -> {
            RunConfig config = inputs.config();
            DeepChainParams params = (DeepChainParams) config.scenario();
            int n = config.participants();
            validate(params, n);
            Keys keys = Keys.deal(params, n, modelLength(inputs), inputs.seeds());
            return entities(config, inputs.shares(), inputs.seeds(), params, keys, cryptoExecutor(config.runtime().effectiveThreads()), new ParticipantMemory());
        }, inputs -> largestMessage((DeepChainParams) inputs.config().scenario(), inputs.config().participants(), modelLength(inputs)));
    }

    private static int modelLength(MemberInputs inputs) {
        return (int) ModelBuilder.build(inputs.config(), inputs.shares().shape(), inputs.seeds()).numParams();
    }

    /**
     * The threshold-Paillier keys and the crypto built on them (null scheme and shares without encryption). Dealing is
     * deterministic from the seed stream "deepchain/keys", so every JVM of a clustered run deals the same keys itself and
     * no key share crosses the network.
     */
    private record Keys(DeepChainCrypto crypto, ThresholdPaillier.Dealt dealt) {
        static Keys deal(DeepChainParams params, int n, int length, SeedStreams seeds) {
            ThresholdPaillier.Dealt dealt = params.encryption()
                    ? ThresholdPaillier.deal(params.keyBits(), n, params.effectiveThreshold(n), new DeterministicRandom(seeds.stream("deepchain/keys")))
                    : null;
            return new Keys(new DeepChainCrypto(dealt == null ? null : dealt.scheme(),
                    dealt == null ? null : GradientPacker.forModulus(params.keyBits(), params.scaleBits(), params.valueBits(), n), length,
                    dealt == null ? null : dealt.trapdoor()), dealt);
        }

        ThresholdPaillier.KeyShare share(int party) {
            return dealt == null ? null : dealt.shares().get(party);
        }
    }

    /** Encryption, aggregation and decryption shares run here, never on the actors' dispatcher threads. */
    private static ExecutorService cryptoExecutor(int threads) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "deepchain-crypto");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The largest message between members, in model-vector floats of 5 CBOR bytes: the model vector a party trains from,
     * or the workers' Aggregate with every party's payload (a party's decryption shares are about one payload more).
     * Ciphertexts are counted at their largest, 2 key_bits each, so no member needs the keys to size its frame.
     */
    private static long largestMessage(DeepChainParams params, int n, int length) {
        long payloadBytes = params.encryption()
                ? (long) GradientPacker.forModulus(params.keyBits(), params.scaleBits(), params.valueBits(), n).plaintextsFor(length)
                        * ((2L * params.keyBits() + 7) / 8)
                : (long) length * Float.BYTES;
        return Math.max(length, (n + 2L) * payloadBytes / 5 + 1);
    }

    /**
     * How every JVM of a run builds DeepChain party {@code id} and worker {@code id} from the config alone (clustered runs
     * create them on other members from this). Adversarial behaviour comes from the params, keys from {@code keys}.
     *
     * @param memory where parties record that they were dropped (on the driver the coordinator's, which checkpoints it)
     */
    private static Entities entities(RunConfig config, ParticipantShares data, SeedStreams seeds, DeepChainParams params, Keys keys,
                                     ExecutorService cryptoExecutor, ParticipantMemory memory) {
        List<Integer> partyIds = data.participantIds();
        List<Integer> workerIds = IntStream.range(0, params.workers()).boxed().toList();
        return Entities.builder()
                .add(PartyActor.KIND, partyIds, id -> {
                    PartyActor.Behaviour behaviour = params.garbageParties().contains(id) ? PartyActor.Behaviour.GARBAGE
                            : params.silentParties().contains(id) ? PartyActor.Behaviour.SILENT : PartyActor.Behaviour.HONEST;
                    PartyActor.Settings party = new PartyActor.Settings(data.share(id), ModelBuilder.build(config, data.shape(), seeds),
                            config.training(), params.shareEvery(), keys.crypto(), keys.share(id), behaviour, seeds, cryptoExecutor,
                            LocalPrivacy.of(config.privacy(), seeds));
                    return PartyActor.create(party, memory, config.runtime().onParticipantFailure());
                })
                .add(WorkerActor.KIND, workerIds, w -> {
                    WorkerActor.Behaviour behaviour = params.lazyWorkers().contains(w) ? WorkerActor.Behaviour.LAZY
                            : params.wrongAggregateWorkers().contains(w) ? WorkerActor.Behaviour.WRONG : WorkerActor.Behaviour.HONEST;
                    return WorkerActor.create(w, keys.crypto(), behaviour, cryptoExecutor);
                })
                .build();
    }

    /** Each party trained alone for the same iterations with the same shuffles, evaluated on the common test set. */
    private static List<Double> soloAccuracies(ScenarioContext context, DeepChainParams params) {
        RunConfig config = context.config();
        List<Double> accuracies = new ArrayList<>();
        for (ParticipantData data : context.data().participants()) {
            Model model = ModelBuilder.build(config, context.data().test(), context.seeds());
            for (int round = 1; round <= config.rounds(); round++) {
                LocalTrainer.trainSteps(model, data.train(), config.training(), params.shareEvery(),
                        context.seeds().stream("participant", data.participantId(), "round", round, "shuffle"));
            }
            accuracies.add(Evaluation.evaluate(model, context.data().test(), params.evalBatchSize()).accuracy());
        }
        return accuracies;
    }

    private static void validate(DeepChainParams params, int parties) {
        if (params.effectiveThreshold(parties) > parties) {
            throw new UserError("scenario.threshold: " + params.threshold() + " exceeds the number of parties " + parties);
        }
        List<Integer> bad = new ArrayList<>();
        params.garbageParties().stream().filter(p -> p < 0 || p >= parties).forEach(bad::add);
        params.silentParties().stream().filter(p -> p < 0 || p >= parties).forEach(bad::add);
        params.lazyWorkers().stream().filter(w -> w < 0 || w >= params.workers()).forEach(bad::add);
        params.wrongAggregateWorkers().stream().filter(w -> w < 0 || w >= params.workers()).forEach(bad::add);
        if (!bad.isEmpty()) {
            throw new UserError("scenario: adversary ids out of range: " + bad + " (parties 0.." + (parties - 1) + ", workers 0.." + (params.workers() - 1) + ")");
        }
        if (params.valueBits() <= params.scaleBits()) {
            throw new UserError("scenario.value_bits must exceed scenario.scale_bits");
        }
    }
}
