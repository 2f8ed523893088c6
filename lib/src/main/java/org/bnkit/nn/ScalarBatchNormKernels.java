package org.bnkit.nn;

/**
 * {@link BatchNormKernels} in plain Java, for any JVM.
 *
 * <p>HotSpot's C2 compiler turns a loop into SIMD instructions only when every array in it is
 * indexed by the loop variable alone, so each row of the batch is first copied into a scratch row
 * (a fast intrinsic copy within the L1 cache), the arithmetic runs on the scratch row and the
 * per-column arrays, and results are copied back. A loop that read {@code x[offset + k]} next to
 * {@code mu[k]} directly measured two to three times slower on the CI machine.
 */
final class ScalarBatchNormKernels implements BatchNormKernels {
    private final double[] rowA;
    private final double[] rowB;

    ScalarBatchNormKernels(int width) {
        this.rowA = new double[width];
        this.rowB = new double[width];
    }

    @Override
    public void shiftedSums(double[] x, int n, int w, double[] shift, double[] s1, double[] s2) {
        final double[] t = rowA;
        for (int r = 0; r < n; r++) {
            System.arraycopy(x, r * w, t, 0, w);
            for (int k = 0; k < w; k++) {
                final double d = t[k] - shift[k];
                s1[k] += d;
                s2[k] += d * d;
            }
        }
    }

    @Override
    public void affine(double[] x, double[] y, int n, int w, double[] center, double[] scale, double[] offset) {
        final double[] t = rowA;
        for (int r = 0; r < n; r++) {
            System.arraycopy(x, r * w, t, 0, w);
            for (int k = 0; k < w; k++) {
                t[k] = (t[k] - center[k]) * scale[k] + offset[k];
            }
            System.arraycopy(t, 0, y, r * w, w);
        }
    }

    @Override
    public void gradientSums(double[] g, double[] x, int n, int w, double[] mu, double[] sumG, double[] sumGX) {
        final double[] tg = rowA, tx = rowB;
        for (int r = 0; r < n; r++) {
            System.arraycopy(g, r * w, tg, 0, w);
            System.arraycopy(x, r * w, tx, 0, w);
            for (int k = 0; k < w; k++) {
                sumG[k] += tg[k];
                sumGX[k] += tg[k] * (tx[k] - mu[k]);
            }
        }
    }

    @Override
    public void inputGradient(double[] g, double[] x, double[] dx, int n, int w, double[] mu, double[] a, double[] b, double[] c) {
        final double[] tg = rowA, tx = rowB;
        for (int r = 0; r < n; r++) {
            System.arraycopy(g, r * w, tg, 0, w);
            System.arraycopy(x, r * w, tx, 0, w);
            for (int k = 0; k < w; k++) {
                tg[k] = a[k] * tg[k] + b[k] * (tx[k] - mu[k]) + c[k];
            }
            System.arraycopy(tg, 0, dx, r * w, w);
        }
    }

    @Override
    public String description() {
        return "plain Java loops";
    }
}
