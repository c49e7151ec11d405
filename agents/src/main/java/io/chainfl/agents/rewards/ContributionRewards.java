package io.chainfl.agents.rewards;

import io.chainfl.agents.ledger.ContractCall;
import io.chainfl.agents.ledger.LedgerMessages;
import io.chainfl.agents.ledger.RewardPoolCall;
import io.chainfl.agents.round.RoundReport;
import io.chainfl.agents.round.UploadStrategy;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.engine.metrics.Stopwatch;
import io.chainfl.engine.seed.SeedStreams;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.Model;
import io.chainfl.learning.valuation.ModelPrice;
import io.chainfl.learning.valuation.RankAgreement;
import io.chainfl.learning.valuation.RoundUtility;
import io.chainfl.learning.valuation.ShapleyMethods;
import io.chainfl.learning.valuation.Valuation;
import io.chainfl.ledger.RewardPool;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Contribution rewards on top of a protocol's round (DInEMMo's incentive engine; the reward step of the "Decentralized
 * AI" slides and of Rahmadika &amp; Rhee): wraps the protocol's {@link UploadStrategy}, and after it aggregates, values
 * each upload of the round on the server's validation set ({@link RoundUtility}: sub-models rebuilt from the uploads,
 * GTG-Shapley's per-round utility) by the configured method, then posts the values, clipped at 0 in millionths, as the
 * round's shares to the RewardPool contract through the ledger service ({@code payout: round}), or once after the last
 * round with each participant's values summed over the rounds ({@code payout: end}, the default: a round's noise cannot
 * win a round's whole budget). The task owner credits and escrows the budget in round 1; the pool is closed after the
 * last round, returning what was not paid.
 * The payouts it reports are {@link RewardPool#payments}, the contract's own rule, so the participants.csv column is
 * what the chain paid (the scenario test checks the balances).
 * (Just over 300 lines: the valuation, the payment schedule and the optional comparison of all four methods share one
 * round's state, and read best together.)
 */
public final class ContributionRewards implements UploadStrategy {
    public static final String OWNER = "task-owner";
    public static final long POOL = 1;
    /** Shares are values in millionths of accuracy: the contract divides integers. */
    static final double SHARE_SCALE = 1e6;

    public static final Metric VALUE = new Metric("value", "accuracy",
            "the participant's contribution to the round by the configured valuation method (participants.csv)", -1);
    public static final Metric PAYOUT = new Metric("payout", "currency", "what the reward pool paid the participant for the round (participants.csv)", 0);
    public static final Metric EVALUATIONS = new Metric("valuation_evaluations", "models",
            "coalitions the round's valuation evaluated on the validation set (its cost)", 0);
    public static final Metric PAID = new Metric("rewards_paid", "currency", "what the reward pool paid for the round, all participants", 0);
    public static final Metric PRICE = new Metric("model_price", "currency",
            "the global model's price from its validation accuracy, precision and recall (DInEMMo's pricing engine)", 4);

    public static final Metric WATCHED_SHARE = new Metric("watched_share", "fraction",
            "the watched participants' (scenario.rewards.watch) share of everything paid so far", 4);
    public static final Metric WATCHED_VALUE = new Metric("watched_value", "accuracy",
            "the watched participants' values summed over them and the rounds so far", 4);

    private final UploadStrategy protocol;
    private final TreeMap<Integer, Long> paidSoFar = new TreeMap<>();
    /** Each participant's values by the configured method, summed over the rounds so far (what payout: end pays on). */
    private final TreeMap<Integer, Double> valueSoFar = new TreeMap<>();
    private double watchedValue;
    private final RewardsParams params;
    private final int rounds;
    private final Model scratch;
    private final Dataset validation;
    private final int evalBatch;
    private final SeedStreams seeds;
    private final ModelPrice price;
    /** Each participant's values summed over the rounds so far, by method (for the rank agreement). */
    private final Map<RewardsParams.Method, TreeMap<Integer, Double>> cumulative = new EnumMap<>(RewardsParams.Method.class);

    private float[] roundStart;
    private int valuedRound = -1;
    private Map<RewardsParams.Method, Valuation> valuations = Map.of();
    private Map<RewardsParams.Method, Double> wallMillis = Map.of();
    private List<Integer> valuedIds = List.of();

    /**
     * @param scratch    a model of the run's architecture for rebuilding sub-models (never the global one)
     * @param validation the server's validation set
     */
    public ContributionRewards(UploadStrategy protocol, RewardsParams params, int rounds, Model scratch, Dataset validation, int evalBatch,
                               SeedStreams seeds) {
        this.protocol = protocol;
        this.params = params;
        this.rounds = rounds;
        this.scratch = scratch;
        this.validation = validation;
        this.evalBatch = evalBatch;
        this.seeds = seeds;
        this.price = new ModelPrice(params.priceBase(), params.priceAccuracyWeight(), params.pricePrecisionWeight(), params.priceRecallWeight());
    }

    /** The metrics it adds after the protocol's, in column order (with compare: each method's agreement and cost). */
    public static List<Metric> metrics(RewardsParams params) {
        List<Metric> metrics = new ArrayList<>(List.of(EVALUATIONS, PAID, PRICE));
        if (!params.watch().isEmpty()) {
            metrics.add(WATCHED_SHARE);
            metrics.add(WATCHED_VALUE);
        }
        if (params.compare()) {
            for (RewardsParams.Method m : RewardsParams.Method.values()) {
                if (m != RewardsParams.Method.EXACT) {
                    metrics.add(spearman(m));
                }
            }
            for (RewardsParams.Method m : RewardsParams.Method.values()) {
                metrics.add(evaluations(m));
            }
        }
        return List.copyOf(metrics);
    }

    /** The participants.csv columns it fills. */
    public static List<Metric> participantMetrics() {
        return List.of(VALUE, PAYOUT);
    }

    static Metric spearman(RewardsParams.Method m) {
        return new Metric("spearman_" + m.key(), "rho",
                "Spearman rank correlation of the participants' values summed so far by " + m.key() + " with exact Shapley's", 4);
    }

    static Metric evaluations(RewardsParams.Method m) {
        return new Metric("evaluations_" + m.key(), "models", "coalitions " + m.key() + " evaluated this round", 0);
    }

    @Override
    public void configureRound(int round, float[] global) {
        roundStart = global.clone();
        protocol.configureRound(round, global);
    }

    @Override
    public List<ClientUpdate> uploads(int round, List<ClientUpdate> trained) {
        return protocol.uploads(round, trained);
    }

    @Override
    public List<LedgerMessages.Transaction> transactions(int round, List<ClientUpdate> uploads) {
        return protocol.transactions(round, uploads);
    }

    /** The protocol aggregates; then the round's uploads are valued (the server has them all and its starting model). */
    @Override
    public float[] aggregate(int round, List<ClientUpdate> uploads) {
        float[] change = protocol.aggregate(round, uploads);
        List<ClientUpdate> ordered = uploads.stream().sorted(java.util.Comparator.comparingInt(ClientUpdate::participantId)).toList();
        valuedIds = ordered.stream().map(ClientUpdate::participantId).toList();
        RoundUtility utility = new RoundUtility(scratch, roundStart, ordered, validation, evalBatch);
        Map<RewardsParams.Method, Valuation> found = new EnumMap<>(RewardsParams.Method.class);
        Map<RewardsParams.Method, Double> millis = new EnumMap<>(RewardsParams.Method.class);
        List<RewardsParams.Method> methods = params.compare() ? List.of(RewardsParams.Method.values()) : List.of(params.method());
        for (RewardsParams.Method m : methods) {
            Stopwatch clock = Stopwatch.start();
            found.put(m, value(m, utility, round));
            millis.put(m, clock.elapsedMillis());
        }
        valuations = found;
        wallMillis = millis;
        valuedRound = round;
        Valuation main = found.get(params.method());
        for (int i = 0; i < valuedIds.size(); i++) {
            valueSoFar.merge(valuedIds.get(i), main.value(i), Double::sum);
        }
        return change;
    }

    private Valuation value(RewardsParams.Method method, RoundUtility utility, int round) {
        int n = utility.players();
        return switch (method) {
            case EXACT -> ShapleyMethods.exact(n, utility);
            case LEAVE_ONE_OUT -> ShapleyMethods.leaveOneOut(n, utility);
            // each method draws from its own stream, so its values are the same with or without compare
            case MONTE_CARLO -> ShapleyMethods.monteCarlo(n, utility, params.permutations(), params.truncation(),
                    seeds.stream("rewards/monte_carlo", round));
            case GTG -> ShapleyMethods.gtg(n, utility, params.permutations(), params.truncation(), params.roundTruncation(),
                    seeds.stream("rewards/gtg", round));
        };
    }

    private boolean perRound() {
        return params.payout() == RewardsParams.Payout.ROUND;
    }

    /** Payments the pool makes: one per round, or one at the end. */
    private int payments() {
        return perRound() ? rounds : 1;
    }

    /** Whether the pool pays after this round. */
    private boolean pays(int round) {
        return perRound() || round == rounds;
    }

    /** Who is paid after this round, in participant-id order: the round's uploaders, or everyone valued so far at the end. */
    private List<Integer> payees(int round) {
        if (!pays(round)) {
            return List.of();
        }
        if (perRound()) {
            return valuedRound != round ? List.of() : valuedIds;
        }
        return List.copyOf(valueSoFar.keySet());
    }

    /** The payees' values as the contract's shares: each non-negative value in millionths. */
    private List<Long> shares(int round) {
        List<Long> shares = new ArrayList<>();
        List<Integer> payees = payees(round);
        for (int i = 0; i < payees.size(); i++) {
            double value = perRound() ? valuations.get(params.method()).value(i) : valueSoFar.get(payees.get(i));
            shares.add(Math.round(Math.max(0, value) * SHARE_SCALE));
        }
        return shares;
    }

    /** Round 1 funds and opens the pool; a paying round posts its shares; the last one closes the pool. */
    @Override
    public List<ContractCall> aggregateCalls(int round) {
        List<ContractCall> calls = new ArrayList<>(protocol.aggregateCalls(round));
        if (round == 1) {
            calls.add(new ContractCall.Rewards(new RewardPoolCall.Credit(OWNER, params.budget())));
            calls.add(new ContractCall.Rewards(new RewardPoolCall.Open(POOL, OWNER, params.budget(), payments())));
        }
        if (pays(round)) {
            int payment = perRound() ? round : 1;
            List<String> accounts = payees(round).stream().map(id -> "participant-" + id).toList();
            calls.add(new ContractCall.Rewards(new RewardPoolCall.Pay(POOL, payment, accounts, shares(round))));
        }
        if (round == rounds) {
            calls.add(new ContractCall.Rewards(new RewardPoolCall.Close(POOL)));
        }
        return calls;
    }

    @Override
    public void report(int round, float[] globalBefore, List<ClientUpdate> uploads, Model global, RoundReport report) {
        protocol.report(round, globalBefore, uploads, global, report);
        boolean valued = valuedRound == round;
        if (valued) {
            for (int i = 0; i < valuedIds.size(); i++) {
                int id = valuedIds.get(i);
                report.participantMetric(id, VALUE, valuations.get(params.method()).value(i));
                report.participantMetric(id, PAYOUT, 0);
                if (params.watch().contains(id)) {
                    watchedValue += valuations.get(params.method()).value(i);
                }
            }
        }
        List<Integer> payees = payees(round);
        long[] paid = RewardPool.payments(params.budget() / payments(), shares(round));
        long paidTotal = 0;
        for (int i = 0; i < paid.length; i++) {
            int id = payees.get(i);
            if (report.hasParticipant(id)) {
                report.participantMetric(id, PAYOUT, paid[i]);
            }
            paidTotal += paid[i];
            paidSoFar.merge(id, paid[i], Long::sum);
        }
        if (!params.watch().isEmpty()) {
            long all = paidSoFar.values().stream().mapToLong(Long::longValue).sum();
            long watched = params.watch().stream().mapToLong(id -> paidSoFar.getOrDefault(id, 0L)).sum();
            report.metric(WATCHED_SHARE, all == 0 ? 0 : (double) watched / all);
            report.metric(WATCHED_VALUE, watchedValue);
        }
        report.metric(EVALUATIONS, valued ? valuations.get(params.method()).evaluations() : 0);
        report.metric(PAID, paidTotal);
        report.metric(PRICE, price.of(Evaluation.evaluate(global, validation, evalBatch).confusion()));
        if (valued) {
            report.timing("valuation", wallMillis.get(params.method()));
        }
        if (params.compare()) {
            compare(round, valued, report);
        }
    }

    private void compare(int round, boolean valued, RoundReport report) {
        for (RewardsParams.Method m : RewardsParams.Method.values()) {
            TreeMap<Integer, Double> sums = cumulative.computeIfAbsent(m, k -> new TreeMap<>());
            if (valued) {
                Valuation v = valuations.get(m);
                for (int i = 0; i < valuedIds.size(); i++) {
                    sums.merge(valuedIds.get(i), v.value(i), Double::sum);
                }
                report.timing("valuation/" + m.key(), wallMillis.get(m));
            }
            report.metric(evaluations(m), valued ? valuations.get(m).evaluations() : 0);
        }
        double[] exact = values(cumulative.get(RewardsParams.Method.EXACT));
        for (RewardsParams.Method m : RewardsParams.Method.values()) {
            if (m != RewardsParams.Method.EXACT) {
                report.metric(spearman(m), RankAgreement.spearman(values(cumulative.get(m)), exact));
            }
        }
    }

    private static double[] values(TreeMap<Integer, Double> sums) {
        return sums.values().stream().mapToDouble(Double::doubleValue).toArray();
    }
}
