package io.chainfl.scenarios.blockfl;

import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.agents.round.UploadStrategy;
import io.chainfl.engine.Hashes;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.aggregation.FedAvg;
import io.chainfl.learning.model.Model;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.ledger.sim.MinerRace;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.EvalResult;
import io.chainfl.learning.model.Evaluation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a BlockFL round decides once the uploads are in: each upload carries its claimed sample count; the updates the
 * miners verified go into the block (their hashes and claims on the ledger) and every device computes the same global
 * update from the block, the sample-weighted mean of the verified updates weighted by their claims (Kim et al. 2020);
 * each verified device is rewarded in proportion to its claimed samples (one unit per sample). A rejected claim earns
 * nothing and weighs nothing. With a time budget, a round that ends after it applies nothing.
 */
final class BlockFlStrategy implements UploadStrategy {
    static final Metric VERIFIED = new Metric("verified_uploads", "uploads", "uploads whose sample count the miners verified; the block holds them");
    static final Metric REJECTED = new Metric("rejected_uploads", "uploads", "uploads whose claimed samples did not match their computation time");
    static final Metric VERIFIED_SAMPLES = new Metric("verified_samples", "samples", "claimed samples of the verified uploads: the global update's weights and the rewards", 0);
    static final Metric FALSIFIED_SHARE = new Metric("falsified_reward_share", "fraction",
            "share of the round's rewards paid for samples the devices claimed but do not hold");
    static final Metric FORKS = new Metric("forks", "forks", "races whose block forked within the propagation delay; each redid the round", 0);
    static final Metric BLOCK_WAIT = new Metric("block_wait_s", "s", "the agreed block's proof-of-work wait: the first miner's time to find it", 3);
    static final Metric CROSS = new Metric("cross_verify_s", "s", "miners' exchange of the uploads for cross-verification, per attempt", 3);
    static final Metric PROPAGATION = new Metric("propagation_s", "s", "the block's propagation between miners, per attempt", 3);
    static final Metric LATENCY = new Metric("round_latency_s", "s", "the round from the model's download to the agreed block at every miner, forks included", 3);
    static final Metric MEAN_LATENCY = new Metric("mean_round_latency_s", "s",
            "the clock at the round's end over the rounds so far (the ledger adds no time): the mean round latency up to this round", 3);
    static final Metric FORK_PROBABILITY = new Metric("fork_probability", "fraction",
            "closed form: 1 - exp(-lambda (miners - 1) T_bp), a race forking at this round's propagation delay");
    static final Metric EXPECTED_LATENCY = new Metric("expected_latency_s", "s",
            "closed form: (T_device + T_cross + T_bp + 1 / (miners lambda)) exp(lambda (miners - 1) T_bp), this round's mean over the race draws", 3);
    static final Metric OPTIMAL_RATE = new Metric("optimal_rate_per_s", "blocks/s",
            "closed form: the lambda that minimises expected_latency_s for this round's delays (0: one miner or no propagation delay, no optimum)", 5);
    static final Metric APPLIED = new Metric("applied", "0/1", "1 when the round's global update was applied (it ended within scenario.time_budget_s)", 0);
    static final Metric REWARD = new Metric("reward", "units", "the device's reward this round: its claimed samples when verified, else 0", 0);

    static final Metric COMMITTEE = new Metric("committee_eval_s", "s",
            "poq: the slowest committee member's download of the verified updates, their evaluation on its own samples and its vote upload", 3);
    static final Metric LEADER_ACCURACY = new Metric("leader_accuracy", "fraction",
            "poq: the leader's score, the accuracy of the global model plus its update on the committee's own samples (the best of the verified updates)");
    static final Metric VOTES = new Metric("committee_votes", "votes", "poq: committee members that voted for the block (it is accepted by more than half)", 0);

    /** System II (pow): these columns, unchanged since it was built. */
    static final List<Metric> METRICS = List.of(VERIFIED, REJECTED, VERIFIED_SAMPLES, FALSIFIED_SHARE, FORKS, BLOCK_WAIT, CROSS, PROPAGATION, LATENCY, MEAN_LATENCY,
            FORK_PROBABILITY, EXPECTED_LATENCY, OPTIMAL_RATE, APPLIED);
    /** System I (poq): no race, so no block wait and no closed forms of it; forks stay as a column (always 0) for the comparison. */
    static final List<Metric> POQ_METRICS = List.of(VERIFIED, REJECTED, VERIFIED_SAMPLES, FALSIFIED_SHARE, FORKS, COMMITTEE, VOTES, LEADER_ACCURACY, CROSS,
            PROPAGATION, LATENCY, MEAN_LATENCY, APPLIED);

    static final Metric CACHE_HIT = new Metric("cache_hit", "0/1", "poq with requests: 1 when the round's request repeats an earlier specification and the cached model answers it (nobody trains)", 0);
    static final Metric CACHE_SAVED = new Metric("cache_saved_s", "s",
            "poq with requests: the latency of the round that first trained for the repeated specification, which the cached answer saves", 3);

    /** pow's columns, then those only poq writes, then the cache's. */
    static final List<Metric> ALL_METRICS = List.of(VERIFIED, REJECTED, VERIFIED_SAMPLES, FALSIFIED_SHARE, FORKS, BLOCK_WAIT, CROSS, PROPAGATION, LATENCY,
            MEAN_LATENCY, FORK_PROBABILITY, EXPECTED_LATENCY, OPTIMAL_RATE, APPLIED, COMMITTEE, VOTES, LEADER_ACCURACY, CACHE_HIT, CACHE_SAVED);

    /** The requester's transactions sort before every participant's. */
    static final long REQUESTER = -1;

    static List<Metric> metrics(BlockFlParams params) {
        if (!params.poq()) {
            return METRICS;
        }
        if (params.requests().isEmpty()) {
            return POQ_METRICS;
        }
        List<Metric> metrics = new ArrayList<>(POQ_METRICS);
        metrics.add(CACHE_HIT);
        metrics.add(CACHE_SAVED);
        return List.copyOf(metrics);
    }

    private final BlockFlRounds rounds;
    private final BlockFlParams params;
    private final Long budgetMillis;
    private final Set<Integer> falsifiers;
    private final FedAvg average = new FedAvg();
    /** poq: each participant's own training samples, what a committee member scores the updates on. */
    private final Map<Integer, Dataset> ownData;
    /** poq: scratch model for a candidate (the global model plus one update). */
    private final Model candidate;
    private float[] global;
    private final Map<Integer, Leader> leaders = new HashMap<>();

    /** poq: the verified upload whose model scored best on the committee's samples, and its accuracy there. */
    record Leader(int participant, double accuracy) {}

    BlockFlStrategy(BlockFlRounds rounds, BlockFlParams params, Set<Integer> falsifiers) {
        this(rounds, params, falsifiers, Map.of(), null);
    }

    /**
     * @param ownData  poq: each participant's training samples
     * @param scratch  poq: a model of the run's architecture to score candidates in (its parameters are overwritten)
     */
    BlockFlStrategy(BlockFlRounds rounds, BlockFlParams params, Set<Integer> falsifiers, Map<Integer, Dataset> ownData, Model scratch) {
        this.ownData = Map.copyOf(ownData);
        this.candidate = scratch;
        this.rounds = rounds;
        this.params = params;
        this.budgetMillis = params.timeBudgetS() == null ? null : (long) Math.ceil(params.timeBudgetS() * 1000.0);
        this.falsifiers = Set.copyOf(falsifiers);
    }

    /** The verified uploads, weighted by their claims (a believed falsifier weighs its claim). */
    @Override
    public List<ClientUpdate> uploads(int round, List<ClientUpdate> trained) {
        BlockFlRounds.Round r = rounds.round(round);
        List<ClientUpdate> verified = new ArrayList<>();
        for (ClientUpdate u : trained) {
            BlockFlRounds.Upload upload = r.of(u.participantId());
            if (upload != null && upload.verified()) {
                verified.add(new ClientUpdate(u.participantId(), u.delta(), upload.claimedSamples()));
            }
        }
        return verified;
    }

    /** The verified updates; under poq with requests, first the requester's request (or retrieval of the cached model). */
    @Override
    public List<LedgerMessages.Transaction> transactions(int round, List<ClientUpdate> uploads) {
        List<LedgerMessages.Transaction> transactions = new ArrayList<>();
        BlockFlRounds.Round r = rounds.round(round);
        if (r.request() != null) {
            byte[] spec = r.request().spec().getBytes(StandardCharsets.UTF_8);
            transactions.add(new LedgerMessages.Transaction(REQUESTER, new LedgerEntry(round, "requester", r.cached() ? "retrieval" : "request",
                    Hashes.sha256(spec), spec.length)));
        }
        uploads.stream().map(u -> new LedgerMessages.Transaction(u.participantId(), new LedgerEntry(round, "participant-" + u.participantId(),
                "update", Hashes.sha256(u.delta()), 4L * u.delta().length + BlockFlRounds.CLAIM_BYTES))).forEach(transactions::add);
        return transactions;
    }

    @Override
    public void configureRound(int round, float[] global) {
        this.global = global;
    }

    @Override
    public float[] aggregate(int round, List<ClientUpdate> uploads) {
        BlockFlRounds.Round r = rounds.round(round);
        if (r.quality() != null && !r.cached() && candidate != null) {
            leaders.put(round, leader(r.quality().committee(), uploads));
        }
        if (uploads.isEmpty() || !applied(r)) {
            return null;
        }
        return average.aggregate(uploads);
    }

    /**
     * Proof of Training Quality's leader: each verified update applied to the round's global model is scored by the
     * committee on its members' own samples (correct predictions over all of them); the best one leads the block, the
     * lowest participant id on a tie. The rule is ours (the survey says only that the committee checks training quality).
     */
    private Leader leader(List<Integer> committee, List<ClientUpdate> uploads) {
        Leader best = null;
        for (ClientUpdate u : uploads) {
            float[] params = global.clone();
            for (int i = 0; i < params.length; i++) {
                params[i] += u.delta()[i];
            }
            candidate.setParams(params);
            long correct = 0;
            long samples = 0;
            for (int member : committee) {
                Dataset own = ownData.get(member);
                if (own == null || own.size() == 0) {
                    continue;
                }
                EvalResult eval = Evaluation.evaluate(candidate, own, this.params.evalBatchSize());
                correct += Math.round(eval.accuracy() * own.size());
                samples += own.size();
            }
            double accuracy = samples == 0 ? 0 : (double) correct / samples;
            if (best == null || accuracy > best.accuracy()) {
                best = new Leader(u.participantId(), accuracy);
            }
        }
        return best;
    }

    /** Within the time budget, and under poq accepted by the committee's majority. */
    private boolean applied(BlockFlRounds.Round r) {
        return (budgetMillis == null || r.endMillis() <= budgetMillis) && (r.quality() == null || r.quality().accepted());
    }

    @Override
    public void report(int round, float[] globalBefore, List<ClientUpdate> uploads, Model global, RoundReport report) {
        BlockFlRounds.Round r = rounds.round(round);
        long verifiedSamples = 0;
        long falsifiedSamples = 0;
        for (ClientUpdate u : uploads) {
            BlockFlRounds.Upload upload = r.of(u.participantId());
            verifiedSamples += upload.claimedSamples();
            if (falsifiers.contains(u.participantId())) {
                falsifiedSamples += upload.claimedSamples() - upload.samples();
            }
        }
        for (BlockFlRounds.Upload upload : r.uploads()) {
            if (report.hasParticipant(upload.participant())) {
                report.participantMetric(upload.participant(), REWARD, upload.verified() ? upload.claimedSamples() : 0);
            }
        }
        report.metric(VERIFIED, uploads.size());
        report.metric(REJECTED, r.uploads().stream().filter(u -> !u.verified()).count());
        report.metric(VERIFIED_SAMPLES, verifiedSamples);
        report.metric(FALSIFIED_SHARE, verifiedSamples == 0 ? 0 : (double) falsifiedSamples / verifiedSamples);
        report.metric(FORKS, r.forks());
        if (r.quality() != null) {
            report.metric(COMMITTEE, VirtualTime.seconds(r.quality().committeeMillis()));
            report.metric(VOTES, r.quality().votes());
            Leader leader = leaders.remove(round);
            report.metric(LEADER_ACCURACY, leader == null ? 0 : leader.accuracy());
            if (leader != null) {
                report.events(List.of(new RunEvent(round, "leader", "participant-" + leader.participant(), String.format(Locale.ROOT,
                        "its update scored best on the committee's samples (accuracy %.4f): it leads the block", leader.accuracy()))));
            }
        } else {
            report.metric(BLOCK_WAIT, VirtualTime.seconds(r.last().race().blockMillis()));
        }
        report.metric(CROSS, VirtualTime.seconds(r.crossMillis()));
        report.metric(PROPAGATION, VirtualTime.seconds(r.propagationMillis()));
        report.metric(LATENCY, VirtualTime.seconds(r.latencyMillis()));
        report.metric(MEAN_LATENCY, VirtualTime.seconds(r.endMillis()) / round);
        if (r.quality() != null) {
            report.metric(APPLIED, applied(r) && !uploads.isEmpty() ? 1 : 0);
            if (r.request() != null) {
                report.metric(CACHE_HIT, r.cached() ? 1 : 0);
                report.metric(CACHE_SAVED, VirtualTime.seconds(r.request().savedMillis()));
            }
            return;
        }
        double fixedS = VirtualTime.seconds(r.deviceMillis() + r.crossMillis() + r.propagationMillis());
        double propagationS = VirtualTime.seconds(r.propagationMillis());
        report.metric(FORK_PROBABILITY, MinerRace.forkProbability(params.blockRatePerS(), params.miners(), propagationS));
        report.metric(EXPECTED_LATENCY, MinerRace.expectedRoundSeconds(fixedS, params.blockRatePerS(), params.miners(), propagationS));
        double optimum = MinerRace.optimalRate(fixedS, params.miners(), propagationS);
        report.metric(OPTIMAL_RATE, Double.isFinite(optimum) ? optimum : 0);
        report.metric(APPLIED, applied(r) && !uploads.isEmpty() ? 1 : 0);
    }
}
