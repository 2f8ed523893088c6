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
 * {@code Z = X_col W + b: (N*H'*W', F)}, a fully connected layer's product (see {@link Linear}),
 * and {@code y} is Z reordered to NCHW. The backward rule is the fully connected layer's, then
 * col2im, the transpose of im2col:
 * <pre>
 *   dZ = dY reordered        dW += X_col^T dZ        db += sum_rows dZ
 *   dX_col = dZ W^T          dX[n, c, s] = sum of dX_col over the entries im2col copied from s
 * </pre>
 *
 * <p><b>One image at a time.</b> X_col has about k*k times as many entries as x (9.4 MB for the
 * first layer of notebook 10's convnet on a batch of 60): built for the whole batch, it is
 * written to memory and read back by the product, and again by the backward pass. So each pass
 * builds the H'*W' rows of one image (157 KB there, which stay in the processor's cache), uses
 * them at once, and goes on to the next image; the backward pass builds them again rather than
 * keeping them (so x must not change between forward and backward, as for {@link Linear}). The
 * products run on {@link DenseKernels} (the Vector API's loops when the JVM has them); their
 * chains over the rows of X_col continue from image to image in order, so the results are those
 * of the single product over the whole batch, bit for bit (Conv2dTest checks it). Measured on
 * notebook 10's convnet with BN (batch 60, Vector API loops, AVX-512), one training step: 11.4 ms
 * with the whole batch's X_col, 9.5 ms image by image.
 */
public final class Conv2d implements Layer {
    private final String name;
    private final MapShape in;
    private final MapShape out;
    private final int k;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;
    private final DenseLoops loops = new DenseLoops();

    /** For each entry of one image's X_col, the offset in {@link #padded} it copies from. */
    private final int[] source;
    /**
     * One image's maps with p zeros on each side, (C, H+2p, W+2p), and its gradient: im2col and
     * col2im index them without a test for the padding (the border of {@code padded} stays zero,
     * the border of {@code dPadded} collects what falls on the padding and is dropped).
     */
    private final double[] padded;
    private final double[] dPadded;
    /** One image's X_col: (H'*W', C*k*k), and its dX_col. */
    private final double[] col;
    private final double[] dCol;
    /** One image's Z: (H'*W', F), and its dZ. */
    private final double[] z;
    private final double[] dZ;
    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

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
        final int width = input.channels() * kernel * kernel, positions = out.positions();
        this.weight = new Parameter(name + ".W", new DMatrixRMaj(width, filters));
        this.bias = withBias ? new Parameter(name + ".b", new DMatrixRMaj(1, filters)) : null;
        init.fill(weight.value(), rng);
        this.source = im2colIndex();
        this.padded = new double[input.channels() * paddedHeight() * paddedWidth()];
        this.dPadded = new double[padded.length];
        this.col = new double[positions * width];
        this.dCol = new double[positions * width];
        this.z = new double[positions * filters];
        this.dZ = new double[positions * filters];
    }

    /**
     * For each output position (i, j) and column (c, a, d) of X_col, the offset it copies from in
     * one image's padded maps ({@link #padded}): {@code c (H+2p)(W+2p) + (i+a)(W+2p) + (j+d)}.
     */
    private int[] im2colIndex() {
        final int ho = out.height(), wo = out.width(), width = columns(), hp = paddedHeight(), wp = paddedWidth();
        int[] index = new int[ho * wo * width];
        for (int i = 0; i < ho; i++) {
            for (int j = 0; j < wo; j++) {
                for (int c = 0; c < in.channels(); c++) {
                    for (int a = 0; a < k; a++) {
                        for (int d = 0; d < k; d++) {
                            index[(i * wo + j) * width + c * k * k + a * k + d] = c * hp * wp + (i + a) * wp + j + d;
                        }
                    }
                }
            }
        }
        return index;
    }

    private int paddedHeight() {
        return in.height() + 2 * padding;
    }

    private int paddedWidth() {
        return in.width() + 2 * padding;
    }

    private int columns() {
        return in.channels() * k * k;
    }

    /** W: (C*k*k, F); column f is filter f, with entry c*k*k + a*k + d for channel c, row a, column d. */
    public Parameter weight() {
        return weight;
    }

    /** Whether the layer has a bias. */
    public boolean hasBias() {
        return bias != null;
    }

    /** b: (1, F). */
    public Parameter bias() {
        if (bias == null) {
            throw new IllegalStateException(this + " has no bias (it was built without one)");
        }
        return bias;
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
        this.x = x;
        y = Shapes.reuse(y, n, out.size());
        final double[] W = weight.value().data;
        for (int r = 0; r < n; r++) {
            im2col(x.data, r);
            // Z = X_col W + b: each row starts from b (or zero), then the chain over the columns of X_col
            for (int q = 0; q < positions; q++) {
                if (bias == null) {
                    Arrays.fill(z, q * filters, (q + 1) * filters, 0.0);
                } else {
                    System.arraycopy(bias.value().data, 0, z, q * filters, filters);
                }
            }
            loops.current().multiplyAdd(col, positions, width, W, filters, z);
            // y[n, f, (i, j)] = Z[(i, j), f]
            final int o = r * out.size();
            for (int q = 0; q < positions; q++) {
                for (int f = 0; f < filters; f++) {
                    y.data[o + f * positions + q] = z[q * filters + f];
                }
            }
        }
        return y;
    }

    /** X_col of image r: {@code col[(i, j), (c, a, d)] = x[r, c, i + a - p, j + d - p]}, 0 in the padding. */
    private void im2col(double[] xs, int r) {
        final int h = in.height(), w = in.width(), hp = paddedHeight(), wp = paddedWidth();
        for (int c = 0; c < in.channels(); c++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(xs, r * in.size() + (c * h + i) * w, padded, (c * hp + i + padding) * wp + padding, w);
            }
        }
        for (int e = 0; e < col.length; e++) {
            col[e] = padded[source[e]];
        }
    }

    /** col2im for image r: {@code dX[r, s] = sum of dX_col over the entries im2col copied from s}, in the order of X_col. */
    private void col2im(int r) {
        final int h = in.height(), w = in.width(), hp = paddedHeight(), wp = paddedWidth();
        Arrays.fill(dPadded, 0.0);
        for (int e = 0; e < dCol.length; e++) {
            dPadded[source[e]] += dCol[e];
        }
        for (int c = 0; c < in.channels(); c++) {
            for (int i = 0; i < h; i++) {
                System.arraycopy(dPadded, (c * hp + i + padding) * wp + padding, dX.data, r * in.size() + (c * h + i) * w, w);
            }
        }
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        return backward(dY, true);
    }

    @Override
    public void backwardToParameters(DMatrixRMaj dY) {
        backward(dY, false);
    }

    /**
     * dW and db, image by image, and dX if asked: for each image, X_col built again, dZ = dY
     * reordered, {@code dW += X_col^T dZ}, {@code db += sum_rows dZ}, then {@code dX_col = dZ W^T}
     * and col2im.
     */
    private DMatrixRMaj backward(DMatrixRMaj dY, boolean inputGradient) {
        Shapes.requireForward(toString(), y);
        Shapes.requireSameShape(toString(), "dY", dY, x.numRows, out.size());
        final int n = x.numRows, positions = out.positions(), filters = out.channels(), width = columns();
        final double[] W = weight.value().data, dW = weight.grad().data;
        if (inputGradient) {
            dX = Shapes.reuse(dX, n, in.size());
        }
        for (int r = 0; r < n; r++) {
            // dZ[(i, j), f] = dY[n, f, (i, j)]
            final int o = r * out.size();
            for (int f = 0; f < filters; f++) {
                for (int q = 0; q < positions; q++) {
                    dZ[q * filters + f] = dY.data[o + f * positions + q];
                }
            }
            if (bias != null) {
                // db += sum over positions of dZ[(i, j), :]
                loops.current().columnSums(dZ, positions, filters, bias.grad().data);
            }
            im2col(x.data, r);
            loops.current().transposedMultiplyAdd(col, width, positions, dZ, filters, dW);
            if (inputGradient) {
                Arrays.fill(dCol, 0.0);
                loops.current().multiplyAddTransposed(dZ, positions, filters, W, width, dCol);
                col2im(r);
            }
        }
        return inputGradient ? dX : null;
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
        return "Conv2d '" + name + "' " + k + "x" + k + " pad " + padding + " " + in + " -> " + out;
    }
}
