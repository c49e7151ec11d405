package io.chainfl.cli.bench;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.chainfl.learning.model.Evaluation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Accuracy, macro-F1 and the confusion matrix of one evaluation (2,000 predictions over 10 classes, a test split
 * of the digits) computed by chainfl's {@link Evaluation} and by Tribuo's {@link LabelEvaluator}, with the ratio.
 * Every round evaluates the global model and, in SecCL, every voter scores every candidate, so this is a hot
 * path: it stays ours when Tribuo is slower here, and Tribuo stays the definition the tests check it against
 * (EvaluationTest, on a real model of the real digits). Tribuo's side includes making its {@link Prediction}
 * objects, as our path would have to for every evaluation; its label domain is built once, outside the timing.
 */
public final class EvaluationBenchmark {
    private static final int PREDICTIONS = 2000;
    private static final int CLASSES = 10;
    private static final double WARMUP_SECONDS = 1.0;
    private static final double TIMED_SECONDS = 2.0;

    private EvaluationBenchmark() {}

    /** Evaluations per second of both, printed; returns chainfl's rate over Tribuo's. */
    public static double run(PrintStream out) {
        SplittableRandom random = new SplittableRandom(2024);
        int[] truth = new int[PREDICTIONS];
        int[] predicted = new int[PREDICTIONS];
        for (int i = 0; i < PREDICTIONS; i++) {
            truth[i] = random.nextInt(CLASSES);
            predicted[i] = random.nextDouble() < 0.85 ? truth[i] : random.nextInt(CLASSES);
        }
        TribuoSide tribuo = new TribuoSide(truth);
        // the same numbers first: a rate of a wrong answer would mean nothing
        int[][] confusion = Evaluation.confusionMatrix(truth, predicted, CLASSES);
        LabelEvaluation reference = tribuo.evaluate(predicted);
        if (Math.abs(reference.accuracy() - Evaluation.accuracy(confusion)) > 1e-12
                || Math.abs(reference.macroAveragedF1() - Evaluation.macroF1(confusion)) > 1e-12) {
            throw new IllegalStateException("chainfl and Tribuo disagree on the benchmark's predictions");
        }
        double ours = evaluationsPerSecond(() -> {
            int[][] c = Evaluation.confusionMatrix(truth, predicted, CLASSES);
            return Evaluation.accuracy(c) + Evaluation.macroF1(c);
        });
        double theirs = evaluationsPerSecond(() -> {
            LabelEvaluation e = tribuo.evaluate(predicted);
            return e.accuracy() + e.macroAveragedF1();
        });
        out.printf(Locale.ROOT, "evaluation metrics (accuracy, macro-F1, confusion matrix) of %,d predictions: chainfl %,.0f/s,"
                + " Tribuo LabelEvaluator %,.0f/s, chainfl/Tribuo %.1f%n", PREDICTIONS, ours, theirs, ours / theirs);
        return ours / theirs;
    }

    /** Tribuo's label domain from the truth (a baseline model supplies it) and the examples its predictions need. */
    private static final class TribuoSide {
        private final List<Example<Label>> examples = new ArrayList<>();
        private final Model<Label> domain;
        private final DataProvenance provenance;
        private final Label[] labels = new Label[CLASSES];

        TribuoSide(int[] truth) {
            for (int c = 0; c < CLASSES; c++) {
                labels[c] = new Label("class" + c);
            }
            LabelFactory factory = new LabelFactory();
            MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("truth", factory), factory);
            for (int label : truth) {
                ArrayExample<Label> example = new ArrayExample<>(labels[label], new String[] {"bias"}, new double[] {1.0});
                examples.add(example);
                dataset.add(example);
            }
            domain = DummyClassifierTrainer.createMostFrequentTrainer().train(dataset, Map.<String, Provenance>of());
            provenance = dataset.getProvenance();
        }

        LabelEvaluation evaluate(int[] predicted) {
            List<Prediction<Label>> predictions = new ArrayList<>(predicted.length);
            for (int i = 0; i < predicted.length; i++) {
                predictions.add(new Prediction<>(labels[predicted[i]], 1, examples.get(i)));
            }
            return new LabelEvaluator().evaluate(domain, predictions, provenance);
        }
    }

    private static double evaluationsPerSecond(DoubleSupplier evaluation) {
        double sink = 0;
        long warmupEnd = System.nanoTime() + (long) (WARMUP_SECONDS * 1e9);
        while (System.nanoTime() < warmupEnd) {
            sink += evaluation.getAsDouble();
        }
        long start = System.nanoTime();
        long calls = 0;
        long elapsed;
        do {
            sink += evaluation.getAsDouble();
            calls++;
            elapsed = System.nanoTime() - start;
        } while (elapsed < TIMED_SECONDS * 1e9);
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("an evaluation gave NaN");
        }
        return calls / (elapsed / 1e9);
    }
}
