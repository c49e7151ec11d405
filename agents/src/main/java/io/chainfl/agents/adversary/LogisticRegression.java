package io.chainfl.agents.adversary;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Binary L2-regularised logistic regression by full-batch gradient descent on ND4J: the property-inference
 * adversary's classifier. Deterministic: starts from zero weights and draws nothing at random.
 */
public final class LogisticRegression {
    private final INDArray weights;
    private double bias;

    private LogisticRegression(INDArray weights, double bias) {
        this.weights = weights;
        this.bias = bias;
    }

    /**
     * @param features one example per row
     * @param labels   1 or 0 per row
     */
    public static LogisticRegression fit(INDArray features, double[] labels, int iterations, double learningRate, double l2) {
        long rows = features.rows();
        INDArray y = Nd4j.create(labels, new long[] {rows, 1}, DataType.FLOAT);
        LogisticRegression model = new LogisticRegression(Nd4j.zeros(DataType.FLOAT, features.columns(), 1), 0);
        INDArray transposed = features.transpose();
        for (int step = 0; step < iterations; step++) {
            INDArray error = Transforms.sigmoid(features.mmul(model.weights).addi(model.bias), false).subi(y);
            INDArray gradient = transposed.mmul(error).divi(rows).addi(model.weights.mul(l2));
            model.weights.subi(gradient.muli(learningRate));
            model.bias -= learningRate * error.meanNumber().doubleValue();
        }
        return model;
    }

    /** The logit of each row; higher means "has the property". */
    public double[] scores(INDArray features) {
        return features.mmul(weights).addi(bias).toDoubleVector();
    }
}
