package io.chainfl.agents.deepchain;

import io.chainfl.agents.CborSerializable;
import io.chainfl.agents.EntityLost;
import io.chainfl.agents.ParticipantMemory;
import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.RoundDone;
import io.chainfl.agents.RoundDriver;
import io.chainfl.agents.deepchain.DeepChainMessages.Aggregated;
import io.chainfl.agents.deepchain.DeepChainMessages.PartyCommand;
import io.chainfl.agents.deepchain.DeepChainMessages.SharesReady;
import io.chainfl.agents.deepchain.DeepChainMessages.Submission;
import io.chainfl.agents.deepchain.DeepChainMessages.WorkerCommand;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.round.Gathering;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.learning.data.Dataset;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.learning.model.EvalResult;
import io.chainfl.learning.model.Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.function.LongConsumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

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
 *
 * <p>On a cluster, parties and workers are sharded entities; one lost with its member is asked again or dropped per
 * {@code runtime.on_participant_loss} ({@link DeepChainMembers}), the contracts, ledger and model stay here.
 *
 * <p>One behavior per phase: idle, submitting, aggregating (workers), decrypting; the end of the round is
 * {@link RoundReport}; the round's state is {@link DeepChainRound}, its metrics {@link DeepChainMetrics}. The contracts
 * run on the ledger service, never on the ledger object: the set-up deposits, the gradient posts, forfeits, seals and
 * refunds are contract calls in exactly the order the coordinator makes them ({@link DeepChainLedger}), and the round's
 * ledger cost comes from the service's replies. (Over 300 lines: the four phases, each also following lost members,
 * read best side by side; what they share lives in those classes and {@link DeepChainMembers}.)
 */
public final class DeepChainCoordinator {
    public sealed interface Command extends CborSerializable permits Open, RunRound, GotSubmission, GotAggregate, GotShares, GotFailure, Lost, ReaskOwed,
            DeepChainLedger.Replied {}

    /**
     * Sets the contracts up before the first round, then starts {@code driver}: the deposits of {@code depositors} (none
     * when the run resumed from a checkpoint, whose ledger journal already holds them).
     */
    public record Open(List<String> depositors, ActorRef<RoundDriver.Command> driver) implements Command {
        public Open {
            depositors = List.copyOf(depositors);
        }
    }

    public record RunRound(int round, List<Integer> selected, ActorRef<RoundDone> replyTo) implements Command {}

    private record GotSubmission(Submission submission) implements Command {}

    private record GotAggregate(Aggregated aggregated) implements Command {}

    private record GotShares(SharesReady shares) implements Command {}

    private record GotFailure(ParticipantActor.Failed failed) implements Command {}

    /** A party or worker lost with its cluster member (sent in the driver's JVM only); see {@link DeepChainMembers}. */
    public record Lost(EntityLost lost) implements Command {}

    /** Time to ask reassigned entities again for what they still owe in {@code round} (see {@link DeepChainMembers}). */
    record ReaskOwed(int round, Duration next) implements Command {}

    /**
     * Static settings; {@code hasLedger} false means plain FL (nothing posted).
     *
     * @param deviceTime the round's time on the parties' and workers' devices ({@link DeepChainDeviceTime#NONE}: none)
     */
    public record Settings(String series, int totalRounds, int gradientsPerTx, long uploadTimeoutMs, boolean hasLedger, int evalBatch,
                           List<Double> soloAccuracies, DeepChainDeviceTime deviceTime, boolean payloadsOnChain) {
        /** Payloads on chain, as calldata. */
        public Settings(String series, int totalRounds, int gradientsPerTx, long uploadTimeoutMs, boolean hasLedger, int evalBatch,
                        List<Double> soloAccuracies, DeepChainDeviceTime deviceTime) {
            this(series, totalRounds, gradientsPerTx, uploadTimeoutMs, hasLedger, evalBatch, soloAccuracies, deviceTime, true);
        }

        /** Devices take no time. */
        public Settings(String series, int totalRounds, int gradientsPerTx, long uploadTimeoutMs, boolean hasLedger, int evalBatch,
                        List<Double> soloAccuracies) {
            this(series, totalRounds, gradientsPerTx, uploadTimeoutMs, hasLedger, evalBatch, soloAccuracies, DeepChainDeviceTime.NONE);
        }
    }

    private final Settings settings;
    private final DeepChainCrypto crypto;
    /** Where each party and worker is reached, and who left the run. */
    private final DeepChainMembers members;
    private final WorkerSortition sortition;
    private final DeepChainContracts contracts;
    private final Model global;
    private final DeepChainLedger ledger;
    private final Dataset test;
    /** Parties that missed a deadline or sent garbage: they take no further part. Owned by the scenario (checkpoints). */
    private final SortedSet<Integer> expelled;

    /**
     * @param ledger the run's ledger service, which the contracts run on
     * @param memory the parties' memory: who was dropped after a failure is never asked again (on a cluster parties
     *               elsewhere keep their own, so the coordinator notes each drop here too; this one goes into checkpoints)
     */
    public static Behavior<Command> create(Settings settings, DeepChainCrypto crypto, Map<Integer, ActorRef<PartyCommand>> parties,
                                           Map<Integer, ActorRef<WorkerCommand>> workers, WorkerSortition sortition, DeepChainContracts contracts,
                                           Model global, ActorRef<LedgerMessages.Command> ledger, Dataset test, SortedSet<Integer> expelled,
                                           ParticipantMemory memory) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> Behaviors.withStash(DeepChainLedger.STASH_CAPACITY, stash -> new DeepChainCoordinator(ctx,
                timers, settings, crypto, parties, workers, sortition, contracts, global, new DeepChainLedger(ctx, ledger, stash), test, expelled, memory).idle())));
    }

    private DeepChainCoordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers, Settings settings, DeepChainCrypto crypto, Map<Integer, ActorRef<PartyCommand>> parties,
                                 Map<Integer, ActorRef<WorkerCommand>> workers, WorkerSortition sortition, DeepChainContracts contracts,
                                 Model global, DeepChainLedger ledger, Dataset test, SortedSet<Integer> expelled, ParticipantMemory memory) {
        this.expelled = expelled;
        this.settings = settings;
        this.crypto = crypto;
        this.members = new DeepChainMembers(parties, workers, memory, new DeepChainMembers.Replies(
                ctx.messageAdapter(Submission.class, GotSubmission::new), ctx.messageAdapter(SharesReady.class, GotShares::new),
                ctx.messageAdapter(Aggregated.class, GotAggregate::new), ctx.messageAdapter(ParticipantActor.Failed.class, GotFailure::new)), timers);
        this.sortition = sortition;
        this.contracts = contracts;
        this.global = global;
        this.ledger = ledger;
        this.test = test;
    }

    /**
     * Between rounds. In every phase only answers still owed count: on a cluster a reassigned entity may answer twice
     * (the same answer), and one dropped with its member may still have had its answer on the way.
     */
    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(RunRound.class, this::startRound)
                .onMessage(Open.class, this::open)
                .onMessage(Lost.class, m -> {
                    members.lost(m.lost(), null);
                    return Behaviors.same();
                })
                .onMessage(ReaskOwed.class, m -> Behaviors.same())
                .build();
    }

    private Behavior<Command> open(Open open) {
        return ledger.ask(contracts.depositCalls(open.depositors()), deposited -> {
            contracts.deposited(open.depositors(), deposited.results());
            open.driver().tell(new RoundDriver.Start());
            return idle();
        });
    }

    private Behavior<Command> startRound(RunRound request) {
        RoundReport report = RoundReport.begin(settings.series(), request.round());
        float[] params = global.params().clone();
        List<Integer> active = members.partyIds().stream().filter(p -> !expelled.contains(p) && !members.isDropped(p)).toList();
        DeepChainRound r = new DeepChainRound(request, report, params, Gathering.ask(active, p -> members.askUpload(p, request.round(), params)));
        members.roundStarts(r);
        return submitting(r);
    }

    /** While the parties owe their transactions for the trading contract. */
    private Behavior<Command> submitting(DeepChainRound r) {
        if (r.submissions.complete()) {
            return afterUpload(r);
        }
        return Behaviors.receive(Command.class)
                .onMessage(GotSubmission.class, m -> {
                    if (m.submission().round() == r.round() && r.submissions.owes(m.submission().party())) {
                        r.submissions.answer(m.submission().party(), m.submission());
                    }
                    return submitting(r);
                })
                .onMessage(GotFailure.class, m -> {
                    if (m.failed().round() == r.round() && r.submissions.owes(m.failed().participantId())) {
                        members.dropped(m.failed().participantId());
                        r.submissions.fail(m.failed());
                    }
                    return submitting(r);
                })
                .onMessage(Lost.class, m -> {
                    members.lost(m.lost(), r);
                    return submitting(r);
                })
                .onMessage(ReaskOwed.class, m -> {
                    members.reask(r, m);
                    return Behaviors.same();
                })
                .build();
    }

    /** Puts the submissions on chain (nothing waits for the ledger service at this point: each round's end settled it all). */
    private Behavior<Command> afterUpload(DeepChainRound r) {
        Collection<Submission> submitted = r.submissions.answers().values();
        r.report.timing("train", submitted.stream().mapToDouble(Submission::trainMillis).max().orElse(0));
        r.report.timing("encrypt", submitted.stream().mapToDouble(Submission::encryptMillis).max().orElse(0));
        Stopwatch upload = Stopwatch.start();
        UploadPhase phase = UploadPhase.plan(r.round(), r.submissions.answers(), crypto, settings.hasLedger(), settings.gradientsPerTx(),
                settings.payloadsOnChain());
        return ledger.ask(phase.calls(), posted -> {
            r.report.ledgerSeen(posted.before(), posted.after());
            return uploaded(r, phase.settle(posted, crypto, settings.uploadTimeoutMs()), upload);
        });
    }

    /** The trading contract's verdict: the late and the invalid forfeit their deposits, the accepted go to the workers. */
    private Behavior<Command> uploaded(DeepChainRound r, UploadPhase.Outcome outcome, Stopwatch upload) {
        int round = r.round();
        RoundReport report = r.report;
        r.accepted.putAll(outcome.accepted());
        List<String> honest = r.accepted.keySet().stream().map(DeepChainContracts::party).toList();
        r.uploadFailureEvents(contracts, honest, ledger::send);
        outcome.failures().forEach((party, why) -> {
            expelled.add(party);
            report.event(contracts.forfeit(round, DeepChainContracts.party(party), honest, why, ledger::send));
        });
        report.metric(DeepChainMetrics.CIPHER_BYTES, crypto.payloadBytes());
        report.metric(DeepChainMetrics.EXCHANGE_TXS, outcome.transactions());
        report.metric(DeepChainMetrics.EXCHANGE_MS, outcome.virtualMillis());
        report.timing("upload", upload.elapsedMillis());
        if (r.accepted.isEmpty()) {
            return finish(r, null);
        }
        r.phase = Stopwatch.start();
        r.payloads = new ArrayList<>(r.accepted.values());
        members.askWorkers(r);
        return aggregating(r);
    }

    /** While the workers owe their aggregates for the processing contract. */
    private Behavior<Command> aggregating(DeepChainRound r) {
        if (r.aggregates.size() >= members.workerIds().size()) {
            return afterAggregation(r);
        }
        return Behaviors.receive(Command.class)
                .onMessage(GotAggregate.class, m -> {
                    if (m.aggregated().round() == r.round() && r.owesAggregate(m.aggregated().worker())) {
                        r.aggregates.put(m.aggregated().worker(), m.aggregated());
                    }
                    return aggregating(r);
                })
                .onMessage(Lost.class, m -> {
                    members.lost(m.lost(), r);
                    return aggregating(r);
                })
                .onMessage(ReaskOwed.class, m -> {
                    members.reask(r, m);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> afterAggregation(DeepChainRound r) {
        int round = r.round();
        r.report.timing("aggregate", r.phase.elapsedMillis());
        Stopwatch consensus = Stopwatch.start();
        // the processing contract's posts, forfeits and seal need no answer: they go with the round's last ledger call
        WorkerSortition.Decision decision = sortition.decide(round, r.aggregates, ledger::send, settings.hasLedger(), settings.payloadsOnChain());
        r.rejected = decision.punished().size();
        List<String> honestWorkers = members.workerIds().stream().filter(w -> !decision.punished().containsKey(w)).map(DeepChainContracts::worker).toList();
        decision.punished().forEach((w, why) -> r.report.event(contracts.forfeit(round, DeepChainContracts.worker(w), honestWorkers, why, ledger::send)));
        if (settings.hasLedger()) {
            ledger.send(new ContractCall.SealBlocks());
        }
        r.report.timing("consensus", consensus.elapsedMillis());
        r.aggregate = decision.accepted();
        if (r.aggregate == null) {
            r.report.event(new RunEvent(round, "no_aggregate", "processing-contract", "no worker's aggregate won a majority"));
            return finish(r, null);
        }
        r.phase = Stopwatch.start();
        if (!crypto.encrypted()) {
            return finish(r, DeepChainCrypto.floats(r.aggregate));
        }
        return decrypting(r);
    }

    /**
     * While decryption shares are due. Asks accepted parties in id order until t have answered; one dropped while
     * decrypting is replaced by the next. Any t shares decrypt the same sum, so a replacement does not change the result.
     */
    private Behavior<Command> decrypting(DeepChainRound r) {
        int threshold = crypto.scheme().threshold();
        if (r.shares.size() >= threshold) {
            return finish(r, crypto.combine(r.shares, r.accepted.size()));
        }
        int outstanding = r.askedToDecrypt.size() - r.shares.size() - r.decryptionFailures.size() - r.lostDecryptions.size();
        List<Integer> candidates = r.accepted.keySet().stream().filter(p -> !r.askedToDecrypt.contains(p) && !members.isDropped(p)).toList();
        if (r.shares.size() + outstanding + candidates.size() < threshold && outstanding == 0) {
            r.report.event(new RunEvent(r.round(), "no_decryption", "parties", "fewer than t honest parties left"));
            return finish(r, null);
        }
        // when t shares are out of reach, the answers still due are awaited all the same, so none arrives in a later round
        if (r.shares.size() + outstanding + candidates.size() >= threshold) {
            for (int i = 0; r.shares.size() + outstanding < threshold; i++, outstanding++) {
                int party = candidates.get(i);
                members.askShares(party, r);
            }
        }
        return Behaviors.receive(Command.class)
                .onMessage(GotShares.class, m -> {
                    // key shares are numbered from 1: party p holds share p + 1
                    if (m.shares().round() == r.round() && r.owesShares(m.shares().party())) {
                        r.shares.put(m.shares().party() + 1, m.shares().shares());
                        r.shareAttempts.put(m.shares().party(), m.shares().attempt());
                    }
                    return decrypting(r);
                })
                .onMessage(GotFailure.class, m -> {
                    if (m.failed().round() == r.round() && r.owesShares(m.failed().participantId())) {
                        members.dropped(m.failed().participantId());
                        r.decryptionFailures.put(m.failed().participantId(), m.failed());
                    }
                    return decrypting(r);
                })
                .onMessage(Lost.class, m -> {
                    members.lost(m.lost(), r);
                    return decrypting(r);
                })
                .onMessage(ReaskOwed.class, m -> {
                    members.reask(r, m);
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> finish(DeepChainRound r, float[] sum) {
        members.roundOver();
        int round = r.round();
        RoundReport report = r.report;
        if (r.aggregate != null && crypto.encrypted()) {
            report.timing("decrypt", r.phase.elapsedMillis());
        }
        r.decryptionFailureEvents(contracts, ledger::send);
        DeepChainDeviceTime.Spent onDevices = settings.deviceTime().round(
                r.submissions.answers().values().stream().filter(s -> s.payload() != null).map(Submission::party).toList(),
                r.aggregates.values().stream().filter(a -> a.aggregate() != null).map(Aggregated::worker).toList(),
                r.accepted.size(), sum == null || !crypto.encrypted() ? List.of() : r.shares.keySet().stream().limit(crypto.scheme().threshold()).toList(),
                r.accepted.keySet());
        report.deviceTime(onDevices.millis());
        if (settings.deviceTime().modelled()) {
            report.metric(DeepChainMetrics.DEVICE_MS, onDevices.millis());
            report.metric(DeepChainMetrics.DEVICE_CRYPTO_MS, onDevices.cryptoMillis());
        }
        if (sum != null) {
            float[] mean = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                mean[i] = sum[i] / r.accepted.size();
            }
            global.addToParams(mean);
        }
        EvalResult eval = report.evaluate(global, test, settings.evalBatch());
        List<Double> solo = settings.soloAccuracies();
        LongConsumer lastRefunds = round != settings.totalRounds() ? null : nowMillis -> {
            report.events(contracts.refundAll(round, nowMillis, ledger::send));
            r.soloBaselineEvents(solo, eval);
        };
        return ledger.closeRound(report, lastRefunds, () -> {
            r.reportRows(solo);
            r.request.replyTo().tell(report.done(eval));
            return idle();
        });
    }
}
