package io.chainfl.agents.deepchain;

import io.chainfl.agents.ParticipantActor;
import io.chainfl.agents.deepchain.DeepChainCoordinator.RunRound;
import io.chainfl.agents.deepchain.DeepChainMessages.Aggregated;
import io.chainfl.agents.deepchain.DeepChainMessages.Submission;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.round.FailureEvents;
import io.chainfl.agents.round.Gathering;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.engine.metrics.LedgerMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.learning.model.EvalResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/** What one DeepChain round carries from phase to phase, and the events and rows it reports (owned by the coordinator's actor, never shared). */
final class DeepChainRound {
    final RunRound request;
    final RoundReport report;
    final Gathering<Submission> submissions;
    final TreeMap<Integer, byte[]> accepted = new TreeMap<>();
    final TreeMap<Integer, Aggregated> aggregates = new TreeMap<>();
    final TreeMap<Integer, BigInteger[]> shares = new TreeMap<>();
    final TreeMap<Integer, Integer> shareAttempts = new TreeMap<>();
    final TreeMap<Integer, ParticipantActor.Failed> decryptionFailures = new TreeMap<>();
    final TreeSet<Integer> askedToDecrypt = new TreeSet<>();
    /** Parties lost with their cluster member (policy drop) while they owed their upload or their shares: member and why. */
    final TreeMap<Integer, String> lostUploads = new TreeMap<>();
    final TreeMap<Integer, String> lostDecryptions = new TreeMap<>();
    /** The model the parties train from, kept to ask a reassigned party again. */
    final float[] globalParams;
    Stopwatch phase = Stopwatch.start();
    /** The accepted ciphertexts the workers aggregate, in party-id order; null until the upload is settled. */
    List<byte[]> payloads;
    byte[] aggregate;
    int rejected;

    DeepChainRound(RunRound request, RoundReport report, float[] globalParams, Gathering<Submission> submissions) {
        this.request = request;
        this.report = report;
        this.globalParams = globalParams;
        this.submissions = submissions;
    }

    int round() {
        return request.round();
    }

    /** Whether {@code party} was asked for its decryption shares and has neither answered nor left. */
    boolean owesShares(int party) {
        return askedToDecrypt.contains(party) && !shares.containsKey(party + 1) && !decryptionFailures.containsKey(party)
                && !lostDecryptions.containsKey(party);
    }

    /** Whether {@code worker} was asked for its aggregate and has not answered (nor been counted lazy). */
    boolean owesAggregate(int worker) {
        return payloads != null && !aggregates.containsKey(worker);
    }

    /**
     * Restarts that succeeded and parties dropped while training or encrypting (after a failure, or lost with their
     * member), with their forfeits to the {@code honest} parties (calls to {@code ledger}), in party-id order.
     */
    void uploadFailureEvents(DeepChainContracts contracts, List<String> honest, Consumer<ContractCall> ledger) {
        int round = round();
        submissions.answers().values().stream().filter(s -> s.attempt() > 1).forEach(s -> report.event(
                FailureEvents.restarted(round, DeepChainContracts.party(s.party()), "training or encryption")));
        submissions.failures().values().forEach(f -> {
            report.event(FailureEvents.dropped(DeepChainContracts.party(f.participantId()), f, "training or encryption"));
            report.event(contracts.forfeit(round, DeepChainContracts.party(f.participantId()), honest, "missed the upload deadline (dropped after a failure)", ledger));
        });
        lostUploads.forEach((party, detail) -> {
            report.event(new RunEvent(round, "participant_dropped", DeepChainContracts.party(party), detail));
            report.event(contracts.forfeit(round, DeepChainContracts.party(party), honest, "missed the upload deadline (lost with its member)", ledger));
        });
    }

    /** After the last round: how each party's accuracy training alone ({@code solo}, in party order) compares with the collaboration's. */
    void soloBaselineEvents(List<Double> solo, EvalResult eval) {
        for (int p = 0; p < solo.size(); p++) {
            report.event(new RunEvent(round(), "solo_baseline", DeepChainContracts.party(p), String.format(Locale.ROOT,
                    "solo %.4f collaborative %.4f gain %+.4f", solo.get(p), eval.accuracy(), eval.accuracy() - solo.get(p))));
        }
    }

    /** The round's participant rows and DeepChain's metrics, its ledger cost included (once every ledger call of the round ran). */
    void reportRows(List<Double> solo) {
        for (Submission s : submissions.answers().values()) {
            report.participant(s.party(), s.samples(), s.trainLoss(), accepted.containsKey(s.party()));
        }
        report.metric(DeepChainMetrics.ACCEPTED_UPDATES, accepted.size());
        report.metric(DeepChainMetrics.FORFEITS, report.eventsSoFar().stream().filter(e -> e.kind().equals("forfeit")).count());
        report.metric(DeepChainMetrics.REJECTED_AGGREGATES, rejected);
        report.ledgerCost(LedgerMetrics.TXS, LedgerMetrics.BYTES, LedgerMetrics.GAS, LedgerMetrics.MS);
        report.metric(DeepChainMetrics.SOLO_MEAN, solo.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
        report.metric(DeepChainMetrics.SOLO_MAX, solo.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN));
    }

    /** Restarts that succeeded and parties dropped while decrypting, with their forfeits (calls to {@code ledger}), in party-id order. */
    void decryptionFailureEvents(DeepChainContracts contracts, Consumer<ContractCall> ledger) {
        int round = round();
        shareAttempts.forEach((party, attempt) -> {
            if (attempt > 1) {
                report.event(FailureEvents.restarted(round, DeepChainContracts.party(party), "computing decryption shares"));
            }
        });
        List<String> honest = accepted.keySet().stream().filter(p -> !decryptionFailures.containsKey(p) && !lostDecryptions.containsKey(p))
                .map(DeepChainContracts::party).toList();
        decryptionFailures.values().forEach(f -> {
            report.event(FailureEvents.dropped(DeepChainContracts.party(f.participantId()), f, "computing decryption shares"));
            report.event(contracts.forfeit(round, DeepChainContracts.party(f.participantId()), honest,
                    "missed the decryption deadline (dropped after a failure)", ledger));
        });
        lostDecryptions.forEach((party, detail) -> {
            report.event(new RunEvent(round, "participant_dropped", DeepChainContracts.party(party), detail));
            report.event(contracts.forfeit(round, DeepChainContracts.party(party), honest, "missed the decryption deadline (lost with its member)", ledger));
        });
    }
}
