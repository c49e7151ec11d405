package io.chainfl.scenarios.sum;

import io.chainfl.engine.UserError;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.FederatedData;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The binary task split as the reference does: the model is first trained on {@code initial}, the agents then
 * contribute samples of {@code pool} in order, and accuracy is measured on {@code test}.
 */
record SumData(Dataset initial, Dataset pool, Dataset test) {

    static SumData build(SumParams params, FederatedData runData, SeedStreams seeds) {
        SumTaskParams task = params.task();
        Dataset train;
        Dataset test;
        if (task.type() == SumTaskParams.Type.CSV_TEXT) {
            if (task.path() == null) {
                throw new UserError("scenario.task.path: csv_text needs the path of a CSV of text and label");
            }
            BagOfWords.Split split = BagOfWords.load(task, seeds.stream("sum/text/split"));
            train = split.train();
            test = split.test();
        } else {
            List<Dataset> parts = new ArrayList<>();
            for (ParticipantData p : runData.participants()) {
                parts.add(p.train());
                if (p.validation().size() > 0) {
                    parts.add(p.validation());
                }
            }
            train = binary(Dataset.concat("sum-train", parts), task);
            test = binary(runData.test(), task);
        }
        int[] order = permutation(train.size(), seeds.stream("sum/data/order"));
        int initialSize = Math.max(1, (int) (train.size() * params.initialFraction()));
        if (initialSize >= train.size()) {
            throw new UserError("scenario.initial_fraction leaves no data to contribute (" + train.size() + " samples)");
        }
        int[] initialRows = java.util.Arrays.copyOfRange(order, 0, initialSize);
        int[] poolRows = java.util.Arrays.copyOfRange(order, initialSize, order.length);
        return new SumData(train.subset(initialRows, "sum-initial"), train.subset(poolRows, "sum-pool"), test);
    }

    /** Keeps the samples of the positive and negative classes, labelled 1 and 0. */
    static Dataset binary(Dataset data, SumTaskParams task) {
        List<Integer> keep = new ArrayList<>();
        int[] labels = new int[data.size()];
        for (int i = 0; i < data.size(); i++) {
            int c = data.labels()[i];
            boolean positive = task.positiveClasses().contains(c);
            boolean negative = task.negativeClasses().isEmpty() ? !positive : task.negativeClasses().contains(c);
            if (positive || negative) {
                labels[keep.size()] = positive ? 1 : 0;
                keep.add(i);
            }
        }
        Dataset kept = data.subset(keep.stream().mapToInt(Integer::intValue).toArray());
        int[] y = java.util.Arrays.copyOf(labels, keep.size());
        if (kept.size() == 0) {
            throw new UserError("scenario.task: no samples of the positive or negative classes");
        }
        return new Dataset(data.name() + "-binary", kept.features(), y, kept.numFeatures(), 2, kept.imageShape());
    }

    static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    static float[] row(Dataset data, int index) {
        float[] x = new float[data.numFeatures()];
        System.arraycopy(data.features(), index * data.numFeatures(), x, 0, x.length);
        return x;
    }

    /** Every row's features, row-major. */
    static float[] matrix(Dataset data) {
        return data.featureMatrix(data.allRows());
    }
}
