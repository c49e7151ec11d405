package io.chainfl.scenarios.sum;

import io.chainfl.learning.data.Dataset;
import io.chainfl.agents.ledger.LedgerClient;
import io.chainfl.engine.Hashes;
import io.chainfl.ledger.LedgerEntry;
import io.chainfl.engine.seed.SeedStreams;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Rewards from a bounty (Waggoner's prediction market). Commitment: the provider deposits the bounty and posts
 * salted hashes of its test set in pieces. Participation: each contributor stakes once, then adds data.
 * Reveal: the pieces are checked against the board. Reward: the contributions are replayed from the initial
 * model; each moves its contributor's balance (in stakes, starting at 1) by score = L(h_{t-1}, D) - L(h_t, D)
 * times score_scale; whoever falls under the drop rule is dropped and the replay runs again without its data.
 * Payout = stake x balance; gains come out of the bounty, losses go to the provider.
 */
final class PredictionMarket implements IncentiveMechanism {
    static final String COMMIT_KIND = "test-commit";
    private final IncentiveParams.Market params;
    private final Context context;
    /** The escrow contract, through the ledger service. */
    private final LedgerClient escrow;
    private final Dataset testSet;
    private final float[] testFeatures;
    private final OnlineModel initialModel;
    private final long endMillis;
    private final List<byte[]> salts = new ArrayList<>();
    private final List<byte[]> commitments = new ArrayList<>();
    private final Map<SumAgent, Long> stakeIds = new LinkedHashMap<>();
    private final List<Contribution> contributions = new ArrayList<>();
    private final Map<SumAgent, Integer> timesBelow = new LinkedHashMap<>();
    private final Map<SumAgent, Double> dropped = new LinkedHashMap<>();
    private final SplittableRandom saltRandom;
    private long bountyId;
    private long minted;
    private long deposited;
    private long refunded;
    private long taken;

    /** @param testSet the provider's test set D (held out from the accuracy measurement by the scenario) */
    PredictionMarket(IncentiveParams.Market params, Context context, Dataset testSet, OnlineModel initialModel, long endMillis, SeedStreams seeds) {
        this.params = params;
        this.context = context;
        this.escrow = context.ledger();
        this.testSet = testSet;
        this.testFeatures = SumData.matrix(testSet);
        this.initialModel = initialModel.copy();
        this.endMillis = endMillis;
        this.saltRandom = seeds.stream("sum/market/salt");
    }

    @Override
    public void open(long nowMillis) {
        escrow.mint(params.provider(), params.providerBalance());
        minted += params.providerBalance();
        for (SumAgent a : context.agents()) {
            escrow.mint(a.name(), a.params.balance());
            minted += a.params.balance();
        }
        if (params.bounty() > 0) {
            bountyId = escrow.deposit(params.provider(), params.bounty(), endMillis);
            deposited += params.bounty();
        }
        commitTestSet(true);
    }

    /** Salts and hashes the test pieces, posting the hashes at set-up; a resumed run only needs the salts back. */
    private void commitTestSet(boolean post) {
        int pieces = Math.min(params.testPieces(), testSet.size());
        for (int p = 0; p < pieces; p++) {
            byte[] salt = new byte[32];
            saltRandom.nextBytes(salt);
            salts.add(salt);
            byte[] hash = pieceHash(p, pieces, salt);
            commitments.add(hash);
            if (post) {
                context.ledger().post(new LedgerEntry(p, params.provider(), COMMIT_KIND, hash, pieceRows(p, pieces).length * (testSet.numFeatures() * 4L + 4)));
            }
        }
    }

    private int[] pieceRows(int piece, int pieces) {
        int from = (int) ((long) testSet.size() * piece / pieces);
        int to = (int) ((long) testSet.size() * (piece + 1) / pieces);
        return java.util.stream.IntStream.range(from, to).toArray();
    }

    private byte[] pieceHash(int piece, int pieces, byte[] salt) {
        MessageDigest sha = Hashes.sha256();
        sha.update(salt);
        for (int row : pieceRows(piece, pieces)) {
            ByteBuffer b = ByteBuffer.allocate(testSet.numFeatures() * 4 + 4);
            for (float v : SumData.row(testSet, row)) {
                b.putFloat(v);
            }
            b.putInt(testSet.labels()[row]);
            sha.update(b.array());
        }
        return sha.digest();
    }

    @Override
    public Admission admit(SumAgent agent, long offer, long nowMillis) {
        if (nowMillis >= endMillis) {
            return Admission.REJECTED;
        }
        if (!stakeIds.containsKey(agent)) {
            if (escrow.balanceOf(agent.name()) < params.stake()) {
                return Admission.REJECTED;
            }
            stakeIds.put(agent, escrow.deposit(agent.name(), params.stake(), endMillis));
            deposited += params.stake();
            timesBelow.put(agent, 0);
        }
        return new Admission(true, 0, 0);
    }

    @Override
    public void added(Contribution contribution) {
        contributions.add(contribution);
    }

    @Override
    public void onTurn(SumAgent agent, long nowMillis) {}

    @Override
    public boolean active(SumAgent agent) {
        return stakeIds.containsKey(agent) || escrow.balanceOf(agent.name()) >= params.stake();
    }

    @Override
    public void close(long nowMillis) {
        reveal();
        Map<SumAgent, Double> balances = Map.of();
        for (int pass = 1; pass <= params.maxPasses(); pass++) {
            balances = replay(dropped.keySet());
            List<SumAgent> drops = balances.entrySet().stream().filter(e -> dropsOut(e.getKey(), e.getValue())).map(Map.Entry::getKey).toList();
            for (SumAgent a : drops) {
                dropped.put(a, balances.get(a));
                context.event("dropped", a.name(), String.format(java.util.Locale.ROOT, "reward pass %d, balance %.4f stakes", pass, balances.get(a)));
            }
            if (drops.isEmpty()) {
                break;
            }
        }
        Map<SumAgent, Double> finals = new LinkedHashMap<>(balances);
        finals.putAll(dropped);
        settle(finals, Math.max(nowMillis, endMillis));
    }

    private void reveal() {
        for (int p = 0; p < commitments.size(); p++) {
            byte[] revealed = pieceHash(p, commitments.size(), salts.get(p));
            if (!context.ledger().verify(p, params.provider(), COMMIT_KIND, revealed)) {
                throw new IllegalStateException("revealed test piece " + p + " does not match its commitment");
            }
        }
    }

    /** One reward pass without the excluded agents' data: every staked agent's balance in stakes. */
    private Map<SumAgent, Double> replay(Set<SumAgent> excluded) {
        Map<SumAgent, Double> balances = new LinkedHashMap<>();
        stakeIds.keySet().stream().filter(a -> !excluded.contains(a)).forEach(a -> balances.put(a, 1.0));
        OnlineModel model = initialModel.copy();
        double loss = model.loss(testFeatures, testSet.labels());
        for (Contribution c : contributions) {
            if (excluded.contains(c.agent()) || !model.update(c.x(), c.label())) {
                continue;
            }
            double after = model.loss(testFeatures, testSet.labels());
            balances.merge(c.agent(), (loss - after) * params.scoreScale(), Double::sum);
            loss = after;
        }
        return balances;
    }

    private boolean dropsOut(SumAgent agent, double balance) {
        return switch (params.dropRule()) {
            case BELOW_1 -> balance < 1.0;
            case BELOW_1_1 -> balance < 1.1;
            case SECOND_BELOW_1 -> balance < 1.0 && timesBelow.merge(agent, 1, Integer::sum) >= 2;
        };
    }

    /** Pays stake x balance: winners get their stake back and their gain from the bounty, losers' stakes go to the provider. */
    private void settle(Map<SumAgent, Double> balances, long nowMillis) {
        Map<SumAgent, Long> gains = new LinkedHashMap<>();
        for (Map.Entry<SumAgent, Double> e : balances.entrySet()) {
            long stake = params.stake();
            long payout = Math.round(stake * Math.max(0.0, e.getValue()));
            long stakeId = stakeIds.get(e.getKey());
            if (payout >= stake) {
                escrow.refund(stakeId, nowMillis);
                refunded += stake;
                gains.put(e.getKey(), payout - stake);
            } else {
                escrow.take(stakeId, List.of(params.provider(), e.getKey().name()), List.of(stake - payout, payout));
                taken += stake;
            }
            context.event("reward", e.getKey().name(), String.format(java.util.Locale.ROOT, "balance %.4f stakes, payout %d", e.getValue(), payout));
        }
        if (params.bounty() == 0) {
            return;
        }
        long wanted = gains.values().stream().mapToLong(Long::longValue).sum();
        List<String> takers = new ArrayList<>(List.of(params.provider()));
        List<Long> weights = new ArrayList<>(List.of(0L));
        long paid = 0;
        for (Map.Entry<SumAgent, Long> g : gains.entrySet()) {
            // gains beyond the bounty are scaled down so the bounty is never overdrawn
            long gain = wanted <= params.bounty() ? g.getValue() : g.getValue() * params.bounty() / wanted;
            if (gain > 0) {
                takers.add(g.getKey().name());
                weights.add(gain);
                paid += gain;
            }
        }
        weights.set(0, params.bounty() - paid);
        escrow.take(bountyId, takers, weights);
        taken += params.bounty();
    }

    @Override
    public void save(DataOutputStream out) throws IOException {
        out.writeLong(bountyId);
        out.writeLong(minted);
        out.writeLong(deposited);
        out.writeLong(refunded);
        out.writeLong(taken);
        out.writeInt(stakeIds.size());
        for (Map.Entry<SumAgent, Long> stake : stakeIds.entrySet()) {
            out.writeInt(stake.getKey().order);
            out.writeLong(stake.getValue());
            out.writeInt(timesBelow.get(stake.getKey()));
        }
        out.writeInt(dropped.size());
        for (Map.Entry<SumAgent, Double> d : dropped.entrySet()) {
            out.writeInt(d.getKey().order);
            out.writeDouble(d.getValue());
        }
        SumBooks.writeContributions(out, contributions);
    }

    @Override
    public void restore(DataInputStream in, SumBooks books) throws IOException {
        commitTestSet(false);
        bountyId = in.readLong();
        minted = in.readLong();
        deposited = in.readLong();
        refunded = in.readLong();
        taken = in.readLong();
        // stakes in the order they were made: settle() pays in that order
        for (int i = in.readInt(); i > 0; i--) {
            SumAgent agent = books.agent(in.readInt());
            stakeIds.put(agent, in.readLong());
            timesBelow.put(agent, in.readInt());
        }
        for (int i = in.readInt(); i > 0; i--) {
            dropped.put(books.agent(in.readInt()), in.readDouble());
        }
        contributions.addAll(books.readContributions(in));
    }

    @Override
    public long minted() {
        return minted;
    }

    @Override
    public void report(Map<String, Double> extra) {
        long total = escrow.balanceOf(params.provider());
        for (SumAgent a : context.agents()) {
            long balance = escrow.balanceOf(a.name());
            total += balance;
            extra.put("balance_pct_" + a.name(), DepositRefundTake.percent(balance, a.params.balance()));
        }
        extra.put("balance_pct_" + params.provider(), DepositRefundTake.percent(escrow.balanceOf(params.provider()), params.providerBalance()));
        extra.put("dropped", (double) dropped.size());
        extra.put("deposits", (double) deposited);
        extra.put("refunds", (double) refunded);
        extra.put("takes", (double) taken);
        extra.put("escrow", (double) escrow.escrowed());
        extra.put("total_money", (double) (total + escrow.escrowed()));
    }

    Map<SumAgent, Double> droppedAgents() {
        return dropped;
    }
}
