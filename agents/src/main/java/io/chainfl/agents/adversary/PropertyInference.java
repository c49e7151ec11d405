package io.chainfl.agents.adversary;

import io.chainfl.agents.RoundObserver;
import io.chainfl.engine.metrics.Metric;
import io.chainfl.engine.metrics.MetricValues;
import io.chainfl.engine.UserError;
import io.chainfl.learning.aggregation.ClientUpdate;
import io.chainfl.learning.aggregation.SparseUpdate;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.ParticipantData;
import io.chainfl.learning.model.LocalTrainer;
import io.chainfl.learning.model.Model;
import io.chainfl.engine.seed.SeedStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The passive property-inference adversary at work, after Melis et al. (S&P 2019). Every round it takes the
 * global model it was sent (a snapshot), trains copies of it on subsets of its own data with the property (all its
 * samples of the class plus others) and without it (the class left out), keeps the
 * {@code shared_fraction} largest coordinates of each change, and adds them to its training set. A logistic
 * regression on everything gathered so far then scores the round's victims' updates, seen through the same
 * fraction of coordinates, and {@code property_inference_auc} is the exact ROC AUC of those scores against
 * whether each victim really has the property.
 *
 * <p>Passive: it trains its own model copy, draws from its own seed streams and only reads the updates, so the
 * run's results are those of the same run without it.
 */
public final class PropertyInference implements RoundObserver {
    public static final Metric AUC = new Metric("property_inference_auc", "ROC AUC",
            "how well the property-inference adversary tells the victims with the property from those without (empty before its start round)");
    public static final Metric SHARED_FRACTION = new Metric("shared_fraction", "fraction", "the fraction of each update's coordinates the adversary sees");
    private static final double LEARNING_RATE = 2.0;
    private static final double L2 = 1e-4;

    private final PropertyInferenceParams params;
    private final int adversary;
    private final Dataset own;
    private final Map<Integer, Boolean> victimHasProperty;
    private final Model model;
    private final TrainingConfig training;
    private final SeedStreams seeds;
    private final int[] ofClass;
    private final int[] withoutClass;
    private final List<float[]> examples = new ArrayList<>();
    private final List<Double> labels = new ArrayList<>();

    public PropertyInference(PropertyInferenceParams params, int adversary, List<ParticipantData> everyone, Model model, TrainingConfig training,
                             SeedStreams seeds) {
        this.params = params;
        this.adversary = adversary;
        this.model = model;
        this.training = training;
        this.seeds = seeds;
        ParticipantData mine = everyone.stream().filter(p -> p.participantId() == adversary).findFirst().orElseThrow();
        this.own = mine.train();
        int k = params.propertyClass();
        if (k >= own.numClasses()) {
            throw new UserError("adversaries: property_inference.property_class " + k + " does not exist (classes 0 to " + (own.numClasses() - 1) + ")");
        }
        this.ofClass = Arrays.stream(own.allRows()).filter(i -> own.labels()[i] == k).toArray();
        this.withoutClass = Arrays.stream(own.allRows()).filter(i -> own.labels()[i] != k).toArray();
        if (ofClass.length == 0 || withoutClass.length == 0) {
            throw new UserError("adversaries: property_inference: participant " + adversary + "'s own data holds "
                    + (withoutClass.length == 0 ? "only" : "no") + " samples of class " + k
                    + ", so it cannot train updates with and without the property; choose another participant (ids) or property_class");
        }
        Map<Integer, Boolean> truth = new TreeMap<>();
        for (ParticipantData p : everyone) {
            if (p.participantId() != adversary) {
                truth.put(p.participantId(), hasProperty(p.train(), k, params.minShare()));
            }
        }
        this.victimHasProperty = truth;
    }

    static boolean hasProperty(Dataset data, int propertyClass, double minShare) {
        return data.size() > 0 && data.labelCounts()[propertyClass] >= minShare * data.size();
    }

    public int adversary() {
        return adversary;
    }

    @Override
    public MetricValues observe(int round, float[] globalBefore, List<ClientUpdate> uploaded) {
        MetricValues columns = new MetricValues();
        columns.put(SHARED_FRACTION, params.sharedFraction());
        if (round < params.startRound()) {
            columns.put(AUC, Double.NaN);
            return columns;
        }
        gatherAuxiliaryUpdates(round, globalBefore);
        LogisticRegression classifier = LogisticRegression.fit(stack(examples), labels.stream().mapToDouble(Double::doubleValue).toArray(),
                params.classifierIterations(), LEARNING_RATE, L2);
        List<float[]> observed = new ArrayList<>();
        List<Boolean> truth = new ArrayList<>();
        for (ClientUpdate u : uploaded) {
            Boolean property = victimHasProperty.get(u.participantId());
            if (property != null) {
                observed.add(features(u.delta()));
                truth.add(property);
            }
        }
        double auc = Double.NaN;
        if (!observed.isEmpty()) {
            boolean[] positive = new boolean[truth.size()];
            for (int i = 0; i < positive.length; i++) {
                positive[i] = truth.get(i);
            }
            auc = RocAuc.of(classifier.scores(stack(observed)), positive);
        }
        columns.put(AUC, auc);
        return columns;
    }

    /**
     * Melis's training set: changes of the round's snapshot on its own data with and without the property. A set
     * with the property holds every own sample of the class plus others drawn at random; a set without holds as
     * many samples drawn from the other classes, so both train for the same number of steps.
     */
    private void gatherAuxiliaryUpdates(int round, float[] global) {
        int others = Math.max(1, (int) Math.round(0.75 * withoutClass.length));
        for (int j = 0; j < params.auxUpdates(); j++) {
            SplittableRandom draw = seeds.stream("adversary", adversary, "property", "round", round, "aux", j);
            int[] fillers = sample(withoutClass, Math.max(1, others - ofClass.length), draw);
            int[] with = new int[ofClass.length + fillers.length];
            System.arraycopy(ofClass, 0, with, 0, ofClass.length);
            System.arraycopy(fillers, 0, with, ofClass.length, fillers.length);
            Arrays.sort(with);
            examples.add(features(change(global, own.subset(with), round, j, "with")));
            labels.add(1.0);
            examples.add(features(change(global, own.subset(sample(withoutClass, with.length, draw)), round, j, "without")));
            labels.add(0.0);
        }
    }

    private float[] change(float[] global, Dataset data, int round, int j, String kind) {
        model.setParams(global);
        LocalTrainer.train(model, data, training, seeds.stream("adversary", adversary, "property", "round", round, "aux", j, kind, "shuffle"));
        float[] local = model.params();
        float[] change = new float[local.length];
        for (int i = 0; i < change.length; i++) {
            change[i] = local[i] - global[i];
        }
        return change;
    }

    private static int[] sample(int[] rows, int size, SplittableRandom draw) {
        int[] shuffled = rows.clone();
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = draw.nextInt(i + 1);
            int swap = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = swap;
        }
        int[] chosen = Arrays.copyOf(shuffled, Math.min(size, shuffled.length));
        Arrays.sort(chosen);
        return chosen;
    }

    /** What the adversary sees of an update: its shared coordinates, scaled to unit length so rounds compare. */
    float[] features(float[] update) {
        float[] seen = new float[update.length];
        SparseUpdate.topK(update, params.sharedFraction()).addTo(seen);
        double norm = 0;
        for (float v : seen) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < seen.length; i++) {
                seen[i] = (float) (seen[i] / norm);
            }
        }
        return seen;
    }

    private static float[][] stack(List<float[]> rows) {
        return rows.toArray(new float[0][]);
    }
}
