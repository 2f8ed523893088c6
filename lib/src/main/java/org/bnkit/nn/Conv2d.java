package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A 2-D convolution with F filters of size C x k x k, stride 1 and zero padding p.
 *
 * <p>Shapes: {@code x: (N, C*H*W)} and {@code y: (N, F*H'*W')} in NCHW order (see
 * {@link MapShape}), with {@code H' = H + 2p - k + 1}, {@code W' = W + 2p - k + 1};
 * {@code W: (C*k*k, F)}, {@code b: (1, F)} (optional; a convolution followed by per-map
 * BatchNorm does not need one, section 3.2). The forward rule, as in deep-learning frameworks a
 * cross-correlation:
 * <pre>
 *   y[n, f, i, j] = b[f] + sum_{c, a, d} x[n, c, i + a - p, j + d - p] W[c k k + a k + d, f]
 * </pre>
 * with x = 0 outside the map.
 *
 * <p><b>im2col.</b> Each output position (n, i, j) gets the row of the C*k*k input values its
 * filters see: the matrix {@code X_col: (N*H'*W', C*k*k)}. The convolution is then the product
 * {@code Z = X_col W + b: (N*H'*W', F)}, computed by a {@link Linear} layer (the library's fast
 * products; on the plain loops they skip the zeros of the padding and of ReLU outputs, on the
 * Vector API's only for 64 filters or more), and {@code y} is Z reordered
 * to NCHW. The backward rule is the Linear layer's, then col2im, the transpose of im2col:
 * <pre>
 *   dZ = dY reordered        dW += X_col^T dZ        db += sum_rows dZ
 *   dX_col = dZ W^T          dX[n, c, s] = sum of dX_col over the entries im2col copied from s
 * </pre>
 */
public final class Conv2d implements Layer {
    private final String name;
    private final MapShape in;
    private final MapShape out;
    private final int k;
    private final int padding;
    private final Linear product;

    private final int[] source;
    private DMatrixRMaj col;
    private DMatrixRMaj y;
    private DMatrixRMaj dZ;
    private DMatrixRMaj dX;
    private int rows = -1;

    /**
     * @param name     readable name, e.g. {@code "conv1"}
     * @param input    the shape (C, H, W) of the input maps
     * @param filters  F, the number of output maps
     * @param kernel   k, the side of each filter (3 and 5 are the usual)
     * @param padding  p, zeros added on each side of each map (p = (k - 1) / 2 keeps H and W)
     * @param init     how to draw W; its fan-in is C*k*k, so {@link Init#he()} is He et al.'s
     *                 convolutional initialisation
     * @param rng      random source for W (seed it)
     * @param withBias whether the layer has a bias b (starting at zero)
     */
    public Conv2d(String name, MapShape input, int filters, int kernel, int padding, Init init, Random rng,
                  boolean withBias) {
        if (filters < 1 || kernel < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv2d '" + name + "': need filters >= 1, kernel >= 1, padding >= 0, got "
                    + filters + ", " + kernel + ", " + padding);
        }
        int ho = input.height() + 2 * padding - kernel + 1, wo = input.width() + 2 * padding - kernel + 1;
        if (ho < 1 || wo < 1) {
            throw new IllegalArgumentException("Conv2d '" + name + "': a " + kernel + "x" + kernel + " filter with padding "
                    + padding + " does not fit maps of " + input.height() + "x" + input.width() + "; add padding or use a smaller kernel");
        }
        this.name = name;
        this.in = input;
        this.k = kernel;
        this.padding = padding;
        this.out = new MapShape(filters, ho, wo);
        this.product = new Linear(name, input.channels() * kernel * kernel, filters, init, rng, withBias);
        this.source = im2colIndex();
    }

    /**
     * For each output position (i, j) and column (c, a, d) of X_col, the input offset it copies
     * from within an example's row, or -1 for the padding.
     */
    private int[] im2colIndex() {
        final int h = in.height(), w = in.width(), ho = out.height(), wo = out.width(), width = columns();
        int[] index = new int[ho * wo * width];
        for (int i = 0; i < ho; i++) {
            for (int j = 0; j < wo; j++) {
                for (int c = 0; c < in.channels(); c++) {
                    for (int a = 0; a < k; a++) {
                        for (int d = 0; d < k; d++) {
                            int si = i + a - padding, sj = j + d - padding;
                            boolean inside = si >= 0 && si < h && sj >= 0 && sj < w;
                            index[(i * wo + j) * width + c * k * k + a * k + d] = inside ? c * h * w + si * w + sj : -1;
                        }
                    }
                }
            }
        }
        return index;
    }

    private int columns() {
        return in.channels() * k * k;
    }

    /** W: (C*k*k, F); column f is filter f, with entry c*k*k + a*k + d for channel c, row a, column d. */
    public Parameter weight() {
        return product.weight();
    }

    /** Whether the layer has a bias. */
    public boolean hasBias() {
        return product.hasBias();
    }

    /** b: (1, F). */
    public Parameter bias() {
        return product.bias();
    }

    /** The input shape (C, H, W). */
    public MapShape inputShape() {
        return in;
    }

    /** The output shape (F, H', W'). */
    public MapShape outputShape() {
        return out;
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        in.require(toString(), "input", x);
        final int n = x.numRows, positions = out.positions(), filters = out.channels(), width = columns();
        rows = n;
        col = Shapes.reuse(col, n * positions, width);
        final double[] xs = x.data, cs = col.data;
        // X_col[(n, i, j), (c, a, d)] = x[n, c, i + a - p, j + d - p], 0 in the padding
        for (int r = 0; r < n; r++) {
            final int row = r * in.size(), block = r * positions * width;
            for (int e = 0; e < positions * width; e++) {
                int s = source[e];
                cs[block + e] = s < 0 ? 0.0 : xs[row + s];
            }
        }
        // Z = X_col W + b, then y[n, f, (i, j)] = Z[(n, i, j), f]
        DMatrixRMaj z = product.forward(col, mode);
        y = Shapes.reuse(y, n, out.size());
        final double[] zs = z.data, ys = y.data;
        for (int r = 0; r < n; r++) {
            for (int q = 0; q < positions; q++) {
                for (int f = 0; f < filters; f++) {
                    ys[r * filters * positions + f * positions + q] = zs[(r * positions + q) * filters + f];
                }
            }
        }
        return y;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        DMatrixRMaj dCol = product.backward(reorder(dY));
        dX = Shapes.reuse(dX, rows, in.size());
        final double[] dc = dCol.data, dx = dX.data;
        final int positions = out.positions(), width = columns();
        Arrays.fill(dx, 0.0);
        // col2im: dX[n, s] += dX_col[(n, i, j), (c, a, d)] for every entry copied from s
        for (int r = 0; r < rows; r++) {
            final int row = r * in.size(), block = r * positions * width;
            for (int e = 0; e < positions * width; e++) {
                int s = source[e];
                if (s >= 0) {
                    dx[row + s] += dc[block + e];
                }
            }
        }
        return dX;
    }

    @Override
    public void backwardToParameters(DMatrixRMaj dY) {
        product.backwardToParameters(reorder(dY));
    }

    /** dZ[(n, i, j), f] = dY[n, f, (i, j)]. */
    private DMatrixRMaj reorder(DMatrixRMaj dY) {
        Shapes.requireForward(toString(), y);
        Shapes.requireSameShape(toString(), "dY", dY, rows, out.size());
        final int positions = out.positions(), filters = out.channels();
        dZ = Shapes.reuse(dZ, rows * positions, filters);
        final double[] g = dY.data, dz = dZ.data;
        for (int r = 0; r < rows; r++) {
            for (int f = 0; f < filters; f++) {
                for (int q = 0; q < positions; q++) {
                    dz[(r * positions + q) * filters + f] = g[r * filters * positions + f * positions + q];
                }
            }
        }
        return dZ;
    }

    @Override
    public List<Parameter> parameters() {
        return product.parameters();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Conv2d '" + name + "' " + k + "x" + k + " pad " + padding + " " + in + " -> " + out;
    }
}
