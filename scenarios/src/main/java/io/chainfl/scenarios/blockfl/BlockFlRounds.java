package io.chainfl.scenarios.blockfl;

import io.chainfl.agents.adversary.FalsifiedSamplesParams;
import io.chainfl.agents.round.RoundPace;
import io.chainfl.engine.UserError;
import io.chainfl.engine.device.DeviceProfile;
import io.chainfl.engine.device.Devices;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.cost.ModelCost;
import io.chainfl.ledger.sim.MinerRace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * A BlockFL round in virtual time, decided before anyone trains from the devices, the claims and the seed (Kim et al.
 * 2020, Sec. III's latency model): every device downloads the global model, trains on its samples and uploads its update
 * with its sample count to its miner (device i to miner i mod N_M); the miners exchange the uploads and check each claim
 * against the time the device's computation took (cross-verification); they race for the block under proof of work
 * ({@link MinerRace}, one seed stream {@value #RACE_STREAM} per round and attempt); the winner's block, holding the verified
 * updates, propagates to the others. If another miner finds a block within that propagation delay the chain forks and
 * the whole round is done again (the paper's model: the attempts repeat until one does not fork). So a round lasts
 * {@code attempts x (T_device + T_cross + T_bp) + the blocks' waits}.
 *
 * <p>The round's server asks {@link #plan} as its {@link RoundPace}; its strategy reads the same {@link Round} from here
 * for verification and metrics, so both see one computation. Not thread-safe: the server's actor calls it.
 *
 * <p>Under {@code consensus: poq} (System I, Lu et al. 2020) the race is replaced by a committee's quality check
 * ({@link #qualityCheck}) and a repeated data-sharing request by the cached model's retrieval.
 * (Over 300 lines: both consensus modes share the devices, the exchange and the propagation of one round's timeline,
 * and the records every caller reads; splitting them would compute the shared part in two places.)
 */
final class BlockFlRounds implements RoundPace {
    static final String RACE_STREAM = "blockfl/race";
    static final String COMMITTEE_STREAM = "blockfl/committee";
    /** A committee member's vote carries one quality score per update it evaluated, 8 bytes each. */
    static final long SCORE_BYTES = 8;
    /** Attempts before a round gives up: at such fork rates the study's rate is far past its optimum. */
    static final int MAX_ATTEMPTS = 100_000;
    /** A transaction's update carries its claimed sample count and its computation time, 8 bytes each. */
    static final long CLAIM_BYTES = 16;

    /** One upload as the miners see it. */
    record Upload(int participant, int miner, long samples, long claimedSamples, long computeMillis, long expectedComputeMillis,
                  long deviceMillis, boolean verified) {}

    /** One race of the round; {@code forked}: its block was not agreed and the round was done again. */
    record Attempt(MinerRace.Attempt race, long startMillis, long endMillis) {}

    /**
     * Proof of Training Quality's check of a round (poq): the committee drawn for it, the slowest member's download of
     * the verified updates, evaluation of each on its own samples and vote upload, and the yes votes (a block is accepted
     * by more than half of the committee).
     */
    record QualityCheck(List<Integer> committee, long committeeMillis, int votes) {
        boolean accepted() {
            return 2 * votes > committee.size();
        }
    }

    /**
     * A data-sharing request of poq (System I): the specification asked for, the first round that asked for it and, when
     * this is a repeat, the latency that first round took (the training the cached model saves).
     */
    record Request(String spec, int firstRound, long savedMillis) {
        boolean cached(int round) {
            return firstRound < round;
        }
    }

    /**
     * @param startMillis the run's clock when the round was planned
     * @param deviceMillis the slowest device's download, training and upload (one attempt)
     * @param attempts the proof-of-work races (pow); empty under poq, which has no race
     * @param quality the committee's check (poq); null under pow
     */
    record Round(int round, long startMillis, List<Upload> uploads, long deviceMillis, long crossMillis, long propagationMillis,
                 List<Attempt> attempts, QualityCheck quality, Request request, long latencyMillis) {
        boolean cached() {
            return request != null && request.cached(round);
        }

        int forks() {
            return Math.max(0, attempts.size() - 1);
        }

        /** Virtual time of the attempts whose blocks forked: work done and thrown away. */
        long wastedMillis() {
            return attempts.isEmpty() ? 0 : last().startMillis();
        }

        Attempt last() {
            return attempts.get(attempts.size() - 1);
        }

        /** The upload of {@code participant}, or null; uploads are in participant-id order (a round's ids come sorted). */
        Upload of(int participant) {
            int lo = 0;
            int hi = uploads.size() - 1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                int id = uploads.get(mid).participant();
                if (id == participant) {
                    return uploads.get(mid);
                }
                if (id < participant) {
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return null;
        }

        long endMillis() {
            return startMillis + latencyMillis;
        }
    }

    private final BlockFlParams params;
    private final Devices devices;
    private final ModelCost cost;
    private final int localEpochs;
    private final Map<Integer, Long> samplesOf;
    private final Map<Integer, FalsifiedSamplesParams> falsifiers;
    private final SeedStreams seeds;
    private final LongSupplier clock;
    private final MinerRace race;
    private final Map<Integer, Round> rounds = new HashMap<>();

    /**
     * @param samplesOf  each participant's training samples (one epoch)
     * @param falsifiers who claims more samples than it holds, and how
     * @param clock      the run's virtual clock (a round's start when it is planned)
     */
    BlockFlRounds(BlockFlParams params, Devices devices, ModelCost cost, int localEpochs, Map<Integer, Long> samplesOf,
                  Map<Integer, FalsifiedSamplesParams> falsifiers, SeedStreams seeds, LongSupplier clock) {
        this.params = params;
        this.devices = devices;
        this.cost = cost;
        this.localEpochs = localEpochs;
        this.samplesOf = Map.copyOf(samplesOf);
        this.falsifiers = Map.copyOf(falsifiers);
        this.seeds = seeds;
        this.clock = clock;
        this.race = new MinerRace(params.miners(), params.blockRatePerS());
    }

    @Override
    public Plan plan(int round, List<Integer> active) {
        Round r = compute(round, clock.getAsLong(), active);
        rounds.put(round, r);
        return new Plan(r.cached() ? List.of() : active, r.latencyMillis(), events(r));
    }

    /** The round the last {@link #plan} of {@code round} decided. */
    Round round(int round) {
        Round r = rounds.get(round);
        if (r == null) {
            throw new IllegalStateException("blockfl round " + round + " was not planned");
        }
        return r;
    }

    /** The round's timeline: a pure function of the round, its start and its participants. */
    Round compute(int round, long startMillis, List<Integer> active) {
        String spec = params.request(round);
        if (spec != null) {
            int first = params.firstRequest(round);
            if (first < round) {
                // the first round's timeline does not depend on its start, so the saving is recomputed, not remembered
                long saved = compute(first, 0, active).latencyMillis();
                return new Round(round, startMillis, List.of(), 0, 0, 0, List.of(), new QualityCheck(List.of(), 0, 0),
                        new Request(spec, first, saved), retrievalMillis());
            }
        }
        Request request = spec == null ? null : new Request(spec, round, 0);
        List<Upload> uploads = new ArrayList<>();
        long deviceMillis = 0;
        Map<Integer, Integer> perMiner = new TreeMap<>();
        for (int id : active) {
            DeviceProfile device = devices.of(id);
            long samples = samplesOf.get(id);
            FalsifiedSamplesParams falsifier = falsifiers.get(id);
            long claimed = falsifier == null ? samples : (long) Math.ceil(samples * falsifier.factor());
            long expected = device.computeMillis(cost.trainFlops(claimed * localEpochs));
            long computed = falsifier != null && falsifier.padTime() ? expected : device.computeMillis(cost.trainFlops(samples * localEpochs));
            boolean verified = !params.crossVerify() || Math.abs(computed - expected) <= params.verifyTolerance() * expected;
            long total = device.downloadMillis(cost.modelBytes()) + computed + device.uploadMillis(cost.modelBytes() + CLAIM_BYTES);
            int miner = id % params.miners();
            uploads.add(new Upload(id, miner, samples, claimed, computed, expected, total, verified));
            deviceMillis = Math.max(deviceMillis, total);
            perMiner.merge(miner, 1, Integer::sum);
        }
        long crossMillis = crossVerificationMillis(perMiner);
        long verifiedCount = uploads.stream().filter(Upload::verified).count();
        long propagationMillis = minerTransferMillis(params.blockHeaderBytes() + verifiedCount * (cost.modelBytes() + CLAIM_BYTES));
        if (params.poq()) {
            QualityCheck quality = qualityCheck(round, active, uploads);
            long latency = deviceMillis + crossMillis + quality.committeeMillis() + propagationMillis;
            return new Round(round, startMillis, List.copyOf(uploads), deviceMillis, crossMillis, propagationMillis, List.of(), quality, request, latency);
        }
        List<Attempt> attempts = new ArrayList<>();
        long at = 0;
        for (int a = 1; ; a++) {
            if (a > MAX_ATTEMPTS) {
                throw new UserError("scenario.block_rate_per_s: " + params.blockRatePerS() + " forks round " + round + " more than " + MAX_ATTEMPTS
                        + " times in a row (a block propagates in " + propagationMillis + " ms); lower the rate");
            }
            var draws = seeds.stream(RACE_STREAM, round, a);
            MinerRace.Attempt race = this.race.race(draws::nextDouble, propagationMillis);
            long end = at + deviceMillis + crossMillis + race.blockMillis() + propagationMillis;
            attempts.add(new Attempt(race, at, end));
            at = end;
            if (!race.forked()) {
                break;
            }
        }
        return new Round(round, startMillis, List.copyOf(uploads), deviceMillis, crossMillis, propagationMillis, List.copyOf(attempts), null, null, at);
    }

    /**
     * Proof of Training Quality (Lu et al. 2020, as the survey describes System I: the consensus work is the check of the
     * trained model's quality instead of hashing). After the nodes' exchange, the committee ({@code scenario.committee}
     * devices drawn without replacement from the round's participants, seed stream {@value #COMMITTEE_STREAM} keyed by
     * the round) each download the verified updates from their node, evaluate every one on their own training samples
     * (forward passes on their device) and upload one score per update as their vote; the block waits for the slowest
     * member. Every member here is honest, so every member votes for the block.
     */
    QualityCheck qualityCheck(int round, List<Integer> active, List<Upload> uploads) {
        List<Integer> pool = new ArrayList<>(active);
        var draws = seeds.stream(COMMITTEE_STREAM, round);
        int size = Math.min(params.committee(), pool.size());
        for (int i = 0; i < size; i++) {
            int j = i + draws.nextInt(pool.size() - i);
            Integer picked = pool.get(j);
            pool.set(j, pool.get(i));
            pool.set(i, picked);
        }
        List<Integer> committee = new ArrayList<>(pool.subList(0, size));
        committee.sort(null);
        long verified = uploads.stream().filter(Upload::verified).count();
        long slowest = 0;
        for (int member : committee) {
            DeviceProfile device = devices.of(member);
            long millis = device.downloadMillis(verified * (cost.modelBytes() + CLAIM_BYTES))
                    + device.computeMillis(cost.evaluationFlops(samplesOf.get(member) * verified))
                    + device.uploadMillis(verified * SCORE_BYTES);
            slowest = Math.max(slowest, millis);
        }
        return new QualityCheck(List.copyOf(committee), slowest, committee.size());
    }

    /**
     * Refuses, before anything runs, a rate at which a round whose block holds every participant's update would fork
     * more than {@link #MAX_ATTEMPTS} / 10 times on average (exp(lambda (miners - 1) T_bp) attempts): one line, not a
     * run that stops in its first round.
     */
    void checkRate(int participants) {
        if (params.poq()) {
            return; // no race: the block rate is not used
        }
        double propagationS = minerTransferMillis(params.blockHeaderBytes() + participants * (cost.modelBytes() + CLAIM_BYTES)) / 1000.0;
        double attempts = 1.0 / (1.0 - MinerRace.forkProbability(params.blockRatePerS(), params.miners(), propagationS));
        if (!(attempts <= MAX_ATTEMPTS / 10.0)) {
            throw new UserError(String.format(Locale.ROOT, "scenario.block_rate_per_s: at %s per miner a block of %d updates (%.3f s to propagate)"
                    + " forks %s times a round on average; lower it (the latency optimum is below %.4g)", params.blockRatePerS(), participants,
                    propagationS, Double.isFinite(attempts) ? String.format(Locale.ROOT, "%.3g", attempts - 1) : "countless",
                    MinerRace.optimalRate(0, params.miners(), propagationS)));
        }
    }

    /**
     * Every miner sends the uploads it received to each of the other miners over its link (one transfer of all of them
     * per peer, one after the other); verification itself is a comparison. The exchange ends with the busiest miner's.
     */
    long crossVerificationMillis(Map<Integer, Integer> uploadsPerMiner) {
        if (params.miners() == 1) {
            return 0;
        }
        long busiest = uploadsPerMiner.values().stream().mapToLong(Integer::longValue).max().orElse(0);
        return busiest == 0 ? 0 : minerTransferMillis(busiest * (cost.modelBytes() + CLAIM_BYTES) * (params.miners() - 1));
    }

    /** A repeated request: the requester's node looks the specification up on chain and sends it the cached model. */
    long retrievalMillis() {
        return minerTransferMillis(cost.modelBytes());
    }

    /** Latency plus bytes over the miners' bandwidth, rounded up to whole milliseconds as devices' transfers are. */
    long minerTransferMillis(long bytes) {
        return Math.max(1, (long) Math.ceil(params.minerLatencyMs() + 1000.0 * bytes / params.minerBytesPerS()));
    }

    private static List<RunEvent> events(Round r) {
        List<RunEvent> events = new ArrayList<>();
        for (Upload u : r.uploads()) {
            if (!u.verified()) {
                events.add(new RunEvent(r.round(), "rejected", "participant-" + u.participant(), String.format(Locale.ROOT,
                        "claimed %d samples, which take %d ms on its device; its computation took %d ms: miner %d rejects the update",
                        u.claimedSamples(), u.expectedComputeMillis(), u.computeMillis(), u.miner())));
            }
        }
        if (r.request() != null) {
            Request q = r.request();
            events.add(new RunEvent(r.round(), r.cached() ? "cached" : "request", "requester", r.cached()
                    ? String.format(Locale.ROOT, "asks for '%s' again (first asked in round %d): answered from the cached model in %d ms, nobody trains (saves %d ms)",
                            q.spec(), q.firstRound(), r.latencyMillis(), q.savedMillis())
                    : String.format(Locale.ROOT, "asks for '%s': recorded on chain, the parties train for it", q.spec())));
        }
        if (r.quality() != null && !r.cached()) {
            QualityCheck q = r.quality();
            events.add(new RunEvent(r.round(), "committee", "round-" + r.round(), String.format(Locale.ROOT,
                    "participants %s evaluated the verified updates on their own data in %d ms (the slowest); %d of %d voted for the block: %s",
                    q.committee(), q.committeeMillis(), q.votes(), q.committee().size(), q.accepted() ? "accepted" : "not accepted")));
        }
        for (int i = 0; i + 1 < r.attempts().size(); i++) {
            MinerRace.Attempt race = r.attempts().get(i).race();
            events.add(new RunEvent(r.round(), "fork", "miner-" + race.winner(), String.format(Locale.ROOT,
                    "attempt %d: miner %d found the block at %.3f s, miner %d another %.0f ms later, within the %d ms propagation delay; the round is done again",
                    i + 1, race.winner(), VirtualTime.seconds(race.blockMillis()), race.rival(), race.rivalGapMillis(), r.propagationMillis())));
        }
        return events;
    }
}
