package io.chainfl.scenarios.pol;

import io.chainfl.agents.adversary.PolColludingValidatorsParams;
import io.chainfl.agents.adversary.PolLazyValidatorsParams;
import io.chainfl.agents.ledger.CallResult;
import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerClient;
import io.chainfl.agents.ledger.PolCall;
import io.chainfl.engine.UserError;
import io.chainfl.engine.config.AdversaryParams;
import io.chainfl.engine.config.RunConfig;
import io.chainfl.engine.kernel.VirtualTime;
import io.chainfl.engine.metrics.RoundMetrics;
import io.chainfl.engine.metrics.RunEvent;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.EvalResult;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.Model;
import io.chainfl.ledger.ProofOfLearning;
import io.chainfl.scenarios.ModelBuilder;
import io.chainfl.scenarios.ScenarioContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The Proof-of-Learning rounds, one task each, on one thread: the supplier posts the task with its committee (a seeded
 * draw from the validator pool), the trainers train in parallel and submit in id order, the committee members rank in
 * id order (a copying lazy validator sees the first ranking), the contract finalizes, and the winner's model becomes
 * the chain's model. Beside the protocol, the driver measures what no node can: every submission's accuracy on the test
 * rows no validator holds, so each round says whether the committee picked the best model. Writes no checkpoints.
 * Over 300 lines: a round's phases in order plus the driver's measurements (winner correctness, money, lazy detection),
 * kept together so that a round reads top to bottom.
 */
final class PolRun {
    static final String SUPPLIER = "supplier";
    private static final Duration ASK_TIMEOUT = Duration.ofMinutes(10);
    private static final int EVAL_BATCH = 256;

    private final ScenarioContext context;
    private final PolParams params;
    private final LedgerClient ledger;
    private final int trainers;
    private final List<Dataset> heldOut = new ArrayList<>();
    private final Dataset measured;
    private final TreeSet<Integer> colluders;
    private final TreeSet<Integer> lazy;
    private final int target;
    private final boolean bury;
    private final PolLazyValidatorsParams.Mode lazyMode;
    private final double[] agreementSum;
    private final int[] agreementCount;
    private long minted;

    record Actors(List<ActorRef<TrainerActor.Command>> trainers, List<ActorRef<ValidatorActor.Command>> validators) {}

    PolRun(ScenarioContext context, PolParams params, LedgerClient ledger) {
        this.context = context;
        this.params = params;
        this.ledger = ledger;
        this.trainers = params.trainerCount(context.config());
        Dataset test = context.data().test();
        int pool = params.validatorPool();
        int needed = pool * params.validatorRows();
        if (needed >= test.size()) {
            throw new UserError("scenario.validator_pool x scenario.validator_rows = " + needed + " rows, but the held-out test split has "
                    + test.size() + " and some must stay out of every validator's hands to measure the winner; lower them or raise data.test_fraction");
        }
        int[] rows = test.allRows();
        SplittableRandom order = context.seeds().stream("pol/holdout");
        for (int i = rows.length - 1; i > 0; i--) { // seeded Fisher-Yates: which test rows each validator holds
            int j = order.nextInt(i + 1);
            int t = rows[i];
            rows[i] = rows[j];
            rows[j] = t;
        }
        for (int v = 0; v < pool; v++) {
            heldOut.add(test.subset(java.util.Arrays.copyOfRange(rows, v * params.validatorRows(), (v + 1) * params.validatorRows()), "validator-" + v));
        }
        this.measured = test.subset(java.util.Arrays.copyOfRange(rows, needed, rows.length), "measured");
        this.colluders = new TreeSet<>();
        this.lazy = new TreeSet<>();
        int chosen = trainers - 1;
        boolean buries = true;
        PolLazyValidatorsParams.Mode mode = PolLazyValidatorsParams.Mode.RANDOM;
        for (AdversaryParams a : context.config().adversaries()) {
            if (a instanceof PolColludingValidatorsParams c) {
                colluders.addAll(members(c.ids(), c.fraction(), pool, true));
                chosen = c.target() < 0 ? trainers - 1 : c.target();
                buries = c.bury();
                if (chosen >= trainers) {
                    throw new UserError("adversaries: pol_colluding_validators.target " + chosen + " is not a trainer (0.." + (trainers - 1) + ")");
                }
            } else if (a instanceof PolLazyValidatorsParams l) {
                lazy.addAll(members(l.ids(), l.fraction(), pool, false));
                mode = l.mode();
            }
        }
        lazy.removeAll(colluders); // a validator in both entries colludes
        this.target = chosen;
        this.bury = buries;
        this.lazyMode = mode;
        this.agreementSum = new double[pool];
        this.agreementCount = new int[pool];
    }

    /** Validators named by ids, else the lowest (colluders) or highest (lazy) {@code fraction} of the pool. */
    static List<Integer> members(List<Integer> ids, double fraction, int pool, boolean lowest) {
        if (!ids.isEmpty()) {
            for (int id : ids) {
                if (id < 0 || id >= pool) {
                    throw new UserError("adversaries: validator id " + id + " is not in the pool (0.." + (pool - 1) + "); lower it or raise scenario.validator_pool");
                }
            }
            return ids;
        }
        int n = (int) Math.round(fraction * pool);
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(lowest ? i : pool - 1 - i);
        }
        return out;
    }

    static String trainerName(int id) {
        return "trainer-" + id;
    }

    static String validatorName(int id) {
        return "validator-" + id;
    }

    Actors spawn(ActorContext<Void> ctx) {
        RunConfig config = context.config();
        List<ActorRef<TrainerActor.Command>> trainerRefs = new ArrayList<>();
        for (int id = 0; id < trainers; id++) {
            TrainerActor.Setup setup = new TrainerActor.Setup(context.data().participants().get(id).train(), freshModel(), config.training(),
                    context.seeds().stream("pol/shuffle/" + id));
            trainerRefs.add(ctx.spawn(TrainerActor.create(setup), "pol-trainer-" + id, io.chainfl.agents.SimulationSystem.trainingDispatcher()));
        }
        List<ActorRef<ValidatorActor.Command>> validatorRefs = new ArrayList<>();
        for (int v = 0; v < params.validatorPool(); v++) {
            ValidatorActor.Conduct conduct;
            if (colluders.contains(v)) {
                conduct = new ValidatorActor.Colluding(target, bury);
            } else if (lazy.contains(v)) {
                SplittableRandom random = context.seeds().stream("pol/lazy/" + v);
                conduct = lazyMode == PolLazyValidatorsParams.Mode.COPY ? new ValidatorActor.LazyCopy(random) : new ValidatorActor.LazyRandom(random);
            } else {
                conduct = new ValidatorActor.Honest();
            }
            ValidatorActor.Setup setup = new ValidatorActor.Setup(heldOut.get(v), freshModel(), EVAL_BATCH, conduct);
            validatorRefs.add(ctx.spawn(ValidatorActor.create(setup), "pol-validator-" + v, io.chainfl.agents.SimulationSystem.trainingDispatcher()));
        }
        return new Actors(trainerRefs, validatorRefs);
    }

    private Model freshModel() {
        return ModelBuilder.build(context.config(), context.data().test(), context.seeds());
    }

    private CallResult call(PolCall call) {
        CallResult result = ledger.ask(new ContractCall.Pol(call));
        if (result instanceof CallResult.Reverted reverted) {
            throw reverted.asException();
        }
        return result;
    }

    private long tx(PolCall call) {
        return ((CallResult.Receipt) call(call)).receipt().gasUsed();
    }

    private long value(PolCall view) {
        return ((CallResult.Value) call(view)).value();
    }

    private void event(int round, String kind, String subject, String detail) {
        context.listener().onEvent(new RunEvent(round, kind, subject, detail));
    }

    /** The task's committee: {@code committee} validators drawn without replacement (seeded), in id order. */
    private List<Integer> drawCommittee(SplittableRandom draw) {
        int pool = params.validatorPool();
        int[] ids = new int[pool];
        for (int i = 0; i < pool; i++) {
            ids[i] = i;
        }
        for (int i = 0; i < params.committee(); i++) { // partial Fisher-Yates
            int j = i + draw.nextInt(pool - i);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
        }
        return java.util.Arrays.stream(ids, 0, params.committee()).sorted().boxed().toList();
    }

    void execute(Actors actors, ActorSystem<?> system) {
        long credited;
        try {
            long perTask = Math.addExact(Math.addExact(params.fee(), params.blockReward()), Math.multiplyExact(params.validatorFee(), (long) params.committee()));
            credited = Math.multiplyExact(perTask, (long) context.config().rounds());
        } catch (ArithmeticException tooMuch) {
            throw new UserError("scenario.fee, scenario.validator_fee and scenario.block_reward over " + context.config().rounds()
                    + " rounds exceed the contract's uint64 amounts; lower them");
        }
        credited -= Math.multiplyExact(params.blockReward(), (long) context.config().rounds()); // only fees are credited; rewards are minted
        tx(new PolCall.Credit(SUPPLIER, credited));
        SplittableRandom draw = context.seeds().stream("pol/committee");
        float[] chainModel = freshModel().params().clone();
        for (int round = 1; round <= context.config().rounds(); round++) {
            long gas = 0;
            List<Integer> committee = drawCommittee(draw);
            gas += tx(new PolCall.PostTask(round, SUPPLIER, params.fee(), params.validatorFee(), params.blockReward(),
                    committee.stream().map(PolRun::validatorName).toList()));
            event(round, "task_posted", SUPPLIER, "committee " + committee + ", fee " + params.fee() + ", validator fee " + params.validatorFee());

            float[] start = params.fromWinner() ? chainModel : null;
            List<CompletableFuture<TrainerActor.Trained>> training = new ArrayList<>();
            for (ActorRef<TrainerActor.Command> trainer : actors.trainers()) {
                training.add(AskPattern.<TrainerActor.Command, TrainerActor.Trained>ask(trainer, r -> new TrainerActor.Train(start, r), ASK_TIMEOUT,
                        system.scheduler()).toCompletableFuture());
            }
            List<float[]> models = new ArrayList<>();
            for (int id = 0; id < trainers; id++) {
                TrainerActor.Trained trained = training.get(id).join();
                models.add(trained.params());
                gas += tx(new PolCall.Submit(round, trainerName(id), bytes(trained.hash())));
            }

            List<List<Integer>> rankings = new ArrayList<>();
            for (int v : committee) {
                List<Integer> first = rankings.isEmpty() ? List.of() : rankings.get(0);
                ValidatorActor.Ranking ranking = AskPattern.<ValidatorActor.Command, ValidatorActor.Ranking>ask(actors.validators().get(v),
                        r -> new ValidatorActor.Rank(models, first, r), ASK_TIMEOUT, system.scheduler()).toCompletableFuture().join();
                rankings.add(ranking.order());
                gas += tx(new PolCall.Rank(round, validatorName(v), ranking.order()));
                event(round, "ranked", validatorName(v), ranking.order() + (colluders.contains(v) ? " (colluding)" : lazy.contains(v) ? " (lazy, " + lazyMode.name().toLowerCase(Locale.ROOT) + ")" : ""));
            }
            gas += tx(new PolCall.Finalize(round));
            ledger.seal();
            // the task's block(s) on the chain's clock: the run's time is the ledger's (training is not timed here)
            long chainTime = ledger.flush().virtualTimeMillis();
            context.clock().advanceTo(Math.max(context.clock().nowMillis(), chainTime));
            int winner = (int) value(new PolCall.Winner(round));
            long[] points = ProofOfLearning.bordaPoints(trainers, rankings);
            if (winner != ProofOfLearning.winner(points)) {
                throw new IllegalStateException("the contract's winner " + winner + " differs from the Borda count's " + ProofOfLearning.winner(points));
            }
            minted += params.blockReward();
            checkMoney(credited);

            Model scratch = freshModel();
            double[] accuracy = new double[trainers];
            EvalResult winnerEval = null;
            for (int id = 0; id < trainers; id++) {
                scratch.setParams(models.get(id));
                EvalResult eval = Evaluation.evaluate(scratch, measured, EVAL_BATCH);
                accuracy[id] = eval.accuracy();
                if (id == winner) {
                    winnerEval = eval;
                }
            }
            double best = java.util.Arrays.stream(accuracy).max().orElse(Double.NaN);
            chainModel = models.get(winner);
            List<Integer> consensus = consensusOrder(points);
            for (int k = 0; k < committee.size(); k++) {
                agreementSum[committee.get(k)] += spearman(rankings.get(k), consensus);
                agreementCount[committee.get(k)]++;
            }
            event(round, "task_won", trainerName(winner), "Borda points " + java.util.Arrays.toString(points) + ", paid " + (params.fee() + params.blockReward())
                    + String.format(Locale.ROOT, ", accuracy %.4f (best submission %.4f)", accuracy[winner], best));

            Map<String, Double> m = new TreeMap<>();
            m.put(PolScenario.WINNER.name(), (double) winner);
            m.put(PolScenario.BEST_ACCURACY.name(), best);
            m.put(PolScenario.WINNER_CORRECT.name(), accuracy[winner] == best ? 1.0 : 0.0);
            m.put(PolScenario.TARGET_WON.name(), colluders.isEmpty() ? Double.NaN : winner == target ? 1.0 : 0.0);
            m.put(PolScenario.COLLUDERS.name(), (double) committee.stream().filter(colluders::contains).count());
            m.put(PolScenario.LAZY.name(), (double) committee.stream().filter(lazy::contains).count());
            m.put(PolScenario.WINNER_PAYOUT.name(), (double) (params.fee() + params.blockReward()));
            m.put(PolScenario.VALIDATOR_FEES.name(), (double) (params.validatorFee() * committee.size()));
            m.put(PolScenario.MINTED.name(), (double) minted);
            m.put(PolScenario.GAS.name(), (double) gas);
            putFlags(m);
            m.put(VirtualTime.COLUMN, VirtualTime.seconds(context.clock().nowMillis()));
            context.listener().onRound(new RoundMetrics(PolScenario.SERIES, round, winnerEval.accuracy(), winnerEval.meanLoss(), winnerEval.macroF1(),
                    Double.NaN, new TreeMap<>(m)));
        }
    }

    /** Balances plus escrow equal the supplier's credit plus the block rewards minted; anything else is a contract bug. */
    private void checkMoney(long credited) {
        long total = value(new PolCall.Held()) + value(new PolCall.Balance(SUPPLIER));
        for (int id = 0; id < trainers; id++) {
            total += value(new PolCall.Balance(trainerName(id)));
        }
        for (int v = 0; v < params.validatorPool(); v++) {
            total += value(new PolCall.Balance(validatorName(v)));
        }
        long expected = credited + value(new PolCall.Minted());
        if (total != expected || value(new PolCall.Minted()) != minted) {
            throw new IllegalStateException("money not conserved: balances and escrow " + total + ", credited and minted " + expected);
        }
    }

    /** Validators flagged as lazy so far (mean Spearman correlation with the consensus below the threshold), by what they are. */
    private void putFlags(Map<String, Double> m) {
        int flaggedLazy = 0;
        int flaggedColluders = 0;
        int flaggedHonest = 0;
        for (int v = 0; v < params.validatorPool(); v++) {
            if (agreementCount[v] == 0 || agreementSum[v] / agreementCount[v] >= params.lazyThreshold()) {
                continue;
            }
            if (lazy.contains(v)) {
                flaggedLazy++;
            } else if (colluders.contains(v)) {
                flaggedColluders++;
            } else {
                flaggedHonest++;
            }
        }
        m.put(PolScenario.FLAGGED_LAZY.name(), (double) flaggedLazy);
        m.put(PolScenario.FLAGGED_COLLUDERS.name(), (double) flaggedColluders);
        m.put(PolScenario.FLAGGED_HONEST.name(), (double) flaggedHonest);
    }

    /** Submission indices by Borda points, most first, the earlier submission first among equals (the contract's tie rule). */
    static List<Integer> consensusOrder(long[] points) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < points.length; i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.<Integer>comparingLong(i -> -points[i]).thenComparing(i -> i));
        return order;
    }

    /** Spearman's rank correlation of two rankings of the same items: 1 - 6 sum d^2 / (n (n^2 - 1)); 1 for fewer than two items. */
    static double spearman(List<Integer> a, List<Integer> b) {
        int n = a.size();
        if (n < 2) {
            return 1;
        }
        int[] positionInB = new int[n];
        for (int p = 0; p < n; p++) {
            positionInB[b.get(p)] = p;
        }
        long sum = 0;
        for (int p = 0; p < n; p++) {
            long d = p - positionInB[a.get(p)];
            sum += d * d;
        }
        return 1 - 6.0 * sum / ((double) n * ((long) n * n - 1));
    }

    private static List<Byte> bytes(byte[] values) {
        List<Byte> out = new ArrayList<>(values.length);
        for (byte b : values) {
            out.add(b);
        }
        return out;
    }
}
