package io.chainfl.learning.valuation;

import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.aggregation.FedAvg;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.model.Evaluation;
import io.chainfl.learning.model.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * The utility of one federated round as GTG-Shapley defines it (Liu et al. 2022, Section 4): a coalition's sub-model is
 * reconstructed from the round's uploads alone, the round's global model plus the FedAvg of the coalition's updates
 * (weighted by local data size, as the server would have aggregated them had only they uploaded), and its worth is
 * its accuracy on the server's validation set. The empty coalition is the round's starting model. No participant
 * retrains: each coalition costs one evaluation. Player i is the i-th upload in participant-id order.
 */
public final class RoundUtility implements Utility {
    private final Model scratch;
    private final float[] start;
    private final List<ClientUpdate> uploads;
    private final Dataset validation;
    private final int evalBatch;
    private final FedAvg fedAvg = new FedAvg();

    /**
     * @param scratch a model of the run's architecture that this utility may overwrite (never the global model)
     * @param start   the global parameters the round began from
     * @param uploads the round's uploads in participant-id order: player i is {@code uploads.get(i)}
     */
    public RoundUtility(Model scratch, float[] start, List<ClientUpdate> uploads, Dataset validation, int evalBatch) {
        if (uploads.size() > ShapleyMethods.MAX_PLAYERS) {
            throw new IllegalArgumentException("at most " + ShapleyMethods.MAX_PLAYERS + " uploads per valued round, got " + uploads.size());
        }
        this.scratch = scratch;
        this.start = start.clone();
        this.uploads = List.copyOf(uploads);
        this.validation = validation;
        this.evalBatch = evalBatch;
    }

    public int players() {
        return uploads.size();
    }

    @Override
    public double of(long coalition) {
        scratch.setParams(start);
        List<ClientUpdate> members = new ArrayList<>();
        for (int i = 0; i < uploads.size(); i++) {
            if ((coalition & (1L << i)) != 0) {
                members.add(uploads.get(i));
            }
        }
        if (!members.isEmpty()) {
            scratch.addToParams(fedAvg.aggregate(members));
        }
        return Evaluation.evaluate(scratch, validation, evalBatch).accuracy();
    }
}
