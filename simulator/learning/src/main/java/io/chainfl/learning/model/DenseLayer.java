package io.chainfl.learning.model;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A fully connected layer {@code z = x W + b} whose W and b are views into the flat parameter and gradient vectors. */
final class DenseLayer {
    final int inputs;
    final int outputs;
    private final long weightOffset;
    private final long biasOffset;
    private INDArray weights;
    private INDArray bias;
    private INDArray weightGrad;
    private INDArray biasGrad;

    DenseLayer(int inputs, int outputs, double initStd, ParameterLayout layout) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.weightOffset = layout.allocate(initStd, inputs, outputs);
        this.biasOffset = layout.allocate(0, outputs);
    }

    void bindParameters(INDArray flat) {
        weights = ParameterLayout.view(flat, weightOffset, inputs, outputs);
        bias = ParameterLayout.view(flat, biasOffset, 1, outputs);
    }

    void bindGradients(INDArray flatGrad) {
        weightGrad = ParameterLayout.view(flatGrad, weightOffset, inputs, outputs);
        biasGrad = ParameterLayout.view(flatGrad, biasOffset, 1, outputs);
    }

    /**
     * Writes {@code x W + b} into {@code out} ({@code batch x outputs}). The bias is broadcast as the outer
     * product {@code ones b} and the product accumulated onto it (beta = 1): two BLAS calls, because ND4J's
     * broadcast ops (addiRowVector) cost more in dispatch than the whole product at these sizes.
     *
     * @param ones a {@code batch x 1} column of ones
     */
    void forward(INDArray x, INDArray out, INDArray ones) {
        Nd4j.gemm(ones, bias, out, false, false, 1.0, 0.0);
        Nd4j.gemm(x, weights, out, false, false, 1.0, 1.0);
    }

    /**
     * Accumulates nothing: overwrites this layer's gradient slices from the upstream delta
     * {@code dz = dLoss/dz}, and writes {@code dLoss/dx} into {@code inputGradOrNull} when given.
     */
    void backward(INDArray x, INDArray dz, INDArray inputGradOrNull, INDArray ones) {
        Nd4j.gemm(x, dz, weightGrad, true, false, 1.0, 0.0);
        // column sums of dz, as ones^T dz
        Nd4j.gemm(ones, dz, biasGrad, true, false, 1.0, 0.0);
        if (inputGradOrNull != null) {
            Nd4j.gemm(dz, weights, inputGradOrNull, false, true, 1.0, 0.0);
        }
    }
}
