package io.chainfl.scenarios.danku;

import io.chainfl.agents.adversary.DankuOverfitterParams;
import io.chainfl.engine.UserError;
import io.chainfl.ledger.DanKu;
import java.util.Arrays;

/**
 * The organizer's held-out rows in their seeded order, cut into what each contest uses: this contest's groups (the first
 * {@code groups x rows_per_group} rows, as they always were), the previous contest's data set (the same rows when the
 * organizer reuses its data, else the next block) and fresh rows that no contest used, on which an overfitter's model
 * shows what it is worth away from the test groups.
 */
final class HeldOutRows {
    /** At most this many fresh rows; enough that the fresh accuracy's sampling error (about 1.5 points) is below the gaps measured. */
    static final int MAX_FRESH = 1_000;
    /** Fewer fresh rows than this would make the overfitting gap mostly sampling noise. */
    static final int MIN_FRESH = 100;

    private final int[] shuffled;
    private final int groups;
    private final int rowsPerGroup;
    private final int needed;
    private final boolean reuse;

    HeldOutRows(int[] shuffled, int groups, int rowsPerGroup, boolean reuse) {
        this.shuffled = shuffled.clone();
        this.groups = groups;
        this.rowsPerGroup = rowsPerGroup;
        this.needed = groups * rowsPerGroup;
        this.reuse = reuse;
    }

    /** Refuses a split too small for the previous contest and the fresh rows (only an overfitter needs them). */
    void requireRoomForOverfitting() {
        if (2 * needed + MIN_FRESH > shuffled.length) {
            throw new UserError("adversaries: danku_overfitter needs " + (2 * needed + MIN_FRESH) + " held-out rows (this contest's "
                    + needed + ", the previous contest's " + needed + " and " + MIN_FRESH + " fresh ones), but the test split has "
                    + shuffled.length + "; lower scenario.groups or scenario.rows_per_group, or raise data.test_fraction");
        }
    }

    int[] group(int g) {
        return Arrays.copyOfRange(shuffled, g * rowsPerGroup, (g + 1) * rowsPerGroup);
    }

    /** Every row of the previous contest, all of which it revealed on chain (training groups, then test groups). */
    int[] previousContest() {
        return reuse ? Arrays.copyOfRange(shuffled, 0, needed) : Arrays.copyOfRange(shuffled, needed, 2 * needed);
    }

    /** The row numbers an overfitter tunes to: the previous contest's, or this contest's test groups (leaked). */
    int[] known(DankuOverfitterParams.Knows knows, int testStart, int testGroups) {
        if (knows == DankuOverfitterParams.Knows.PREVIOUS_CONTEST) {
            return previousContest();
        }
        int[] leaked = new int[0];
        for (int g = 0; g < groups; g++) {
            if (DanKu.isTest(g, groups, testStart, testGroups)) {
                int[] rows = group(g);
                int at = leaked.length;
                leaked = Arrays.copyOf(leaked, at + rows.length);
                System.arraycopy(rows, 0, leaked, at, rows.length);
            }
        }
        return leaked;
    }

    /** Rows that neither contest used. */
    int[] fresh() {
        return Arrays.copyOfRange(shuffled, 2 * needed, Math.min(shuffled.length, 2 * needed + MAX_FRESH));
    }
}
