package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * A learnable tensor and the gradient of the loss with respect to it.
 *
 * <p>Gradients accumulate: every backward pass adds to {@link #grad()}, and
 * {@link #zeroGrad()} resets it, as in micrograd and PyTorch. A parameter that is not
 * {@link #trainable()} (for example a frozen gamma or beta) still receives its gradient, but
 * optimizers leave its value alone.
 */
public final class Parameter {
    private final String name;
    private final DMatrixRMaj value;
    private final DMatrixRMaj grad;
    private boolean trainable;
    /** Whether {@link #descend} may use the Vector API's loop (decided when the parameter is made). */
    private final boolean vectorAllowed = BatchNormKernels.vectorApiEnabled();

    /**
     * @param name  a readable name such as {@code "fc1.W"}
     * @param value the tensor; not copied: the parameter owns it from now on
     */
    public Parameter(String name, DMatrixRMaj value) {
        this.name = name;
        this.value = value;
        this.grad = new DMatrixRMaj(value.numRows, value.numCols);
        this.trainable = true;
    }

    /** The name, for example {@code "bn1.gamma"}. */
    public String name() {
        return name;
    }

    /** The value. Modified by optimizers. */
    public DMatrixRMaj value() {
        return value;
    }

    /** dL/d(value), accumulated since the last {@link #zeroGrad()}. Same shape as the value. */
    public DMatrixRMaj grad() {
        return grad;
    }

    /** Whether optimizers update this parameter. */
    public boolean trainable() {
        return trainable;
    }

    /** Freezes ({@code false}) or unfreezes ({@code true}) the parameter. */
    public void setTrainable(boolean trainable) {
        this.trainable = trainable;
    }

    /**
     * One step of plain gradient descent, {@code value <- value - learningRate * grad} (each entry
     * computed as {@code w - (learningRate * g)}, two roundings, on every JVM), in one pass that
     * also checks the result: returns whether every entry of the new value is finite (no NaN, no
     * infinity). Optimizers use it ({@code Sgd}); the check is how training notices divergence.
     */
    public boolean descend(double learningRate) {
        final int n = value.getNumElements();
        return vectorAllowed && WarmVectorKernels.warm()
                ? VectorDenseKernels.descend(value.data, grad.data, n, learningRate)
                : ScalarDenseKernels.descend(value.data, grad.data, n, learningRate);
    }

    /** Sets every entry of the gradient to zero. */
    public void zeroGrad() {
        Arrays.fill(grad.data, 0, grad.getNumElements(), 0.0);
    }

    /** Number of scalars in this parameter. */
    public int size() {
        return value.getNumElements();
    }

    @Override
    public String toString() {
        return name + " (" + value.numRows + "x" + value.numCols + (trainable ? ")" : ", frozen)");
    }
}
