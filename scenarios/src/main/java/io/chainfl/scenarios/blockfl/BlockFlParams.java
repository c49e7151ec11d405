package io.chainfl.scenarios.blockfl;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.chainfl.engine.config.ConfigValidator;
import io.chainfl.engine.config.ConsensusType;
import io.chainfl.engine.config.Doc;
import io.chainfl.engine.config.LedgerType;
import io.chainfl.engine.config.Range;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.config.ScenarioParams;
import java.util.List;
import java.util.Optional;

/**
 * BlockFL, "Blockchain-empowered FL, System II" of the survey (Kim, Park, Bennis & Kim, "Blockchained On-Device
 * Federated Learning", IEEE Comm. Letters 2020): devices upload their local updates to miners, the miners
 * cross-verify them and race under proof of work for the block that holds them, forks redo the round. With
 * {@code consensus: poq}, System I's consensus (Lu et al., IEEE TII 2020): a committee drawn from the devices checks the
 * updates' training quality on its own data and votes, on a permissioned chain without a race and without forks.
 */
public record BlockFlParams(
        @Doc("miners racing for each round's block; device i uploads to miner i mod miners") @Range(min = 1, max = 1_000) Integer miners,
        @Doc("lambda: each miner's block generation rate, blocks per second (the network finds miners x lambda per second)") @Range(min = 1e-6, max = 1_000) Double blockRatePerS,
        @Doc("bandwidth of the links between miners, bytes per second (cross-verification and block propagation)") @Range(min = 1, max = 1e12) Double minerBytesPerS,
        @Doc("latency of a transfer between miners, ms") @Range(min = 0, max = 60_000) Double minerLatencyMs,
        @Doc("bytes of a block besides the updates it holds (Bitcoin's header is 80)") @Range(min = 0, max = 1e9) Long blockHeaderBytes,
        @Doc("miners check each claimed sample count against the time the device's computation took; false: every claim is believed") Boolean crossVerify,
        @Doc("relative difference between the observed and the claimed computation time that verification accepts") @Range(min = 0, max = 10) Double verifyTolerance,
        @Doc("virtual seconds of the study: a round that ends later applies nothing, so the last row's accuracy is the accuracy at this time; absent: no limit") @Range(min = 0.001, max = 1e9) Double timeBudgetS,
        @Doc("evaluation batch size for the global model on the test set") @Range(min = 1, max = 1_000_000) Integer evalBatchSize,
        @Doc("pow: the miners race for each block under proof of work, forks redo the round (System II); poq: Proof of Training Quality on a permissioned chain, a committee of devices evaluates the verified updates on its own data and a majority vote accepts the block, no race and no forks (System I)") Consensus consensus,
        @Doc("poq: devices drawn (seeded, without replacement, each round) to evaluate the round's verified updates and vote; at most the participants") @Range(min = 1, max = 1_000) Integer committee,
        @Doc("poq: the data requester's data-sharing requests, one specification per round (the list repeats when shorter than the rounds); each is recorded on chain, and a specification asked before is answered from the cached model: nobody trains that round. Empty: every round trains") List<String> requests) implements ScenarioParams {

    /** How a round's block is agreed. */
    public enum Consensus {
        @JsonProperty("pow") POW,
        @JsonProperty("poq") POQ
    }

    /** The record as it was before System I, for callers that only know System II's keys. */
    public BlockFlParams(Integer miners, Double blockRatePerS, Double minerBytesPerS, Double minerLatencyMs, Long blockHeaderBytes, Boolean crossVerify,
                         Double verifyTolerance, Double timeBudgetS, Integer evalBatchSize) {
        this(miners, blockRatePerS, minerBytesPerS, minerLatencyMs, blockHeaderBytes, crossVerify, verifyTolerance, timeBudgetS, evalBatchSize, null, null, null);
    }

    public BlockFlParams {
        miners = miners == null ? 10 : miners;
        blockRatePerS = blockRatePerS == null ? 0.05 : blockRatePerS;
        minerBytesPerS = minerBytesPerS == null ? 1_250_000.0 : minerBytesPerS;
        minerLatencyMs = minerLatencyMs == null ? 50.0 : minerLatencyMs;
        blockHeaderBytes = blockHeaderBytes == null ? 80L : blockHeaderBytes;
        crossVerify = crossVerify == null ? Boolean.TRUE : crossVerify;
        verifyTolerance = verifyTolerance == null ? 0.05 : verifyTolerance;
        evalBatchSize = evalBatchSize == null ? 512 : evalBatchSize;
        consensus = consensus == null ? Consensus.POW : consensus;
        committee = committee == null ? 5 : committee;
        requests = requests == null ? List.of() : List.copyOf(requests);
    }

    public boolean poq() {
        return consensus == Consensus.POQ;
    }

    /** The specification the requester asks for in {@code round} (from 1), or null when no requests are configured. */
    public String request(int round) {
        return requests.isEmpty() ? null : requests.get((round - 1) % requests.size());
    }

    /** The first round that asked for {@code round}'s specification: {@code round} itself unless it was asked before. */
    public int firstRequest(int round) {
        String spec = request(round);
        for (int earlier = 1; earlier < round; earlier++) {
            if (request(earlier).equals(spec)) {
                return earlier;
            }
        }
        return round;
    }

    /** Latency is the point of the protocol: it needs devices, and its blocks are timed by its own miners' race. */
    @Override
    public Optional<ConfigValidator.Violation> check(RunConfig config) {
        if (config.devices() == null) {
            return Optional.of(new ConfigValidator.Violation("/scenario/type", "scenario.type",
                    "blockfl times each round from the devices' computation and uploads; add a devices section (docs/virtual-time.md)"));
        }
        if (config.devices().trace() != null) {
            return Optional.of(new ConfigValidator.Violation("/devices/trace", "devices.trace",
                    "blockfl rounds wait for every device (offline windows are not modelled for it); remove devices.trace"));
        }
        boolean instant = config.ledger().type() == LedgerType.NONE
                || (config.ledger().type() == LedgerType.SIMULATED && config.ledger().simulated().consensus().type() == ConsensusType.INSTANT);
        if (!instant) {
            return Optional.of(new ConfigValidator.Violation("/ledger", "ledger.simulated.consensus.type",
                    "blockfl's blocks are timed by its miners' proof-of-work race (scenario.block_rate_per_s); set ledger.simulated.consensus.type: instant"));
        }
        if (!poq() && !requests.isEmpty()) {
            return Optional.of(new ConfigValidator.Violation("/scenario/requests", "scenario.requests",
                    "data-sharing requests and the cached model are System I's (Proof of Training Quality); set scenario.consensus: poq or remove scenario.requests"));
        }
        if (requests.stream().anyMatch(r -> r == null || r.isBlank())) {
            return Optional.of(new ConfigValidator.Violation("/scenario/requests", "scenario.requests",
                    "every request needs a specification (a non-empty name, e.g. digits-iid)"));
        }
        if (poq() && committee > config.participants()) {
            return Optional.of(new ConfigValidator.Violation("/scenario/committee", "scenario.committee",
                    "the committee (" + committee + ") is drawn from the " + config.participants() + " participants; set it to at most " + config.participants()));
        }
        return Optional.empty();
    }
}
