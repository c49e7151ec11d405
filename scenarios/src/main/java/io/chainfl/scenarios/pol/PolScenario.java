package io.chainfl.scenarios.pol;

import io.chainfl.agents.SimulationSystem;
import io.chainfl.agents.adversary.PolColludingValidatorsParams;
import io.chainfl.agents.adversary.PolLazyValidatorsParams;
import io.chainfl.agents.ledger.LedgerClient;
import io.chainfl.agents.ledger.LedgerNode;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.scenarios.Scenario;
import io.chainfl.scenarios.ScenarioContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Proof-of-Learning (Bravo-Marquez, Reeves & Ugarte 2019; survey §3.2): one task a round, trainers and validators as
 * actors, the ProofOfLearning contract holding the fees, the rankings' Borda points and the payout. {@link PolRun} is
 * the rounds' driver.
 */
public final class PolScenario implements Scenario<PolParams> {
    static final String SERIES = "pol";
    private static final Duration LEDGER_TIMEOUT = Duration.ofMinutes(10);

    static final Metric WINNER = new Metric("winner", "trainer", "the trainer the committee's Borda count chose (paid the task fee and the block reward)");
    static final Metric BEST_ACCURACY = new Metric("best_accuracy", "fraction", "the best submission's accuracy on the test rows no validator holds");
    static final Metric WINNER_CORRECT = new Metric("winner_correct", "0/1", "1 when the winner's accuracy equals the best submission's");
    static final Metric TARGET_WON = new Metric("target_won", "0/1", "1 when the colluders' trainer won (NaN without colluders)");
    static final Metric COLLUDERS = new Metric("colluders_in_committee", "validators", "colluding validators the seeded draw seated on this task's committee");
    static final Metric LAZY = new Metric("lazy_in_committee", "validators", "lazy validators on this task's committee");
    static final Metric WINNER_PAYOUT = new Metric("winner_payout", "currency", "task fee plus minted block reward paid to the winner");
    static final Metric VALIDATOR_FEES = new Metric("validator_fees", "currency", "fees paid to the committee for its rankings");
    static final Metric MINTED = new Metric("minted", "currency", "block rewards minted so far");
    static final Metric GAS = new Metric("gas_task", "gas", "gas of the task's transactions (post, submissions, rankings, finalize)");
    static final Metric FLAGGED_LAZY = new Metric("flagged_lazy", "validators", "lazy validators whose mean Spearman agreement with the consensus is below scenario.lazy_threshold so far");
    static final Metric FLAGGED_COLLUDERS = new Metric("flagged_colluders", "validators", "colluding validators below the agreement threshold so far");
    static final Metric FLAGGED_HONEST = new Metric("flagged_honest", "validators", "honest validators below the agreement threshold so far (false alarms)");

    @Override
    public String name() {
        return "pol";
    }

    @Override
    public String description() {
        return "Proof-of-Learning: suppliers post tasks with fees, trainers submit models, a seeded committee of validators ranks them (Borda) and the best is paid (Bravo-Marquez, Reeves & Ugarte 2019)";
    }

    @Override
    public Class<PolParams> paramsType() {
        return PolParams.class;
    }

    @Override
    public List<Metric> metrics() {
        return List.of(WINNER, BEST_ACCURACY, WINNER_CORRECT, TARGET_WON, COLLUDERS, LAZY, WINNER_PAYOUT, VALIDATOR_FEES, MINTED, GAS,
                FLAGGED_LAZY, FLAGGED_COLLUDERS, FLAGGED_HONEST);
    }

    @Override
    public Set<Class<?>> supportedAdversaries() {
        return Set.of(PolColludingValidatorsParams.class, PolLazyValidatorsParams.class);
    }

    @Override
    public void run(ScenarioContext context, PolParams params) {
        LedgerClient ledger = new LedgerClient(LEDGER_TIMEOUT);
        PolRun run = new PolRun(context, params, ledger);
        SimulationSystem.run(context.config().name(), context.config().runtime().effectiveThreads(), (ctx, done) -> {
            ledger.connect(ctx.spawn(LedgerNode.create(context.ledger()), "ledger", LedgerNode.dispatcher()), ctx.getSystem());
            PolRun.Actors actors = run.spawn(ctx);
            Thread rounds = new Thread(() -> {
                try {
                    run.execute(actors, ctx.getSystem());
                    done.complete(null);
                } catch (Throwable failure) {
                    done.completeExceptionally(failure);
                }
            }, "pol-rounds");
            rounds.setDaemon(true);
            rounds.start();
        });
    }
}
