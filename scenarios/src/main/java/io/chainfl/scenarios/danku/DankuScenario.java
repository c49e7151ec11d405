package io.chainfl.scenarios.danku;

import io.chainfl.agents.SimulationSystem;
import io.chainfl.agents.adversary.DankuCopierParams;
import io.chainfl.agents.adversary.DankuCorruptManagerParams;
import io.chainfl.agents.adversary.DankuOverfitterParams;
import io.chainfl.agents.adversary.DankuSilentOrganizerParams;
import io.chainfl.agents.ledger.LedgerClient;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The DanKu model market (Kurtulmus & Daniel 2018; survey Figs. 7-11): one market, run to its end, reported as one
 * metrics row (round 1). The organizer and submitters are actors; {@link DankuRun} is the market's clock, which asks
 * them for each phase and sends the contract calls through the ledger service.
 */
public final class DankuScenario implements Scenario<DankuParams> {
    static final String SERIES = "danku";
    private static final Duration LEDGER_TIMEOUT = Duration.ofMinutes(10);

    static final Metric BEST_ACCURACY = new Metric("best_accuracy", "fraction", "on-chain accuracy of the best opened model on the revealed test groups (0 if never revealed)");
    static final Metric WINNER = new Metric("winner", "submitter", "submitter paid the reward (-1: refunded or split)");
    static final Metric PAYOUT = new Metric("payout", "currency", "reward paid to the winner (0 when refunded or split)");
    static final Metric ORGANIZER_REFUND = new Metric("organizer_refund", "currency", "reward returned to the organizer");
    static final Metric SPLIT_PAID = new Metric("split_paid", "currency", "reward split among the submitters after the organizer's timeout");
    static final Metric COPIER_ACCURACY = new Metric("copier_accuracy", "fraction", "on-chain accuracy of the best copier's model (NaN without copiers)");
    static final Metric COPIES = new Metric("copies", "models", "copiers that posted a rival's model");
    static final Metric GAS_CREATE = new Metric("gas_create", "gas", "gas of crediting the organizer and creating the market");
    static final Metric GAS_TRAINING = new Metric("gas_training_reveal", "gas", "gas of revealing the training groups");
    static final Metric GAS_SUBMIT = new Metric("gas_submit", "gas", "gas of the submissions (and openings)");
    static final Metric GAS_TEST = new Metric("gas_test_reveal", "gas", "gas of revealing the test groups, which evaluates every model on chain");
    static final Metric GAS_FINALIZE = new Metric("gas_finalize", "gas", "gas of finalize");
    static final Metric OVERFITTER_ACCURACY = new Metric("overfitter_accuracy", "fraction", "on-chain accuracy of the best overfitter's model on the test groups");
    static final Metric OVERFITTER_FRESH_ACCURACY = new Metric("overfitter_fresh_accuracy", "fraction", "accuracy of that model on fresh held-out rows no contest used");
    static final Metric WINNER_FRESH_ACCURACY = new Metric("winner_fresh_accuracy", "fraction", "accuracy of the best on-chain model on fresh held-out rows no contest used");
    static final Metric OVERFIT_GAP = new Metric("overfit_gap", "fraction", "best_accuracy minus winner_fresh_accuracy: how much the test groups flatter the winner");
    static final Metric PUBLIC_MODELS = new Metric("public_models", "models", "sealed market: models whose weights became public on chain (the organizer's pick and the challengers)");
    static final Metric CHALLENGES = new Metric("challenges", "models", "sealed market: submitters that opened their own commitment to contest the organizer's pick");
    static final Metric ENVELOPE_BYTES = new Metric("envelope_bytes", "bytes", "sealed market: the encrypted openings sent to the organizer off chain");
    static final Metric MAX_TX_GAS = new Metric("max_tx_gas", "gas", "the largest single transaction (a test group's reveal): it must fit one block");

    @Override
    public String name() {
        return "danku";
    }

    @Override
    public String description() {
        return "DanKu: a model market contract that evaluates submitted models on chain and pays the best (Kurtulmus & Daniel 2018)";
    }

    @Override
    public Class<DankuParams> paramsType() {
        return DankuParams.class;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(BEST_ACCURACY, WINNER, PAYOUT, ORGANIZER_REFUND, SPLIT_PAID, COPIER_ACCURACY, COPIES,
                GAS_CREATE, GAS_TRAINING, GAS_SUBMIT, GAS_TEST, GAS_FINALIZE, MAX_TX_GAS);
    }

    /** The sealed and overfitting columns only where they apply, so the other markets keep their metrics.csv. */
    @Override
    public List<Metric> metrics(RunConfig config) {
        List<Metric> metrics = new java.util.ArrayList<>(metrics());
        if (((DankuParams) config.scenario()).sealed()) {
            metrics.addAll(List.of(PUBLIC_MODELS, CHALLENGES, ENVELOPE_BYTES));
        }
        if (config.adversaries().stream().anyMatch(a -> a instanceof DankuOverfitterParams)) {
            metrics.addAll(List.of(OVERFITTER_ACCURACY, OVERFITTER_FRESH_ACCURACY, WINNER_FRESH_ACCURACY, OVERFIT_GAP));
        }
        return List.copyOf(metrics);
    }

    @Override
    public int reportedRounds(RunConfig config, DankuParams params) {
        return 1;
    }

    @Override
    public Set<Class<?>> supportedAdversaries() {
        return Set.of(DankuCopierParams.class, DankuSilentOrganizerParams.class, DankuOverfitterParams.class,
                DankuCorruptManagerParams.class);
    }

    @Override
    public void run(ScenarioContext context, DankuParams params) {
        LedgerClient ledger = new LedgerClient(LEDGER_TIMEOUT);
        DankuRun run = new DankuRun(context, params, ledger);
        SimulationSystem.run(context.config().name(), context.config().runtime().effectiveThreads(), (ctx, done) -> {
            ledger.connect(ctx.spawn(LedgerNode.create(context.ledger()), "ledger", LedgerNode.dispatcher()), ctx.getSystem());
            DankuRun.Actors actors = run.spawn(ctx);
            Thread market = new Thread(() -> {
                try {
                    run.execute(actors, ctx.getSystem());
                    done.complete(null);
                } catch (Throwable failure) {
                    done.completeExceptionally(failure);
                }
            }, "danku-market");
            market.setDaemon(true);
            market.start();
        });
    }
}
