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
 * <p>The products are sums of scaled rows ({@code y[r, :] = b + sum_i x[r, i] W[i, :]}, see
 * {@link RowKernels}); an exactly-zero input skips its row of {@code W}, which makes the
 * binarized MNIST inputs of the paper's experiment (about 80% zeros) cheap. W is copied into row
 * arrays at each call (a layout the JIT vectorizes), so changes to {@link #weight()} between calls
 * are always seen. The results equal EJML's {@code CommonOps_DDRM.mult} to rounding (see the
 * tests).
 */
public final class Linear implements Layer {
    private final String name;
    private final int inputs;
    private final int outputs;
    private final Parameter weight;
    private final Parameter bias;

    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;
    private double[][] wRows;
    private double[][] wtRows;
    private double[][] gRows;
    private double[] coef;
    private int[] index;
    private double[] acc;

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
            throw new IllegalStateException(label() + " has no bias (it was built without one)");
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
        Shapes.requireColumns(label(), "input", x, inputs,
                "Check that the previous layer has " + inputs + " outputs.");
        final int n = x.numRows, d = inputs, m = outputs;
        this.x = x;
        y = Shapes.reuse(y, n, m);
        final double[] xs = x.data, ys = y.data, acc = scratch(m);
        final double[] b = bias == null ? null : bias.value().data;
        wRows = rows(wRows, d, m);
        RowKernels.toRows(weight.value().data, d, m, wRows);
        // y[r, :] = b + sum_i x[r, i] W[i, :], over the non-zero x[r, i]
        for (int r = 0; r < n; r++) {
            int count = RowKernels.nonZeros(xs, r * d, 1, d, coef, index);
            if (b == null) {
                Arrays.fill(acc, 0, m, 0.0);
            } else {
                System.arraycopy(b, 0, acc, 0, m);
            }
            RowKernels.accumulateRows(coef, index, count, wRows, acc, m);
            System.arraycopy(acc, 0, ys, r * m, m);
        }
        return y;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        accumulateParameterGradients(dY);
        final int n = x.numRows, d = inputs, m = outputs;
        dX = Shapes.reuse(dX, n, d);
        final double[] g = dY.data, dx = dX.data, acc = scratch(d);
        wtRows = rows(wtRows, m, d);
        RowKernels.toTransposedRows(weight.value().data, d, m, wtRows);
        // dX[r, :] = sum_j dY[r, j] W^T[j, :]
        for (int r = 0; r < n; r++) {
            int count = RowKernels.nonZeros(g, r * m, 1, m, coef, index);
            Arrays.fill(acc, 0, d, 0.0);
            RowKernels.accumulateRows(coef, index, count, wtRows, acc, d);
            System.arraycopy(acc, 0, dx, r * d, d);
        }
        return dX;
    }

    @Override
    public void backwardToParameters(DMatrixRMaj dY) {
        accumulateParameterGradients(dY);
    }

    private void accumulateParameterGradients(DMatrixRMaj dY) {
        Shapes.requireForward(label(), x);
        Shapes.requireSameShape(label(), "dY", dY, x.numRows, outputs);
        final int n = x.numRows, d = inputs, m = outputs;
        final double[] xs = x.data, g = dY.data, dw = weight.grad().data, acc = scratch(m);
        if (bias != null) {
            // db += sum_r dY[r, :]
            final double[] db = bias.grad().data;
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < m; j++) {
                    db[j] += g[r * m + j];
                }
            }
        }
        gRows = rows(gRows, n, m);
        RowKernels.toRows(g, n, m, gRows);
        // dW[i, :] += sum_r x[r, i] dY[r, :], over the non-zero x[r, i]
        for (int i = 0; i < d; i++) {
            int count = RowKernels.nonZeros(xs, i, d, n, coef, index);
            if (count == 0) {
                continue;
            }
            System.arraycopy(dw, i * m, acc, 0, m);
            RowKernels.accumulateRows(coef, index, count, gRows, acc, m);
            System.arraycopy(acc, 0, dw, i * m, m);
        }
    }

    /** A scratch row of at least {@code length}; also sizes the coefficient lists. */
    private double[] scratch(int length) {
        int need = Math.max(Math.max(inputs, outputs), x == null ? 0 : x.numRows);
        if (coef == null || coef.length < need) {
            coef = new double[need];
            index = new int[need];
            acc = new double[need];
        }
        return acc;
    }

    /** {@code rows} if it has at least count rows of length, else new rows. */
    private static double[][] rows(double[][] rows, int count, int length) {
        return rows != null && rows.length >= count && rows[0].length == length ? rows : new double[count][length];
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public String name() {
        return name;
    }

    private String label() {
        return "Linear '" + name + "' (" + inputs + " -> " + outputs + ")";
    }

    @Override
    public String toString() {
        return label();
    }
}
