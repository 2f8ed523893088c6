package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * Max pooling over non-overlapping k x k windows of each feature map (stride k).
 *
 * <p>Shapes: {@code x: (N, C*H*W)} in NCHW order (see {@link MapShape}),
 * {@code y: (N, C*H'*W')} with {@code H' = floor(H / k)}, {@code W' = floor(W / k)}; a last row or
 * column that does not fill a window is dropped, as in PyTorch's default. Forward and backward:
 * <pre>
 *   y[n, c, i, j] = max_{0 <= a, b < k} x[n, c, k i + a, k j + b]
 *   dX[n, c, s]   = sum of dY[n, c, i, j] over the windows whose maximum is at s, else 0
 * </pre>
 * The maximum is a subgradient choice where two entries of a window tie: the first in row-major
 * order takes the whole gradient.
 */
public final class MaxPool2d implements Layer {
    private final String name;
    private final MapShape in;
    private final MapShape out;
    private final int k;

    private int[] argmax;
    private int rows = -1;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    /**
     * @param name   readable name, e.g. {@code "pool1"}
     * @param input  the shape (C, H, W) of the input maps
     * @param window k, the side of the window and the stride
     */
    public MaxPool2d(String name, MapShape input, int window) {
        if (window < 1 || window > input.height() || window > input.width()) {
            throw new IllegalArgumentException("MaxPool2d '" + name + "': the window must be between 1 and the map's "
                    + "height and width " + input.height() + "x" + input.width() + ", got " + window);
        }
        this.name = name;
        this.in = input;
        this.k = window;
        this.out = new MapShape(input.channels(), input.height() / window, input.width() / window);
    }

    /** The input shape (C, H, W). */
    public MapShape inputShape() {
        return in;
    }

    /** The output shape (C, H/k, W/k). */
    public MapShape outputShape() {
        return out;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        in.require(toString(), "input", x);
        final int n = x.numRows, inSize = in.size(), outSize = out.size();
        final int h = in.height(), w = in.width(), ho = out.height(), wo = out.width();
        y = Shapes.reuse(y, n, outSize);
        if (argmax == null || argmax.length != n * outSize) {
            argmax = new int[n * outSize];
        }
        final double[] xs = x.data, ys = y.data;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < in.channels(); c++) {
                final int map = r * inSize + c * h * w;
                for (int i = 0; i < ho; i++) {
                    for (int j = 0; j < wo; j++) {
                        // y[n, c, i, j] = max over the window at (k i, k j)
                        int best = map + k * i * w + k * j;
                        for (int a = 0; a < k; a++) {
                            for (int b = 0; b < k; b++) {
                                int s = map + (k * i + a) * w + k * j + b;
                                if (xs[s] > xs[best]) {
                                    best = s;
                                }
                            }
                        }
                        int o = r * outSize + c * ho * wo + i * wo + j;
                        ys[o] = xs[best];
                        argmax[o] = best;
                    }
                }
            }
        }
        rows = n;
        return y;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireForward(toString(), y);
        Shapes.requireSameShape(toString(), "dY", dY, rows, out.size());
        dX = Shapes.reuse(dX, rows, in.size());
        final double[] g = dY.data, dx = dX.data;
        Arrays.fill(dx, 0.0);
        // dX[s] += dY[o] at the maximum s of window o
        for (int o = 0; o < rows * out.size(); o++) {
            dx[argmax[o]] += g[o];
        }
        return dX;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "MaxPool2d '" + name + "' " + k + "x" + k + " " + in + " -> " + out;
    }
}
