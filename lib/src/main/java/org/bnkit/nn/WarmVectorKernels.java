package org.bnkit.nn;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * BatchNorm's Vector API loops once the JIT compiler has compiled them, the plain loops until
 * then; and the warm-up that compiles them, with {@link VectorDenseKernels} (used by
 * {@link DenseLoops} the same way).
 *
 * <p>Vector API code is slow until HotSpot's C2 compiler turns it into SIMD instructions: in the
 * interpreter and in C1 every vector is an object. Measured on the CI machine, the first 300
 * forward+backward calls of a 60x100 layer took 0.38 s on the Vector API against 0.07 s on the
 * plain loops. So a daemon thread, started the first time the library needs the loops (a
 * BatchNorm layer's construction, another layer's first pass, or {@link Kernels#describe}), runs
 * the vector loops on small arrays, enough calls for C2 to compile them ({@code WARM_UP_CALLS}),
 * and every layer switches to them when it is done. Both give the same bits, so the switch changes
 * only the speed.
 *
 * <p>The warm-up takes seconds, not a fraction of one. On the CI machine (JDK 17), in a JVM doing
 * nothing else, it was done 1.8 to 2.0 s after the JVM started on two cores (the JIT compilers had
 * worked 1.5 to 1.7 s by then) and 2.2 to 2.3 s on one (two runs). Most of it goes to the first
 * 2,000 calls, made before C2 has compiled most of the loops: in one run (with
 * {@code -XX:+PrintCompilation}) 1,000 calls were done 1.29 s after the JVM started, 2,000 at
 * 1.67 s and all 20,000 at 2.00 s. In a JVM that trains from the start, the training runs the
 * plain loops meanwhile and shares the processor with the warm-up and the compiler:
 * {@code ./bnkit bench --startup} measures what that costs, and when the JVM with the module has
 * made up for it (README, "Benchmarks").
 */
final class WarmVectorKernels implements BatchNormKernels {
    /**
     * Calls of each loop in the warm-up; in one run C2 had compiled the loops themselves by about
     * 6,000 calls and the methods that call them by about 10,000.
     */
    private static final int WARM_UP_CALLS = 20_000;

    private static final VectorBatchNormKernels VECTOR = new VectorBatchNormKernels();
    private static final CountDownLatch WARM = new CountDownLatch(1);

    static {
        Thread thread = new Thread(WarmVectorKernels::warmUp, "bnkit-vector-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private final ScalarBatchNormKernels scalar;

    WarmVectorKernels(int width) {
        this.scalar = new ScalarBatchNormKernels(width);
    }

    private static void warmUp() {
        // BatchNorm's loops on batches of 9, 8 and 60 rows (blocks of eight rows, or of four in the
        // element-wise loops on rows of more than 128 columns, and one left; none left; the batch
        // of 60) of 141, 136 and 16 columns (17 registers of 8 and a tail of 5; no tail;
        // two registers), on arrays of exactly the batch's size, every argument its own array, as
        // BatchNormLoops calls them: trained on one shape only, the JIT compiled them again, slowly,
        // on the first batch of another;
        // products of 4, 5, 12 and 13 rows: blocks of 12 rows (6-row tiles) and 4, and a single row; of 27, 41, 69 and 100 columns:
        // tiles of 3, 1 and 4 registers with the last overlapping register apart or in a tile of 5,
        // and the sparse product's 12 registers and the last (the widths of the kit's networks); the
        // column sums of the same shapes
        final int[][] shapes = {{9, 141}, {8, 136}, {9, 16}, {8, 141}, {9, 136}, {8, 16}, {60, 141}, {60, 16}};
        final WarmUpBatch[] batches = new WarmUpBatch[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            batches[i] = new WarmUpBatch(shapes[i][0], shapes[i][1]);
        }
        final VectorDenseKernels dense = new VectorDenseKernels();
        final int inner = 7;
        final int[] widths = {27, 41, 69, 100};
        final int[] start = {0, 2, 3, 5, 5}, end = {2, 3, 5, 5, 7}, index = {0, 3, 6, 1, 4, 2, 5};
        final WarmUpBatch products = batches[6];
        for (int call = 0; call < WARM_UP_CALLS; call++) {
            // the batches of 60 rows one call in eight each: they cost the most while the loops are not compiled
            final WarmUpBatch bn = batches[call % 8 < 6 ? call % 6 : 6 + (call / 8) % 2];
            final int n = bn.n, w = bn.w;
            VECTOR.shiftedSums(bn.x, n, w, bn.center, bn.s, bn.t);
            VECTOR.affine(bn.x, bn.out, n, w, bn.center, bn.scale, bn.offset);
            VECTOR.gradientSums(bn.g, bn.x, n, w, bn.center, bn.s, bn.t);
            VECTOR.inputGradient(bn.g, bn.x, bn.out, n, w, bn.center, bn.a, bn.b, bn.scale);
            final int rows = 4 + call % 2, cols = widths[(call / 4) % widths.length], denseRows = call % 4 < 2 ? rows : 8 + rows;
            dense.multiplyAdd(products.x, denseRows, inner, products.g, cols, products.out);
            dense.transposedMultiplyAdd(products.x, denseRows, inner, products.g, cols, products.out);
            dense.multiplyAddTransposed(products.x, denseRows, inner, products.g, cols, products.out);
            dense.sparseMultiplyAdd(start, end, index, products.x, rows, products.g, cols, products.out);
            dense.columnSums(products.x, denseRows, cols, products.out);
            dense.sigmoid(products.x, products.out, products.w);
            dense.exp(products.center, products.out, products.w);
            VectorDenseKernels.descend(products.out, products.g, products.w, 1e-9);
            if (call % 1000 == 999) {
                for (WarmUpBatch each : batches) {
                    each.clear();
                }
            }
        }
        WARM.countDown();
    }

    /** The arrays of one warm-up batch of n rows and w columns. */
    private static final class WarmUpBatch {
        final int n, w;
        final double[] x, g, out, center, scale, offset, a, b, s, t;

        WarmUpBatch(int n, int w) {
            this.n = n;
            this.w = w;
            x = new double[n * w];
            g = new double[n * w];
            out = new double[n * w];
            for (int i = 0; i < n * w; i++) {
                x[i] = Math.sin(i);
                g[i] = Math.cos(i);
            }
            center = new double[w];
            scale = new double[w];
            offset = new double[w];
            a = new double[w];
            b = new double[w];
            s = new double[w];
            t = new double[w];
            for (int k = 0; k < w; k++) {
                center[k] = 0.1 * Math.sin(k);
                scale[k] = 1 + 0.1 * Math.cos(k);
                offset[k] = 0.2 * Math.cos(k);
                a[k] = 1 - 0.1 * Math.sin(k);
                b[k] = 0.1 * Math.cos(3 * k);
            }
        }

        /** Zeroes the sums and the output, which the loops keep adding to. */
        void clear() {
            Arrays.fill(s, 0.0);
            Arrays.fill(t, 0.0);
            Arrays.fill(out, 0.0);
        }
    }

    /** Whether the warm-up is done. */
    static boolean warm() {
        return WARM.getCount() == 0;
    }

    /** Waits up to {@code timeout} for the warm-up; returns whether it is done. */
    static boolean awaitWarm(long timeout, TimeUnit unit) throws InterruptedException {
        return WARM.await(timeout, unit);
    }

    private BatchNormKernels current() {
        return WARM.getCount() == 0 ? VECTOR : scalar;
    }

    @Override
    public void shiftedSums(double[] x, int n, int w, double[] shift, double[] s1, double[] s2) {
        current().shiftedSums(x, n, w, shift, s1, s2);
    }

    @Override
    public void affine(double[] x, double[] y, int n, int w, double[] center, double[] scale, double[] offset) {
        current().affine(x, y, n, w, center, scale, offset);
    }

    @Override
    public void gradientSums(double[] g, double[] x, int n, int w, double[] mu, double[] sumG, double[] sumGX) {
        current().gradientSums(g, x, n, w, mu, sumG, sumGX);
    }

    @Override
    public void inputGradient(double[] g, double[] x, double[] dx, int n, int w, double[] mu, double[] a, double[] b, double[] c) {
        current().inputGradient(g, x, dx, n, w, mu, a, b, c);
    }

    @Override
    public String description() {
        return WARM.getCount() == 0 ? VECTOR.description() : scalar.description() + " until the Vector API is warm";
    }
}
