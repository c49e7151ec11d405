package io.chainfl.scenarios.deepchain;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.ConfigValidator.Violation;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.ScenarioParams;
import java.util.List;
import java.util.Optional;

/** DeepChain (Weng et al., IEEE TDSC 2019): encrypted gradients, trading/processing contracts, deposits. */
public record DeepChainParams(
        @Doc("local SGD iterations (mini-batches) between two shares; one round = one share") @Range(min = 1, max = 1_000_000) Integer shareEvery,
        @Doc("encrypt updates with threshold Paillier (false: plain float32 updates, for the overhead study)") Boolean encryption,
        @Doc("Paillier modulus bits (the paper: 1024)") @Range(min = 128, max = 8192) Integer keyBits,
        @Doc("shares needed to decrypt, t of n (0: floor(n/3) + 1, the paper's minimum)") @Range(min = 0, max = 10_000) Integer threshold,
        @Doc("fixed-point fractional bits of an encoded gradient value (precision 2^-scale_bits)") @Range(min = 0, max = 40) Integer scaleBits,
        @Doc("bits of one encoded value including its sign offset (values clip at +-2^(value_bits-1-scale_bits))") @Range(min = 2, max = 60) Integer valueBits,
        @Doc("gradient values per gradient-exchange transaction (the paper's 4k to 20k); with payloads: off_chain a submission is one transaction of its hash") @Range(min = 1, max = 100_000_000) Integer gradientsPerTx,
        @Doc("where the ciphertext submissions and the leader's aggregate are kept: on_chain (calldata of gradient transactions, paid per byte, the paper's chain; the default) or off_chain (content-addressed storage reached over the devices' links, each payload's 32-byte Keccak-256 hash posted in one transaction; docs/deepchain.md, On devices)") Payloads payloads,
        @Doc("with a devices section: members pass payloads on in pieces of gradients_per_tx values as they finish them (a party uploads while it encrypts, workers fetch and multiply submissions as they arrive, shares are combined as they arrive; the processing contract's vote stays a barrier); false: each phase waits for the previous one's whole payloads (docs/deepchain.md, On devices)") Boolean streaming,
        @Doc("number of workers that aggregate ciphertexts and verify the leader's aggregate") @Range(min = 1, max = 1_000) Integer workers,
        @Doc("initial stake of every worker (leader sortition is proportional to stake)") @Range(min = 1, max = 1e15) Long workerStake,
        @Doc("fraction of its stake a lazy or rejected leader loses") @Range(min = 0, max = 1) Double stakePenalty,
        @Doc("deposit every party and worker locks at set-up, forfeited to the honest on misbehaviour") @Range(min = 0, max = 1e15) Long deposit,
        @Doc("upload deadline after a round's start, in virtual ledger ms") @Range(min = 0, max = 1e12) Long uploadTimeoutMs,
        @Doc("also train each party alone for the same iterations (the solo baseline)") Boolean soloBaseline,
        @Doc("parties (ids) that submit random bytes instead of ciphertexts") List<Integer> garbageParties,
        @Doc("parties (ids) that never submit (miss the upload deadline)") List<Integer> silentParties,
        @Doc("workers (ids) that never submit an aggregate") List<Integer> lazyWorkers,
        @Doc("workers (ids) that submit a wrong aggregate (the last party left out)") List<Integer> wrongAggregateWorkers,
        @Doc("evaluation batch size") @Range(min = 1, max = 1_000_000) Integer evalBatchSize) implements ScenarioParams {

    /** Where payloads live: the chain's calldata, or content-addressed storage with only their hashes on chain. */
    public enum Payloads {
        @JsonProperty("on_chain") ON_CHAIN,
        @JsonProperty("off_chain") OFF_CHAIN
    }

    public DeepChainParams {
        shareEvery = shareEvery == null ? 15 : shareEvery;
        encryption = encryption == null ? Boolean.TRUE : encryption;
        keyBits = keyBits == null ? 1024 : keyBits;
        threshold = threshold == null ? 0 : threshold;
        scaleBits = scaleBits == null ? 16 : scaleBits;
        valueBits = valueBits == null ? 20 : valueBits;
        gradientsPerTx = gradientsPerTx == null ? 4000 : gradientsPerTx;
        payloads = payloads == null ? Payloads.ON_CHAIN : payloads;
        streaming = streaming == null ? Boolean.FALSE : streaming;
        workers = workers == null ? 3 : workers;
        workerStake = workerStake == null ? 100L : workerStake;
        stakePenalty = stakePenalty == null ? 0.5 : stakePenalty;
        deposit = deposit == null ? 1000L : deposit;
        uploadTimeoutMs = uploadTimeoutMs == null ? 600_000L : uploadTimeoutMs;
        soloBaseline = soloBaseline == null ? Boolean.TRUE : soloBaseline;
        garbageParties = garbageParties == null ? List.of() : List.copyOf(garbageParties);
        silentParties = silentParties == null ? List.of() : List.copyOf(silentParties);
        lazyWorkers = lazyWorkers == null ? List.of() : List.copyOf(lazyWorkers);
        wrongAggregateWorkers = wrongAggregateWorkers == null ? List.of() : List.copyOf(wrongAggregateWorkers);
        evalBatchSize = evalBatchSize == null ? 512 : evalBatchSize;
    }

    public int effectiveThreshold(int parties) {
        return threshold == 0 ? parties / 3 + 1 : threshold;
    }

    /** What the run would refuse before its first round, refused when the config is loaded (every participant is a party). */
    @Override
    public Optional<Violation> check(RunConfig config) {
        int parties = config.participants();
        if (effectiveThreshold(parties) > parties) {
            return Optional.of(new Violation("/scenario/threshold", "scenario.threshold", threshold + " exceeds the number of parties (participants) "
                    + parties + "; give at most " + parties + ", or 0 for floor(n/3) + 1"));
        }
        if (valueBits <= scaleBits) {
            return Optional.of(new Violation("/scenario/value_bits", "scenario.value_bits", valueBits + " must exceed scenario.scale_bits " + scaleBits));
        }
        Optional<Violation> bad = ids("garbage_parties", garbageParties, parties, "parties");
        bad = bad.isPresent() ? bad : ids("silent_parties", silentParties, parties, "parties");
        bad = bad.isPresent() ? bad : ids("lazy_workers", lazyWorkers, workers, "workers");
        return bad.isPresent() ? bad : ids("wrong_aggregate_workers", wrongAggregateWorkers, workers, "workers");
    }

    private static Optional<Violation> ids(String key, List<Integer> ids, int count, String what) {
        return ids.stream().filter(id -> id < 0 || id >= count).findFirst().map(id -> new Violation("/scenario/" + key, "scenario." + key,
                "id " + id + " does not exist (" + what + " run from 0 to " + (count - 1) + ")"));
    }

    /** Local DP only: every participant noises its own update before it leaves (central DP would need the server to see the plain uploads' sum). */
    @Override
    public java.util.Set<io.chainfl.engine.config.PrivacyMode> privacyModes() {
        return java.util.Set.of(io.chainfl.engine.config.PrivacyMode.LOCAL);
    }
}
