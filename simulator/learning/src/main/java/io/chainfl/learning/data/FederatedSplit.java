package io.chainfl.learning.data;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A run's federated split as row numbers: which pool rows each participant trains and validates on, and which the
 * server's root set holds, next to the pool and test set they index. Computing it needs the whole pool (every
 * partitioner draws over all labels), so every JVM of a run computes all of it from config and seed; the row
 * arrays are small. The big part, a participant's features and labels, is copied out of the pool only by
 * {@link #share}: a cluster member does so for the entities it hosts, when they start, and the driver for everyone
 * at once ({@link #materialise}), giving exactly the data sets the eager split always gave.
 */
public final class FederatedSplit implements ParticipantShares {
    private final Dataset pool;
    private final Dataset test;
    private final int[][] trainRows;
    private final int[][] validationRows;
    private final int[] serverRootRows;

    /**
     * @param test           null on a member that released it ({@link #withoutTest})
     * @param serverRootRows null when the scenario holds out no root set
     */
    FederatedSplit(Dataset pool, Dataset test, int[][] trainRows, int[][] validationRows, int[] serverRootRows) {
        if (trainRows.length != validationRows.length) {
            throw new IllegalArgumentException(trainRows.length + " train shares but " + validationRows.length + " validation shares");
        }
        this.pool = pool;
        this.test = test;
        this.trainRows = trainRows;
        this.validationRows = validationRows;
        this.serverRootRows = serverRootRows;
    }

    public int participants() {
        return trainRows.length;
    }

    @Override
    public List<Integer> participantIds() {
        return IntStream.range(0, participants()).boxed().toList();
    }

    /** A fresh copy of participant {@code id}'s rows, named as the driver names them. */
    @Override
    public ParticipantData share(int id) {
        String prefix = pool.name() + "/p" + id;
        return new ParticipantData(id, pool.subset(trainRows[id], prefix + "/train"), pool.subset(validationRows[id], prefix + "/validation"));
    }

    /** How many samples participant {@code id} trains on, without copying them. */
    public int trainSize(int id) {
        return trainRows[id].length;
    }

    @Override
    public DataShape shape() {
        return DataShape.of(pool);
    }

    /**
     * The same split without the test set, for a member: the driver evaluates, so a member that holds the split only to
     * build its entities' shares lets the test set go.
     */
    public FederatedSplit withoutTest() {
        return new FederatedSplit(pool, null, trainRows, validationRows, serverRootRows);
    }

    /** Every share, the test set and the server's root set, copied out now: what the driver of a run holds. */
    public FederatedData materialise() {
        if (test == null) {
            throw new IllegalStateException("this split released its test set");
        }
        List<ParticipantData> shares = new ArrayList<>(participants());
        for (int id = 0; id < participants(); id++) {
            shares.add(share(id));
        }
        Dataset serverRoot = serverRootRows == null ? null : pool.subset(serverRootRows, pool.name() + "/server-root");
        return new FederatedData(shares, test, serverRoot);
    }
}
