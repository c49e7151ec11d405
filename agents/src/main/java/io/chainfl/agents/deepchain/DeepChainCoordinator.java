package io.chainfl.agents.deepchain;

import io.chainfl.agents.CborSerializable;
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
 */
public final class DeepChainCoordinator extends AbstractBehavior<DeepChainCoordinator.Command> {

    public sealed interface Command extends CborSerializable permits RunRound, GotSubmission, GotAggregate, GotShares {}

    public record RunRound(int round, List<Integer> selected, ActorRef<RoundDone> replyTo) implements Command {}

    private record GotSubmission(Submission submission) implements Command {}

    private record GotAggregate(Aggregated aggregated) implements Command {}

    private record GotShares(SharesReady shares) implements Command {}

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
    private Round current;

    /** Everything one round accumulates. */
    private static final class Round {
        final RunRound request;
        final TreeMap<Integer, Submission> submissions = new TreeMap<>();
        final TreeMap<Integer, byte[]> accepted = new TreeMap<>();
        final TreeMap<Integer, Aggregated> aggregates = new TreeMap<>();
        final TreeMap<Integer, java.math.BigInteger[]> shares = new TreeMap<>();
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
        return Behaviors.setup(ctx -> new DeepChainCoordinator(ctx, settings, crypto, parties, workers, sortition, contracts, global, ledger, test, expelled));
    }

    private DeepChainCoordinator(ActorContext<Command> ctx, Settings settings, DeepChainCrypto crypto, Map<Integer, ActorRef<PartyCommand>> parties,
                                 Map<Integer, ActorRef<WorkerCommand>> workers, WorkerSortition sortition, DeepChainContracts contracts,
                                 Model global, Ledger ledger, Dataset test, java.util.SortedSet<Integer> expelled) {
        super(ctx);
        this.expelled = expelled;
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
                .build();
    }

    private List<Integer> activeParties() {
        return parties.keySet().stream().filter(p -> !expelled.contains(p)).toList();
    }

    private Behavior<Command> onRunRound(RunRound request) {
        current = new Round(request, ledger.stats());
        float[] params = global.params().toFloatVector();
        ActorRef<Submission> replyTo = getContext().messageAdapter(Submission.class, GotSubmission::new);
        current.expected = activeParties().size();
        activeParties().forEach(p -> parties.get(p).tell(new TrainAndEncrypt(request.round(), params, replyTo)));
        return this;
    }

    private Behavior<Command> onSubmission(Submission submission) {
        Round r = current;
        r.submissions.put(submission.party(), submission);
        if (r.submissions.size() < r.expected) {
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
        ActorRef<SharesReady> replyTo = getContext().messageAdapter(SharesReady.class, GotShares::new);
        List<Integer> decryptors = r.accepted.keySet().stream().limit(crypto.scheme().threshold()).toList();
        if (decryptors.size() < crypto.scheme().threshold()) {
            r.events.add(new RunEvent(round, "no_decryption", "parties", "fewer than t honest parties left"));
            return finish(r, null);
        }
        decryptors.forEach(p -> parties.get(p).tell(new DecryptShares(round, r.aggregate, replyTo)));
        return this;
    }

    private Behavior<Command> onShares(SharesReady ready) {
        Round r = current;
        // key shares are numbered from 1: party p holds share p + 1
        r.shares.put(ready.party() + 1, ready.shares());
        if (r.shares.size() < crypto.scheme().threshold()) {
            return this;
        }
        float[] sum = crypto.combine(r.shares, r.accepted.size());
        return finish(r, sum);
    }

    private Behavior<Command> finish(Round r, float[] sum) {
        int round = r.request.round();
        if (r.aggregate != null && crypto.encrypted()) {
            r.timings.add(timing(round, "decrypt", r.phase.elapsedMillis()));
        }
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
