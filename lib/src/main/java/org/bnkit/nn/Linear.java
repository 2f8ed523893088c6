package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A fully connected (affine) layer: {@code y = x W + b}.
 *
 * <p>Shapes: {@code x: (N, D)}, {@code W: (D, M)}, {@code b: (1, M)} (optional), {@code y: (N, M)}. This is
 * the row-per-example form of the paper's {@code Wu + b} (CS231n's convention; our {@code W} is
 * the transpose of the paper's). The backward rule:
 * <pre>
 *   dW += x^T dY        db += sum_n dY[n, :]        dX = dY W^T
 * </pre>
 *
 * <p>The three products run on {@link DenseKernels} (the Vector API's loops when the JVM has
 * them, plain Java loops otherwise, with the same bits): each entry is one chain of fused
 * multiply-adds over the inner index in increasing order, starting from the bias (forward), from
 * the gradient accumulated so far (dW) or from zero (dX). When at least half of the first input
 * row is exactly zero, as with the binarized MNIST inputs of the paper's experiment (87% zeros),
 * and the layer has enough outputs for skipping zeros to pay on the loops in use
 * ({@link DenseKernels#sparseMinimumWidth}: 64 on the Vector API's, any number on the plain
 * loops), the forward pass and dW run over the non-zero inputs only (their list is made once per
 * forward pass and reused by the backward pass); a zero term changes nothing in a chain, so this
 * changes the speed, not the result. W is read at each call, so changes to {@link #weight()}
 * between calls are always seen; x must not change between forward and backward. The results
 * equal EJML's {@code CommonOps_DDRM.mult} to rounding (see the tests).
 */
public final class Linear implements Layer {
    private final String name;
    private final int inputs;
    private final int outputs;
    private final Parameter weight;
    private final Parameter bias;
    /** "Linear 'fc1' (784 -> 100)", for messages: made once, since the checks of every pass name the layer. */
    private final String label;

    private final DenseLoops loops = new DenseLoops();

    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;
    /** Whether the last forward pass took x as sparse, and then its non-zeros. */
    private boolean sparse;
    private final SparseInput nonZeros = new SparseInput();

    /**
     * @param name     readable name, e.g. {@code "fc1"}
     * @param inputs   D, the number of input features
     * @param outputs  M, the number of output units
     * @param init     how to draw W
     * @param rng      random source for W (seed it)
     * @param withBias whether the layer has a bias b (starting at zero); a layer followed by
     *                 BatchNorm does not need one, since BN subtracts the mean (section 3.2)
     */
    public Linear(String name, int inputs, int outputs, Init init, Random rng, boolean withBias) {
        this(name, new DMatrixRMaj(inputs, outputs), withBias ? new DMatrixRMaj(1, outputs) : null);
        init.fill(weight.value(), rng);
    }

    /** A layer with a bias. */
    public Linear(String name, int inputs, int outputs, Init init, Random rng) {
        this(name, inputs, outputs, init, rng, true);
    }

    /** A layer named {@code "linear"}, with a bias. */
    public Linear(int inputs, int outputs, Init init, Random rng) {
        this("linear", inputs, outputs, init, rng, true);
    }

    private Linear(String name, DMatrixRMaj w, DMatrixRMaj b) {
        if (w.numRows < 1 || w.numCols < 1) {
            throw new IllegalArgumentException("Linear '" + name + "': sizes must be >= 1, got " + w.numRows
                    + " -> " + w.numCols);
        }
        if (b != null && (b.numRows != 1 || b.numCols != w.numCols)) {
            throw new IllegalArgumentException("Linear '" + name + "': bias must be (1, " + w.numCols + "), got "
                    + Shapes.of(b));
        }
        this.name = name;
        this.inputs = w.numRows;
        this.outputs = w.numCols;
        this.label = "Linear '" + name + "' (" + inputs + " -> " + outputs + ")";
        this.weight = new Parameter(name + ".W", w);
        this.bias = b == null ? null : new Parameter(name + ".b", b);
    }

    /**
     * A layer with the given weights.
     *
     * @param w W: (D, M). Copied.
     * @param b b: (1, M), or null for no bias. Copied.
     */
    public static Linear withWeights(String name, DMatrixRMaj w, DMatrixRMaj b) {
        return new Linear(name, w.copy(), b == null ? null : b.copy());
    }

    /** W: (D, M). */
    public Parameter weight() {
        return weight;
    }

    /** Whether the layer has a bias. */
    public boolean hasBias() {
        return bias != null;
    }

    /** b: (1, M). */
    public Parameter bias() {
        if (bias == null) {
            throw new IllegalStateException(label + " has no bias (it was built without one)");
        }
        return bias;
    }

    /** D. */
    public int inputs() {
        return inputs;
    }

    /** M. */
    public int outputs() {
        return outputs;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        Shapes.requireColumns(label, "input", x, inputs,
                "Check that the previous layer has " + inputs + " outputs.");
        final int n = x.numRows, d = inputs, m = outputs;
        this.x = x;
        y = Shapes.reuse(y, n, m);
        final double[] ys = y.data, w = weight.value().data;
        // y = b + x W: each row starts from b (or zero), then the chain over i
        if (bias == null) {
            Arrays.fill(ys, 0, n * m, 0.0);
        } else {
            for (int r = 0; r < n; r++) {
                System.arraycopy(bias.value().data, 0, ys, r * m, m);
            }
        }
        sparse = m >= loops.current().sparseMinimumWidth() && mostlyZeros(x.data, d);
        if (sparse) {
            nonZeros.rowsOf(x.data, n, d);
            loops.current().sparseMultiplyAdd(nonZeros.rowStart, nonZeros.rowEnd, nonZeros.rowIndex, nonZeros.rowValue, n, w, m, ys);
        } else {
            loops.current().multiplyAdd(x.data, n, d, w, m, ys);
        }
        return y;
    }

    /** Whether at least half of the first row of x (of width d) is exactly zero. */
    private static boolean mostlyZeros(double[] x, int d) {
        int zeros = 0;
        for (int i = 0; i < d; i++) {
            zeros += x[i] == 0.0 ? 1 : 0;
        }
        return 2 * zeros >= d;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        accumulateParameterGradients(dY);
        final int n = x.numRows, d = inputs, m = outputs;
        dX = Shapes.reuse(dX, n, d);
        Arrays.fill(dX.data, 0, n * d, 0.0);
        // dX = dY W^T
        loops.current().multiplyAddTransposed(dY.data, n, m, weight.value().data, d, dX.data);
        return dX;
    }

    @Override
    public void backwardToParameters(DMatrixRMaj dY) {
        accumulateParameterGradients(dY);
    }

    private void accumulateParameterGradients(DMatrixRMaj dY) {
        Shapes.requireForward(label, x);
        Shapes.requireSameShape(label, "dY", dY, x.numRows, outputs);
        final int n = x.numRows, d = inputs, m = outputs;
        final double[] g = dY.data, dw = weight.grad().data;
        if (bias != null) {
            // db += sum_r dY[r, :]
            loops.current().columnSums(g, n, m, bias.grad().data);
        }
        // dW += x^T dY
        if (sparse) {
            nonZeros.columnsFromRows(n, d);
            loops.current().sparseMultiplyAdd(nonZeros.columnStart, nonZeros.columnEnd, nonZeros.columnIndex, nonZeros.columnValue,
                    d, g, m, dw);
        } else {
            loops.current().transposedMultiplyAdd(x.data, d, n, g, m, dw);
        }
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return label;
    }
}
