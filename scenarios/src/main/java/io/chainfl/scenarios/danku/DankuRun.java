package io.chainfl.scenarios.danku;

import io.chainfl.agents.adversary.DankuCopierParams;
import io.chainfl.agents.adversary.DankuCorruptManagerParams;
import io.chainfl.agents.adversary.DankuOverfitterParams;
import io.chainfl.agents.adversary.DankuSilentOrganizerParams;
import io.chainfl.agents.ledger.CallResult;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.DanKuCall;
import io.chainfl.agents.ledger.LedgerClient;
import io.chainfl.agents.sealed.SealedEnvelope;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.learning.data.Dataset;
import io.chainfl.ledger.DanKu;
import io.chainfl.scenarios.ScenarioContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * One DanKu market from creation to payout, on one thread: asks the organizer and the submitters for each phase (in
 * submitter-id order, copiers last) and sends the contract calls through the ledger service, at virtual times on the
 * run's clock: creation at 0, submissions one second apart inside the window, openings and the test reveal when the
 * window closes (in a sealed market: the organizer's pick and the challenges at the close, the test reveal after the
 * challenge window), finalize after the reveal or, when the organizer stays silent, at the reveal deadline.
 * About 430 lines: the market's five phases in order with the sealed market's pick and challenges and the overfitter's
 * measures, kept in one place so the sequence reads top to bottom; the parts without a ledger call live beside it
 * ({@link HeldOutRows}, {@link SealedSubmissions}).
 * A market runs in seconds and writes no checkpoints.
 */
final class DankuRun {
    static final long MARKET = 1;
    static final String ORGANIZER = "organizer";
    private static final Duration ASK_TIMEOUT = Duration.ofMinutes(10);

    private final ScenarioContext context;
    private final DankuParams params;
    private final LedgerClient ledger;
    private final Dataset organizerData;
    private final List<Integer> copiers;
    private final boolean silentOrganizer;
    /** The first danku_overfitter entry (null without one) and the submitters it names. */
    private final DankuOverfitterParams overfitter;
    private final List<Integer> overfitters;
    private HeldOutRows heldOut;
    /** The organizer's key as the manager of a sealed market (null otherwise). */
    private SealedEnvelope.KeyPair managerKey;
    private final Map<String, Double> metrics = new TreeMap<>();
    private long maxTxGas;
    private long envelopeBytes;
    private int publicModels;
    private int challenges;

    record Actors(ActorRef<OrganizerActor.Command> organizer, List<ActorRef<SubmitterActor.Command>> submitters) {}

    DankuRun(ScenarioContext context, DankuParams params, LedgerClient ledger) {
        this.context = context;
        this.params = params;
        this.ledger = ledger;
        this.organizerData = FixedPoint.pooled(context.data().test(), params.pool());
        int needed = params.groups() * params.rowsPerGroup();
        if (needed > organizerData.size()) {
            throw new UserError("scenario.groups x scenario.rows_per_group = " + needed + " rows, but the held-out test split has "
                    + organizerData.size() + "; lower them or raise data.test_fraction");
        }
        this.copiers = copiers(context.config(), params.submitters());
        this.silentOrganizer = context.config().adversaries().stream().anyMatch(a -> a instanceof DankuSilentOrganizerParams);
        this.overfitter = context.config().adversaries().stream().filter(a -> a instanceof DankuOverfitterParams)
                .map(DankuOverfitterParams.class::cast).findFirst().orElse(null);
        this.overfitters = members(context.config(), params.submitters(), DankuOverfitterParams.class);
    }

    /** Copiers: the ids named, else the last {@code fraction} of the submitters (they post after everyone else). */
    static List<Integer> copiers(RunConfig config, int submitters) {
        return members(config, submitters, DankuCopierParams.class);
    }

    /** The submitters an entry of {@code kind} names: its ids, else the last {@code fraction} of the submitters. */
    private static List<Integer> members(RunConfig config, int submitters, Class<? extends AdversaryParams> kind) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (AdversaryParams a : config.adversaries()) {
            if (kind.isInstance(a)) {
                if (!a.ids().isEmpty()) {
                    a.ids().stream().filter(id -> id < submitters).forEach(ids::add);
                } else {
                    int n = (int) Math.round(a.fraction() * submitters);
                    for (int i = submitters - n; i < submitters; i++) {
                        ids.add(i);
                    }
                }
            }
        }
        return List.copyOf(ids);
    }

    static String submitterName(int id) {
        return "submitter-" + id;
    }

    Actors spawn(ActorContext<Void> ctx) {
        SplittableRandom order = context.seeds().stream("danku/groups");
        int[] rows = organizerData.allRows();
        for (int i = rows.length - 1; i > 0; i--) { // seeded Fisher-Yates: which held-out rows land in which group
            int j = order.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        heldOut = new HeldOutRows(rows, params.groups(), params.rowsPerGroup(), params.reuseData());
        if (overfitter != null) {
            heldOut.requireRoomForOverfitting();
        }
        SplittableRandom saltStream = context.seeds().stream("danku/salts");
        List<short[]> groupRows = new ArrayList<>();
        List<byte[]> salts = new ArrayList<>();
        for (int g = 0; g < params.groups(); g++) {
            int[] members = java.util.Arrays.copyOfRange(rows, g * params.rowsPerGroup(), (g + 1) * params.rowsPerGroup());
            groupRows.add(FixedPoint.rows(organizerData, members, params.featureScale()));
            byte[] salt = new byte[32];
            saltStream.nextBytes(salt);
            salts.add(salt);
        }
        managerKey = params.sealed() ? SealedEnvelope.keyPair(context.seeds().stream("danku/manager-key")) : null;
        ActorRef<OrganizerActor.Command> organizer = ctx.spawn(OrganizerActor.create(groupRows, salts, silentOrganizer, managerKey), "danku-organizer");
        List<ActorRef<SubmitterActor.Command>> submitters = new ArrayList<>();
        for (int id = 0; id < params.submitters(); id++) {
            Dataset shard = FixedPoint.pooled(context.data().participants().get(id).train(), params.pool());
            byte[] salt = new byte[32];
            context.seeds().stream("danku/commit/" + id).nextBytes(salt);
            SubmitterActor.Setup setup = new SubmitterActor.Setup(submitterName(id), shard, context.config().training(),
                    context.seeds().stream("danku/init/" + id), context.seeds().stream("danku/shuffle/" + id), salt,
                    params.featureScale(), params.weightScale(), copiers.contains(id),
                    overfitters.contains(id) ? organizerData : null, overfitter == null ? 0 : overfitter.tuneEpochs(),
                    context.seeds().stream("danku/seal/" + id));
            submitters.add(ctx.spawn(SubmitterActor.create(setup), "danku-submitter-" + id,
                    io.chainfl.agents.SimulationSystem.trainingDispatcher()));
        }
        return new Actors(organizer, submitters);
    }

    private <Q, R> R ask(ActorRef<Q> actor, Function<ActorRef<R>, Q> message, ActorSystem<?> system) {
        return AskPattern.ask(actor, message::apply, ASK_TIMEOUT, system.scheduler()).toCompletableFuture().join();
    }

    private CallResult call(DanKuCall call) {
        CallResult result = ledger.ask(new ContractCall.Market(call));
        if (result instanceof CallResult.Reverted reverted) {
            throw reverted.asException();
        }
        return result;
    }

    /** Sends a transaction and adds its gas to {@code phase}. */
    private void tx(DanKuCall call, io.chainfl.engine.metrics.Metric phase) {
        long gas = ((CallResult.Receipt) call(call)).receipt().gasUsed();
        metrics.merge(phase.name(), (double) gas, Double::sum);
        maxTxGas = Math.max(maxTxGas, gas);
    }

    private void event(String kind, String subject, String detail) {
        context.listener().onEvent(new RunEvent(1, kind, subject, detail));
    }

    private long value(DanKuCall view) {
        return ((CallResult.Value) call(view)).value();
    }

    void execute(Actors actors, ActorSystem<?> system) {
        for (var m : List.of(DankuScenario.GAS_CREATE, DankuScenario.GAS_TRAINING, DankuScenario.GAS_SUBMIT, DankuScenario.GAS_TEST, DankuScenario.GAS_FINALIZE)) {
            metrics.put(m.name(), 0.0);
        }
        long start = context.clock().nowMillis();
        long submitUntil = start + params.submitWindowS() * 1000;
        long revealUntil = submitUntil + params.revealWindowS() * 1000;
        int features = organizerData.numFeatures();
        int classes = organizerData.numClasses();
        DanKu.Terms terms = new DanKu.Terms(params.testGroups(), features, classes, Math.round(params.threshold() * 1_000_000),
                submitUntil, revealUntil, params.committed());

        OrganizerActor.Commitments commitments = ask(actors.organizer(), OrganizerActor.Commit::new, system);
        tx(new DanKuCall.Credit(ORGANIZER, params.reward()), DankuScenario.GAS_CREATE);
        tx(new DanKuCall.Create(MARKET, ORGANIZER, params.reward(), commitments.hashesHex(), terms), DankuScenario.GAS_CREATE);
        int testStart = (int) value(new DanKuCall.TestStart(MARKET));
        event("market_created", ORGANIZER, params.groups() + " groups, test groups from " + testStart + ", reward " + params.reward()
                + ", " + features + " features x " + classes + " classes" + (params.sealed() ? ", sealed" : params.commitReveal() ? ", commit-reveal" : ""));

        OrganizerActor.Groups training = ask(actors.organizer(), r -> new OrganizerActor.RevealTraining(testStart, params.testGroups(), r), system);
        for (OrganizerActor.Group g : training.groups()) {
            tx(new DanKuCall.RevealTraining(MARKET, g.index(), g.salt(), g.rows()), DankuScenario.GAS_TRAINING);
        }
        event("training_revealed", ORGANIZER, training.groups().size() + " groups");

        // honest submitters first, in id order; copiers last, seeing what the chain shows by then
        List<Integer> order = new ArrayList<>();
        for (int id = 0; id < params.submitters(); id++) {
            if (!copiers.contains(id)) {
                order.add(id);
            }
        }
        order.addAll(copiers);
        List<Integer> indexOf = new ArrayList<>(java.util.Collections.nCopies(params.submitters(), -1));
        List<SubmitterActor.Trained> posted = new ArrayList<>(java.util.Collections.nCopies(params.submitters(), null));
        long now = start;
        int copies = 0;
        for (int k = 0; k < order.size(); k++) {
            int id = order.get(k);
            now = Math.min(submitUntil - 1, start + 1000L * (k + 1));
            context.clock().advanceTo(now);
            List<List<Integer>> rivals = new ArrayList<>();
            if (copiers.contains(id)) {
                for (int index = 0; index < k; index++) {
                    rivals.add(((CallResult.Weights) call(new DanKuCall.PostedModel(MARKET, index))).weights());
                }
            }
            List<Integer> tuneOn = overfitters.contains(id)
                    ? SubmitterActor.boxed(heldOut.known(overfitter.knows(), testStart, params.testGroups())) : List.of();
            SubmitterActor.Trained trained = ask(actors.submitters().get(id), r -> new SubmitterActor.Train(rivals, tuneOn, managerPublicKey(), r), system);
            posted.set(id, trained);
            indexOf.set(id, k);
            String name = submitterName(id);
            if (params.sealed()) {
                tx(new DanKuCall.Commit(MARKET, name, trained.commitment(), now), DankuScenario.GAS_SUBMIT);
                event("model_sealed", name, "index " + k + ", commitment on chain, " + trained.envelope().size() + "-byte envelope to the organizer");
                envelopeBytes += trained.envelope().size();
            } else if (params.commitReveal()) {
                tx(new DanKuCall.Commit(MARKET, name, trained.commitment(), now), DankuScenario.GAS_SUBMIT);
                event("model_committed", name, "index " + k);
            } else {
                tx(new DanKuCall.Submit(MARKET, name, trained.weights(), now), DankuScenario.GAS_SUBMIT);
                event("model_submitted", name, "index " + k + ", own-shard accuracy " + String.format(java.util.Locale.ROOT, "%.4f", trained.shardAccuracy()));
            }
            if (!tuneOn.isEmpty()) {
                event("model_overfitted", name, "tuned " + overfitter.tuneEpochs() + " epochs on " + tuneOn.size() + " rows ("
                        + (overfitter.knows() == DankuOverfitterParams.Knows.LEAKED_TEST ? "the leaked test groups"
                        : "the previous contest's reveals, " + (params.reuseData() ? "the same data set" : "a different data set")) + ")");
            }
            if (trained.copiedFrom() >= 0) {
                copies++;
                event("model_copied", name, "posted the model of index " + trained.copiedFrom());
            }
        }

        now = submitUntil;
        context.clock().advanceTo(now);
        if (params.sealed()) {
            pickAndChallenge(actors, system, order, posted, now, features, classes);
            now = submitUntil + params.challengeWindowS() * 1000;
            context.clock().advanceTo(now);
        } else if (params.commitReveal()) {
            for (int k = 0; k < order.size(); k++) {
                int id = order.get(k);
                SubmitterActor.Opening opening = ask(actors.submitters().get(id), SubmitterActor.Open::new, system);
                tx(new DanKuCall.OpenModel(MARKET, k, opening.salt(), opening.weights(), now), DankuScenario.GAS_SUBMIT);
                event("model_opened", submitterName(id), "index " + k);
            }
        }

        OrganizerActor.Groups test = ask(actors.organizer(), OrganizerActor.RevealTest::new, system);
        for (OrganizerActor.Group g : test.groups()) {
            tx(new DanKuCall.RevealTest(MARKET, g.index(), g.salt(), g.rows(), now), DankuScenario.GAS_TEST);
        }
        if (test.groups().isEmpty()) {
            event("test_withheld", ORGANIZER, "the organizer revealed no test group; finalize waits for the deadline");
            now = revealUntil;
            context.clock().advanceTo(now);
        } else {
            event("test_revealed", ORGANIZER, test.groups().size() + " groups, " + test.groups().size() * params.rowsPerGroup() + " rows");
        }

        long organizerBefore = value(new DanKuCall.Balance(ORGANIZER));
        List<Long> before = new ArrayList<>();
        for (int id = 0; id < params.submitters(); id++) {
            before.add(value(new DanKuCall.Balance(submitterName(id))));
        }
        tx(new DanKuCall.Finalize(MARKET, now), DankuScenario.GAS_FINALIZE);
        ledger.seal();

        long testRows = (long) test.groups().size() * params.rowsPerGroup();
        double best = 0;
        int bestId = -1;
        double copierBest = Double.NaN;
        int winner = -1;
        long payout = 0;
        long split = 0;
        for (int id = 0; id < params.submitters(); id++) {
            double accuracy = testRows == 0 ? 0 : value(new DanKuCall.Correct(MARKET, indexOf.get(id))) / (double) testRows;
            if (bestId < 0 || accuracy > best || (accuracy == best && indexOf.get(id) < indexOf.get(bestId))) {
                best = accuracy;
                bestId = id;
            }
            if (copiers.contains(id)) {
                copierBest = Double.isNaN(copierBest) ? accuracy : Math.max(copierBest, accuracy);
            }
            long gained = value(new DanKuCall.Balance(submitterName(id))) - before.get(id);
            if (gained > 0 && !test.groups().isEmpty()) {
                winner = id;
                payout = gained;
            } else if (gained > 0) {
                split += gained;
            }
        }
        long refund = value(new DanKuCall.Balance(ORGANIZER)) - organizerBefore;
        if (winner >= 0) {
            event("market_paid", submitterName(winner), "reward " + payout);
        } else if (split > 0) {
            event("market_split", ORGANIZER, "reward " + split + " split among " + params.submitters() + " submitters after the reveal deadline");
        } else {
            event("market_refunded", ORGANIZER, "reward " + refund + " returned: no model reached the threshold");
        }
        metrics.put(DankuScenario.BEST_ACCURACY.name(), best);
        metrics.put(DankuScenario.WINNER.name(), (double) winner);
        metrics.put(DankuScenario.PAYOUT.name(), (double) payout);
        metrics.put(DankuScenario.ORGANIZER_REFUND.name(), (double) refund);
        metrics.put(DankuScenario.SPLIT_PAID.name(), (double) split);
        metrics.put(DankuScenario.COPIER_ACCURACY.name(), copierBest);
        metrics.put(DankuScenario.COPIES.name(), (double) copies);
        metrics.put(DankuScenario.MAX_TX_GAS.name(), (double) maxTxGas);
        if (params.sealed()) {
            metrics.put(DankuScenario.PUBLIC_MODELS.name(), (double) publicModels);
            metrics.put(DankuScenario.CHALLENGES.name(), (double) challenges);
            metrics.put(DankuScenario.ENVELOPE_BYTES.name(), (double) envelopeBytes);
        }
        if (overfitter != null) {
            recordOverfitting(posted, indexOf, bestId, best, testRows, features, classes);
        }
        metrics.put(VirtualTime.COLUMN, VirtualTime.seconds(context.clock().nowMillis()));
        double macroF1 = testRows == 0 ? 0 : macroF1(test, posted.get(bestId).weights(), features, classes);
        context.listener().onRound(new RoundMetrics(DankuScenario.SERIES, 1, best, Double.NaN, macroF1, Double.NaN, new TreeMap<>(metrics)));
    }

    private List<Byte> managerPublicKey() {
        return managerKey == null ? List.of() : SubmitterActor.bytes(managerKey.publicKey());
    }

    /**
     * Sealed market, at the window's close: the organizer opens the envelopes and opens its pick on chain; then every other
     * submitter is asked whether it challenges (opens its own commitment), in submission order, before the test reveal.
     */
    private void pickAndChallenge(Actors actors, ActorSystem<?> system, List<Integer> order, List<SubmitterActor.Trained> posted, long now,
                                  int features, int classes) {
        List<List<Byte>> envelopes = new ArrayList<>();
        List<List<Byte>> commitments = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int id : order) {
            envelopes.add(posted.get(id).envelope());
            commitments.add(posted.get(id).commitment());
            names.add(submitterName(id));
        }
        String favoured = context.config().adversaries().stream().filter(a -> a instanceof DankuCorruptManagerParams)
                .map(a -> submitterName(((DankuCorruptManagerParams) a).favours())).findFirst().orElse(null);
        OrganizerActor.Pick pick = ask(actors.organizer(), r -> new OrganizerActor.Judge(envelopes, commitments, names, features, classes, favoured, r),
                system);
        if (pick.index() >= 0) {
            tx(new DanKuCall.OpenModel(MARKET, pick.index(), pick.salt(), pick.weights(), now), DankuScenario.GAS_SUBMIT);
            publicModels++;
            event("winner_opened", ORGANIZER, "opened index " + pick.index() + " of " + order.size() + " envelopes"
                    + (pick.rejected() > 0 ? ", " + pick.rejected() + " refused" : ""));
        } else {
            event("no_winner_opened", ORGANIZER, "the organizer opened no envelope; the submitters may open their own");
        }
        for (int k = 0; k < order.size(); k++) {
            if (k == pick.index()) {
                continue;
            }
            int id = order.get(k);
            SubmitterActor.ChallengeAnswer answer = ask(actors.submitters().get(id), r -> new SubmitterActor.Challenge(pick.weights(), r), system);
            if (answer.challenge()) {
                tx(new DanKuCall.OpenModel(MARKET, k, answer.salt(), answer.weights(), now), DankuScenario.GAS_SUBMIT);
                publicModels++;
                challenges++;
                event("model_challenged", submitterName(id), "opened its own index " + k + (pick.index() < 0 ? ": the organizer opened none"
                        : ": it beats the organizer's pick on its own shard"));
            }
        }
    }

    /** The winner's and the best overfitter's accuracy on the test groups and on fresh rows: the overfitting gap. */
    private void recordOverfitting(List<SubmitterActor.Trained> posted, List<Integer> indexOf, int bestId, double best, long testRows,
                                   int features, int classes) {
        short[] fresh = FixedPoint.rows(organizerData, heldOut.fresh(), params.featureScale());
        double overfitterOnChain = Double.NaN;
        double overfitterFresh = Double.NaN;
        for (int id : overfitters) {
            double onChain = testRows == 0 ? 0 : value(new DanKuCall.Correct(MARKET, indexOf.get(id))) / (double) testRows;
            if (Double.isNaN(overfitterOnChain) || onChain > overfitterOnChain) {
                overfitterOnChain = onChain;
                overfitterFresh = FixedPoint.accuracy(ints(posted.get(id).weights()), fresh, features, classes);
            }
        }
        double winnerFresh = FixedPoint.accuracy(ints(posted.get(bestId).weights()), fresh, features, classes);
        metrics.put(DankuScenario.OVERFITTER_ACCURACY.name(), overfitterOnChain);
        metrics.put(DankuScenario.OVERFITTER_FRESH_ACCURACY.name(), overfitterFresh);
        metrics.put(DankuScenario.WINNER_FRESH_ACCURACY.name(), winnerFresh);
        metrics.put(DankuScenario.OVERFIT_GAP.name(), best - winnerFresh);
    }

    private static int[] ints(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Macro-F1 of the best model on the revealed test rows, predicted by the contract's integer rule. */
    private static double macroF1(OrganizerActor.Groups test, List<Integer> weights, int features, int classes) {
        List<Short> all = new ArrayList<>();
        test.groups().forEach(g -> all.addAll(g.rows()));
        short[] rows = new short[all.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = all.get(i);
        }
        int[] predicted = FixedPoint.predict(weights.stream().mapToInt(Integer::intValue).toArray(), rows, features, classes);
        int[] truth = new int[predicted.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = rows[i * (features + 1) + features];
        }
        return io.chainfl.learning.model.Evaluation.macroF1(io.chainfl.learning.model.Evaluation.confusionMatrix(truth, predicted, classes));
    }
}
