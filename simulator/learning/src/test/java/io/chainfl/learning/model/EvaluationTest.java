package io.chainfl.learning.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import io.chainfl.engine.config.TrainingConfig;
import io.chainfl.learning.data.DataCache;
import io.chainfl.learning.data.Dataset;
import io.chainfl.learning.data.MnistNpm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.evaluation.ConfusionMatrix;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

class EvaluationTest {

    @Test
    void macroF1OfHandComputedConfusionMatrix() {
        // class 0: tp 3, fp 1, fn 1 -> 6/8; class 1: tp 2, fp 1, fn 2 -> 4/7; class 2: tp 1, fp 1, fn 0 -> 2/3
        int[][] confusion = {
            {3, 1, 0},
            {1, 2, 1},
            {0, 0, 1},
        };
        assertEquals((6.0 / 8 + 4.0 / 7 + 2.0 / 3) / 3, Evaluation.macroF1(confusion), 1e-12);
        assertEquals(6.0 / 9, Evaluation.accuracy(confusion), 1e-12);
    }

    @Test
    void classAbsentFromTruthAndPredictionsIsExcludedButMissedClassCountsAsZero() {
        // class 1 never occurs anywhere: excluded. class 2 occurs but is never predicted: F1 = 0.
        int[][] confusion = {
            {4, 0, 0},
            {0, 0, 0},
            {2, 0, 0},
        };
        double f1Class0 = 2.0 * 4 / (2 * 4 + 2 + 0);
        assertEquals((f1Class0 + 0.0) / 2, Evaluation.macroF1(confusion), 1e-12);
    }

    @Test
    void perfectPredictionsGiveMacroF1OfOne() {
        int[] labels = {0, 1, 2, 2, 1, 0, 3};
        assertEquals(1.0, Evaluation.macroF1(Evaluation.confusionMatrix(labels, labels, 5)), 1e-12);
    }

    @Test
    void accuracyAndMacroF1AgreeWithTribuo() {
        SplittableRandom random = new SplittableRandom(7);
        int classes = 4;
        int n = 300;
        int[] truth = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(classes);
            // a biased, imperfect classifier that never predicts class 3
            predicted[i] = random.nextDouble() < 0.6 ? truth[i] : random.nextInt(classes);
            if (predicted[i] == 3) {
                predicted[i] = 0;
            }
        }
        int[][] confusion = Evaluation.confusionMatrix(truth, predicted, classes);
        LabelEvaluation tribuo = tribuoEvaluation(truth, predicted);

        assertEquals(tribuo.accuracy(), Evaluation.accuracy(confusion), 1e-9);
        assertEquals(tribuo.macroAveragedF1(), Evaluation.macroF1(confusion), 1e-9);
        assertTrue(Evaluation.macroF1(confusion) < Evaluation.accuracy(confusion), "the never-predicted class must drag macro-F1 down");
    }

    /**
     * A real evaluation: softmax trained for two epochs on 8,000 of the real digits (the npm pack, as the runs use),
     * evaluated on the other 2,000 by {@link Evaluation#evaluate}; Tribuo's LabelEvaluator, given the same
     * predictions, must find the same accuracy, macro-F1 and every cell of the confusion matrix.
     */
    @Test
    void realDigitsEvaluationAgreesWithTribuoCellByCell() throws Exception {
        Dataset digits = MnistNpm.load(DataCache.directory());
        int[] order = digits.allRows();
        SplittableRandom shuffle = new SplittableRandom(11);
        for (int i = order.length - 1; i > 0; i--) {
            int j = shuffle.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        Dataset train = digits.subset(Arrays.copyOfRange(order, 0, 8000));
        Dataset test = digits.subset(Arrays.copyOfRange(order, 8000, order.length));
        Model model = new SoftmaxRegression(digits.numFeatures(), digits.numClasses(), new SplittableRandom(5));
        LocalTrainer.train(model, train, new TrainingConfig(0.2, 32, 2), new SplittableRandom(6));
        EvalResult ours = Evaluation.evaluate(model, test, 256);

        LabelEvaluation tribuo = tribuoEvaluation(test.labels(), ours.predictions());
        assertTrue(ours.accuracy() > 0.8 && ours.accuracy() < 1, "a trained but imperfect model: " + ours.accuracy());
        assertEquals(tribuo.accuracy(), ours.accuracy(), 1e-12);
        assertEquals(tribuo.macroAveragedF1(), ours.macroF1(), 1e-12);
        ConfusionMatrix<Label> matrix = tribuo.getConfusionMatrix();
        for (int truth = 0; truth < digits.numClasses(); truth++) {
            for (int predicted = 0; predicted < digits.numClasses(); predicted++) {
                assertEquals(matrix.confusion(new Label("class" + predicted), new Label("class" + truth)), ours.confusion()[truth][predicted],
                        "confusion[" + truth + "][" + predicted + "]");
            }
        }
    }

    @Test
    void evaluateProducesConsistentPredictionsConfusionAndLoss() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 37;
        float[] x = new float[n * 4];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextInt(3);
            for (int f = 0; f < 4; f++) {
                x[i * 4 + f] = (float) random.nextGaussian();
            }
        }
        Dataset data = new Dataset("random", x, y, 4, 3, null);
        Model model = new SoftmaxRegression(4, 3, new SplittableRandom(5));
        EvalResult inBatchesOf5 = Evaluation.evaluate(model, data, 5);
        EvalResult inOneBatch = Evaluation.evaluate(model, data, 100);

        assertArrayEquals(inOneBatch.predictions(), inBatchesOf5.predictions());
        assertEquals(inOneBatch.meanLoss(), inBatchesOf5.meanLoss(), 1e-6);
        int[][] expected = Evaluation.confusionMatrix(y, inOneBatch.predictions(), 3);
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(expected[t], inOneBatch.confusion()[t]);
        }
        // the loss of the evaluation equals the loss reported by the model itself
        double modelLoss = model.lossAndGradient(data.featureMatrix(data.allRows()), data.labelsOf(data.allRows()), new float[model.numParams()]);
        assertEquals(modelLoss, inOneBatch.meanLoss(), 1e-5);
    }

    private static LabelEvaluation tribuoEvaluation(int[] truth, int[] predicted) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> dataset = new MutableDataset<>(new SimpleDataSourceProvenance("truth", factory), factory);
        List<Example<Label>> examples = new ArrayList<>();
        for (int label : truth) {
            ArrayExample<Label> example = new ArrayExample<>(new Label("class" + label), new String[] {"bias"}, new double[] {1.0});
            examples.add(example);
            dataset.add(example);
        }
        // the model only supplies Tribuo's label domain; the predictions under test are ours
        org.tribuo.Model<Label> domainModel = DummyClassifierTrainer.createMostFrequentTrainer().train(dataset, Map.<String, Provenance>of());
        List<Prediction<Label>> predictions = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            predictions.add(new Prediction<>(new Label("class" + predicted[i]), 1, examples.get(i)));
        }
        return new LabelEvaluator().evaluate(domainModel, predictions, dataset.getProvenance());
    }
}
