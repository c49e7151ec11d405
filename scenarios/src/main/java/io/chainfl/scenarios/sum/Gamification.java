package io.chainfl.scenarios.sum;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Points for contributions the model agrees with once the check delay has passed; badges at thresholds. No money. */
final class Gamification implements IncentiveMechanism {
    private final IncentiveParams.Gamification params;
    private final Context context;
    private final Map<SumAgent, Long> points = new LinkedHashMap<>();
    private final List<Contribution> unchecked = new ArrayList<>();
    private long badges;

    Gamification(IncentiveParams.Gamification params, Context context) {
        this.params = params;
        this.context = context;
    }

    @Override
    public void open(long nowMillis) {
        context.agents().forEach(a -> points.put(a, 0L));
    }

    @Override
    public Admission admit(SumAgent agent, long offer, long nowMillis) {
        return new Admission(true, 0, 0);
    }

    @Override
    public void added(Contribution contribution) {
        unchecked.add(contribution);
    }

    @Override
    public void onTurn(SumAgent agent, long nowMillis) {
        long delay = DepositRefundTake.hours(params.checkAfterHours());
        for (Iterator<Contribution> it = unchecked.iterator(); it.hasNext(); ) {
            Contribution c = it.next();
            if (nowMillis - c.timeMillis() < delay) {
                break;
            }
            it.remove();
            if (context.model().get().predict(c.x()) == c.label()) {
                long p = points.merge(c.agent(), 1L, Long::sum);
                if (params.badgeThresholds().contains(p)) {
                    badges++;
                    context.event("badge", c.agent().name(), p + " points");
                }
            }
        }
    }

    @Override
    public boolean active(SumAgent agent) {
        return true;
    }

    @Override
    public void close(long nowMillis) {}

    @Override
    public void save(DataOutputStream out) throws IOException {
        out.writeLong(badges);
        for (SumAgent a : context.agents()) {
            out.writeLong(points.get(a));
        }
        SumBooks.writeContributions(out, unchecked);
    }

    @Override
    public void restore(DataInputStream in, SumBooks books) throws IOException {
        badges = in.readLong();
        for (SumAgent a : context.agents()) {
            points.put(a, in.readLong());
        }
        unchecked.clear();
        unchecked.addAll(books.readContributions(in));
    }

    @Override
    public long minted() {
        return 0;
    }

    @Override
    public void report(Map<String, Double> extra) {
        points.forEach((a, p) -> extra.put("points_" + a.name(), (double) p));
        extra.put("badges", (double) badges);
    }
}
