package io.chainfl.agents.deepchain;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.RoundDone;
import io.chainfl.agents.deepchain.DeepChainMessages.Aggregate;
import io.chainfl.agents.deepchain.DeepChainMessages.Aggregated;
import io.chainfl.agents.deepchain.DeepChainMessages.DecryptShares;
import io.chainfl.agents.deepchain.DeepChainMessages.PartyCommand;
import io.chainfl.agents.deepchain.DeepChainMessages.SharesReady;
import io.chainfl.agents.deepchain.DeepChainMessages.Submission;
import io.chainfl.agents.deepchain.DeepChainMessages.TrainAndEncrypt;
import io.chainfl.agents.deepchain.DeepChainMessages.WorkerCommand;
import io.chainfl.engine.data.Dataset;
import io.chainfl.engine.ledger.Hashes;
import io.chainfl.engine.ledger.Ledger;
import io.chainfl.engine.ledger.LedgerStats;
import io.chainfl.engine.metrics.ParticipantMetrics;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.metrics.TimingRecord;
import io.chainfl.engine.model.EvalResult;
import io.chainfl.engine.model.Evaluation;
import io.chainfl.engine.model.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Drives DeepChain's contracts through one round: collects the parties' transactions for the trading contract
 * (posted to the gradient exchange in batches of {@code gradientsPerTx} values, checked against the upload
 * deadline and verified), hands the accepted ciphertexts to the workers, lets the processing contract accept the
 * leader's aggregate by majority of the workers (the leader is drawn by stake; a rejected or lazy leader loses
 * stake and deposit and the next is drawn), has t parties decrypt it jointly, and applies the mean change.
 * Everything is handled in id order, so results do not depend on arrival order.
 *
 * <p>A party dropped after a failure (policy drop or restart) sends no transaction, so the trading contract treats
 * it as it treats a silent party: if it fails while training or encrypting, it missed the upload deadline; if it
 * fails while computing decryption shares, the next accepted party is asked instead. Either way it forfeits its
 * deposit to the round's honest parties, because the contract sees only the missing transaction and cannot tell a
 * crash from withholding (refunding on a claimed crash would let a party escape every deadline penalty).
 */
public final class DeepChainCoordinator extends AbstractBehavior<DeepChainCoordinator.Command> {

    public sealed interface Command extends CborSerializable permits RunRound, GotSubmission, GotAggregate, GotShares, GotFailure {}

    public record RunRound(int round, List<Integer> selected, ActorRef<RoundDone> replyTo) implements Command {}

    private record GotSubmission(Submission submission) implements Command {}

    private record GotAggregate(Aggregated aggregated) implements Command {}

    private record GotShares(SharesReady shares) implements Command {}

    private record GotFailure(ParticipantActor.Failed failed) implements Command {}

    /** Static settings; {@code hasLedger} false means plain FL (nothing posted). */
    public record Settings(String series, int totalRounds, int gradientsPerTx, long uploadTimeoutMs, boolean hasLedger, int evalBatch,
                           List<Double> soloAccuracies) {}

    private final Settings settings;
    private final DeepChainCrypto crypto;
    private final TreeMap<Integer, ActorRef<PartyCommand>> parties;
    private final TreeMap<Integer, ActorRef<WorkerCommand>> workers;
    private final WorkerSortition sortition;
    private final DeepChainContracts contracts;
    private final Model global;
    private final Ledger ledger;
    private final Dataset test;
    /** Parties that missed a deadline or sent garbage: they take no further part. Owned by the scenario (checkpoints). */
    private final java.util.SortedSet<Integer> expelled;
    /** Who was dropped after a failure: never asked again. Owned by the scenario (checkpoints). */
    private final ParticipantMemory memory;
    private final ActorRef<ParticipantActor.Failed> failureAdapter;
    private Round current;

    /** Everything one round accumulates. */
    private static final class Round {
        final RunRound request;
        final TreeMap<Integer, Submission> submissions = new TreeMap<>();
        final TreeMap<Integer, byte[]> accepted = new TreeMap<>();
        final TreeMap<Integer, Aggregated> aggregates = new TreeMap<>();
        final TreeMap<Integer, java.math.BigInteger[]> shares = new TreeMap<>();
        final TreeMap<Integer, Integer> shareAttempts = new TreeMap<>();
        /** Parties dropped this round while training or encrypting, and while decrypting. */
        final TreeMap<Integer, ParticipantActor.Failed> trainingFailures = new TreeMap<>();
        final TreeMap<Integer, ParticipantActor.Failed> decryptionFailures = new TreeMap<>();
        final TreeSet<Integer> askedToDecrypt = new TreeSet<>();
        boolean decrypting;
        final List<RunEvent> events = new ArrayList<>();
        final List<TimingRecord> timings = new ArrayList<>();
        final TreeMap<String, Double> extra = new TreeMap<>();
        final LedgerStats ledgerBefore;
        Stopwatch phase = Stopwatch.start();
        byte[] aggregate;
        int rejected;
        int expected;

        Round(RunRound request, LedgerStats ledgerBefore) {
            this.request = request;
            this.ledgerBefore = ledgerBefore;
        }
    }

    public static Behavior<Command> create(Settings settings, DeepChainCrypto crypto, Map<Integer, ActorRef<PartyCommand>> parties,
                                           Map<Integer, ActorRef<WorkerCommand>> workers, WorkerSortition sortition, DeepChainContracts contracts,
                                           Model global, Ledger ledger, Dataset test, java.util.SortedSet<Integer> expelled) {
        return create(settings, crypto, parties, workers, sortition, contracts, global, ledger, test, expelled, new ParticipantMemory());
    }

    /** @param memory the parties' memory: who was dropped after a failure is never asked again */
    public static Behavior<Command> create(Settings settings, DeepChainCrypto crypto, Map<Integer, ActorRef<PartyCommand>> parties,
                                           Map<Integer, ActorRef<WorkerCommand>> workers, WorkerSortition sortition, DeepChainContracts contracts,
                                           Model global, Ledger ledger, Dataset test, java.util.SortedSet<Integer> expelled, ParticipantMemory memory) {
        return Behaviors.setup(ctx -> new DeepChainCoordinator(ctx, settings, crypto, parties, workers, sortition, contracts, global, ledger, test, expelled,
                memory));
    }

    private DeepChainCoordinator(ActorContext<Command> ctx, Settings settings, DeepChainCrypto crypto, Map<Integer, ActorRef<PartyCommand>> parties,
                                 Map<Integer, ActorRef<WorkerCommand>> workers, WorkerSortition sortition, DeepChainContracts contracts,
                                 Model global, Ledger ledger, Dataset test, java.util.SortedSet<Integer> expelled, ParticipantMemory memory) {
        super(ctx);
        this.expelled = expelled;
        this.memory = memory;
        this.failureAdapter = ctx.messageAdapter(ParticipantActor.Failed.class, GotFailure::new);
        this.settings = settings;
        this.crypto = crypto;
        this.parties = new TreeMap<>(parties);
        this.workers = new TreeMap<>(workers);
        this.sortition = sortition;
        this.contracts = contracts;
        this.global = global;
        this.ledger = ledger;
        this.test = test;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RunRound.class, this::onRunRound)
                .onMessage(GotSubmission.class, m -> onSubmission(m.submission()))
                .onMessage(GotAggregate.class, m -> onAggregate(m.aggregated()))
                .onMessage(GotShares.class, m -> onShares(m.shares()))
                .onMessage(GotFailure.class, m -> onFailure(m.failed()))
                .build();
    }

    private List<Integer> activeParties() {
        return parties.keySet().stream().filter(p -> !expelled.contains(p) && !memory.isDropped(p)).toList();
    }

    private Behavior<Command> onRunRound(RunRound request) {
        current = new Round(request, ledger.stats());
        float[] params = global.params().toFloatVector();
        ActorRef<Submission> replyTo = getContext().messageAdapter(Submission.class, GotSubmission::new);
        List<Integer> active = activeParties();
        current.expected = active.size();
        active.forEach(p -> parties.get(p).tell(new TrainAndEncrypt(request.round(), params, replyTo, failureAdapter, 1)));
        return submissionsComplete(current);
    }

    private Behavior<Command> onSubmission(Submission submission) {
        current.submissions.put(submission.party(), submission);
        return submissionsComplete(current);
    }

    /** A party that failed a step for good: it is dropped, and the step goes on without it. */
    private Behavior<Command> onFailure(ParticipantActor.Failed failed) {
        Round r = current;
        if (!r.decrypting) {
            r.trainingFailures.put(failed.participantId(), failed);
            return submissionsComplete(r);
        }
        r.decryptionFailures.put(failed.participantId(), failed);
        return decryptionProgress(r);
    }

    private Behavior<Command> submissionsComplete(Round r) {
        if (r.submissions.size() + r.trainingFailures.size() < r.expected) {
            return this;
        }
        int round = r.request.round();
        r.timings.add(timing(round, "train", r.submissions.values().stream().mapToDouble(Submission::trainMillis).max().orElse(0)));
        r.timings.add(timing(round, "encrypt", r.submissions.values().stream().mapToDouble(Submission::encryptMillis).max().orElse(0)));
        Stopwatch upload = Stopwatch.start();
        UploadPhase.Outcome outcome = UploadPhase.run(round, r.submissions, crypto, ledger, settings.hasLedger(), settings.gradientsPerTx(),
                settings.uploadTimeoutMs());
        r.accepted.putAll(outcome.accepted());
        List<String> honest = r.accepted.keySet().stream().map(DeepChainContracts::party).toList();
        r.submissions.values().stream().filter(s -> s.attempt() > 1).forEach(s -> r.events.add(new RunEvent(round, "participant_restarted",
                DeepChainContracts.party(s.party()), "training or encryption threw; the retry succeeded")));
        r.trainingFailures.values().forEach(f -> {
            r.events.add(dropped(f, "training or encryption"));
            r.events.add(contracts.forfeit(round, DeepChainContracts.party(f.participantId()), honest, "missed the upload deadline (dropped after a failure)"));
        });
        outcome.failures().forEach((party, why) -> {
            expelled.add(party);
            r.events.add(contracts.forfeit(round, DeepChainContracts.party(party), honest, why));
        });
        r.extra.put("cipher_bytes", (double) crypto.payloadBytes());
        r.extra.put("exchange_txs", (double) outcome.transactions());
        r.extra.put("exchange_ms", (double) outcome.virtualMillis());
        r.timings.add(timing(round, "upload", upload.elapsedMillis()));
        if (r.accepted.isEmpty()) {
            return finish(r, null);
        }
        r.phase = Stopwatch.start();
        ActorRef<Aggregated> replyTo = getContext().messageAdapter(Aggregated.class, GotAggregate::new);
        List<byte[]> payloads = new ArrayList<>(r.accepted.values());
        workers.values().forEach(w -> w.tell(new Aggregate(round, payloads, replyTo)));
        return this;
    }

    private Behavior<Command> onAggregate(Aggregated aggregated) {
        Round r = current;
        r.aggregates.put(aggregated.worker(), aggregated);
        if (r.aggregates.size() < workers.size()) {
            return this;
        }
        int round = r.request.round();
        r.timings.add(timing(round, "aggregate", r.phase.elapsedMillis()));
        Stopwatch consensus = Stopwatch.start();
        WorkerSortition.Decision decision = sortition.decide(round, r.aggregates, ledger, settings.hasLedger());
        r.rejected = decision.punished().size();
        List<String> honestWorkers = workers.keySet().stream().filter(w -> !decision.punished().containsKey(w)).map(DeepChainContracts::worker).toList();
        decision.punished().forEach((w, why) -> r.events.add(contracts.forfeit(round, DeepChainContracts.worker(w), honestWorkers, why)));
        if (settings.hasLedger()) {
            ledger.seal();
        }
        r.timings.add(timing(round, "consensus", consensus.elapsedMillis()));
        r.aggregate = decision.accepted();
        if (r.aggregate == null) {
            r.events.add(new RunEvent(round, "no_aggregate", "processing-contract", "no worker's aggregate won a majority"));
            return finish(r, null);
        }
        r.phase = Stopwatch.start();
        if (!crypto.encrypted()) {
            return finish(r, DeepChainCrypto.floats(r.aggregate));
        }
        r.decrypting = true;
        return decryptionProgress(r);
    }

    private Behavior<Command> onShares(SharesReady ready) {
        Round r = current;
        // key shares are numbered from 1: party p holds share p + 1
        r.shares.put(ready.party() + 1, ready.shares());
        r.shareAttempts.put(ready.party(), ready.attempt());
        return decryptionProgress(r);
    }

    /**
     * Asks accepted parties in id order for decryption shares until t have answered; one dropped while decrypting
     * is replaced by the next. Any t shares decrypt the same sum, so a replacement does not change the result.
     */
    private Behavior<Command> decryptionProgress(Round r) {
        int threshold = crypto.scheme().threshold();
        if (r.shares.size() >= threshold) {
            return finish(r, crypto.combine(r.shares, r.accepted.size()));
        }
        int outstanding = r.askedToDecrypt.size() - r.shares.size() - r.decryptionFailures.size();
        List<Integer> candidates = r.accepted.keySet().stream().filter(p -> !r.askedToDecrypt.contains(p) && !memory.isDropped(p)).toList();
        if (r.shares.size() + outstanding + candidates.size() < threshold) {
            if (outstanding > 0) {
                // t shares are out of reach, but the answers still due are awaited, so none arrives in a later round
                return this;
            }
            r.events.add(new RunEvent(r.request.round(), "no_decryption", "parties", "fewer than t honest parties left"));
            return finish(r, null);
        }
        ActorRef<SharesReady> replyTo = getContext().messageAdapter(SharesReady.class, GotShares::new);
        for (int i = 0; r.shares.size() + outstanding < threshold; i++, outstanding++) {
            int party = candidates.get(i);
            r.askedToDecrypt.add(party);
            parties.get(party).tell(new DecryptShares(r.request.round(), r.aggregate, replyTo, failureAdapter, 1));
        }
        return this;
    }

    private static RunEvent dropped(ParticipantActor.Failed failed, String step) {
        return new RunEvent(failed.round(), "participant_dropped", DeepChainContracts.party(failed.participantId()),
                step + " threw " + failed.attempts() + (failed.attempts() == 1 ? " time" : " times") + ": " + failed.error());
    }

    /** Restarts that succeeded and parties dropped while decrypting, with their forfeits, in party-id order. */
    private void decryptionFailureEvents(Round r) {
        int round = r.request.round();
        r.shareAttempts.forEach((party, attempt) -> {
            if (attempt > 1) {
                r.events.add(new RunEvent(round, "participant_restarted", DeepChainContracts.party(party),
                        "computing decryption shares threw; the retry succeeded"));
            }
        });
        List<String> honest = r.accepted.keySet().stream().filter(p -> !r.decryptionFailures.containsKey(p)).map(DeepChainContracts::party).toList();
        r.decryptionFailures.values().forEach(f -> {
            r.events.add(dropped(f, "computing decryption shares"));
            r.events.add(contracts.forfeit(round, DeepChainContracts.party(f.participantId()), honest,
                    "missed the decryption deadline (dropped after a failure)"));
        });
    }

    private Behavior<Command> finish(Round r, float[] sum) {
        int round = r.request.round();
        if (r.aggregate != null && crypto.encrypted()) {
            r.timings.add(timing(round, "decrypt", r.phase.elapsedMillis()));
        }
        decryptionFailureEvents(r);
        if (sum != null) {
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = sum[i] / r.accepted.size();
            }
            global.params().addi(Nd4j.create(mean, new long[] {mean.length}, DataType.FLOAT));
        }
        Stopwatch evalClock = Stopwatch.start();
        EvalResult eval = Evaluation.evaluate(global, test, settings.evalBatch());
        r.timings.add(timing(round, "evaluate", evalClock.elapsedMillis()));
        if (round == settings.totalRounds()) {
            r.events.addAll(contracts.refundAll(round, ledger.stats().virtualTimeMillis()));
            for (int p = 0; p < settings.soloAccuracies().size(); p++) {
                r.events.add(new RunEvent(round, "solo_baseline", DeepChainContracts.party(p), String.format(java.util.Locale.ROOT,
                        "solo %.4f collaborative %.4f gain %+.4f", settings.soloAccuracies().get(p), eval.accuracy(), eval.accuracy() - settings.soloAccuracies().get(p))));
            }
            ledger.seal();
        }
        LedgerStats delta = ledger.stats().minus(r.ledgerBefore);
        List<ParticipantMetrics> participants = new ArrayList<>();
        double lossSum = 0;
        long samples = 0;
        for (Submission s : r.submissions.values()) {
            participants.add(new ParticipantMetrics(settings.series(), round, s.party(), s.samples(), s.trainLoss()));
            if (r.accepted.containsKey(s.party()) && Double.isFinite(s.trainLoss())) {
                lossSum += s.trainLoss() * s.samples();
                samples += s.samples();
            }
        }
        r.extra.put("accepted_updates", (double) r.accepted.size());
        r.extra.put("forfeits", (double) r.events.stream().filter(e -> e.kind().equals("forfeit")).count());
        r.extra.put("rejected_aggregates", (double) r.rejected);
        r.extra.put("ledger_txs", (double) delta.transactions());
        r.extra.put("ledger_bytes", (double) delta.payloadBytes());
        r.extra.put("ledger_gas", (double) delta.gasUsed());
        r.extra.put("ledger_ms", (double) delta.virtualTimeMillis());
        r.extra.put("solo_mean", settings.soloAccuracies().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        r.extra.put("solo_max", settings.soloAccuracies().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
        RoundMetrics metrics = new RoundMetrics(settings.series(), round, eval.accuracy(), eval.meanLoss(), eval.macroF1(),
                samples == 0 ? Double.NaN : lossSum / samples, r.extra);
        current = null;
        r.request.replyTo().tell(new RoundDone(metrics, participants, r.events, r.timings));
        return this;
    }

    private TimingRecord timing(int round, String phase, double millis) {
        return new TimingRecord(settings.series(), round, phase, millis);
    }

    static byte[] hash(byte[] payload) {
        return Hashes.sha256(payload);
    }
}
