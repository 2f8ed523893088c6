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
 * <p>The products are written as loops over the flat row-major arrays, in the order that streams
 * through memory ({@code y[n, :] += x[n, i] * W[i, :]}); an exactly-zero input skips its row of
 * {@code W}, which makes the binarized MNIST inputs of the paper's experiment (about 80% zeros)
 * cheap. The results equal EJML's {@code CommonOps_DDRM.mult} (see the tests).
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
    private final DMatrixRMaj wT;

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
        this.wT = new DMatrixRMaj(outputs, inputs);
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
        final double[] xs = x.data, w = weight.value().data, ys = y.data;
        final double[] b = bias == null ? null : bias.value().data;
        // y[r, :] = b + sum_i x[r, i] * W[i, :]
        for (int r = 0; r < n; r++) {
            final int yRow = r * m, xRow = r * d;
            if (b == null) {
                Arrays.fill(ys, yRow, yRow + m, 0.0);
            } else {
                System.arraycopy(b, 0, ys, yRow, m);
            }
            for (int i = 0; i < d; i++) {
                final double xi = xs[xRow + i];
                if (xi != 0.0) {
                    final int wRow = i * m;
                    for (int j = 0; j < m; j++) {
                        ys[yRow + j] += xi * w[wRow + j];
                    }
                }
            }
        }
        return y;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        accumulateParameterGradients(dY);
        final int n = x.numRows, d = inputs, m = outputs;
        dX = Shapes.reuse(dX, n, d);
        // dX = dY W^T, as dX[r, :] = sum_j dY[r, j] * W^T[j, :]
        final double[] w = weight.value().data, wt = wT.data, g = dY.data, dx = dX.data;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < m; j++) {
                wt[j * d + i] = w[i * m + j];
            }
        }
        Arrays.fill(dx, 0, n * d, 0.0);
        for (int r = 0; r < n; r++) {
            final int gRow = r * m, dxRow = r * d;
            for (int j = 0; j < m; j++) {
                final double gj = g[gRow + j];
                final int wtRow = j * d;
                for (int i = 0; i < d; i++) {
                    dx[dxRow + i] += gj * wt[wtRow + i];
                }
            }
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
        final double[] xs = x.data, g = dY.data, dw = weight.grad().data;
        final double[] db = bias == null ? null : bias.grad().data;
        for (int r = 0; r < n; r++) {
            final int gRow = r * m, xRow = r * d;
            // db += dY[r, :]
            if (db != null) {
                for (int j = 0; j < m; j++) {
                    db[j] += g[gRow + j];
                }
            }
            // dW[i, :] += x[r, i] * dY[r, :]
            for (int i = 0; i < d; i++) {
                final double xi = xs[xRow + i];
                if (xi != 0.0) {
                    final int wRow = i * m;
                    for (int j = 0; j < m; j++) {
                        dw[wRow + j] += xi * g[gRow + j];
                    }
                }
            }
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

    private String label() {
        return "Linear '" + name + "' (" + inputs + " -> " + outputs + ")";
    }

    @Override
    public String toString() {
        return label();
    }
}
