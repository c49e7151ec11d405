package io.chainfl.learning.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small helpers shared by the partitioners. */
final class Partitions {
    private Partitions() {}

    /** Cuts {@code order} into consecutive chunks of the given sizes, each sorted ascending. */
    static List<int[]> cut(int[] order, int[] sizes) {
        List<int[]> parts = new ArrayList<>(sizes.length);
        int start = 0;
        for (int size : sizes) {
            int[] part = Arrays.copyOfRange(order, start, start + size);
            Arrays.sort(part);
            parts.add(part);
            start += size;
        }
        if (start != order.length) {
            throw new IllegalStateException("sizes sum to " + start + ", not " + order.length);
        }
        return parts;
    }

    /** Sizes as equal as possible: the first {@code total % parts} get one more. */
    static int[] evenSizes(int total, int parts) {
        int[] sizes = new int[parts];
        for (int i = 0; i < parts; i++) {
            sizes[i] = total / parts + (i < total % parts ? 1 : 0);
        }
        return sizes;
    }

    /** Pool indices grouped by class, each group in ascending order. */
    static int[][] indicesByClass(int[] labels, int numClasses) {
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        int[][] byClass = new int[numClasses][];
        for (int c = 0; c < numClasses; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] filled = new int[numClasses];
        for (int i = 0; i < labels.length; i++) {
            byClass[labels[i]][filled[labels[i]]++] = i;
        }
        return byClass;
    }
}
