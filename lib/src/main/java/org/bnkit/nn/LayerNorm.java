package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Layer Normalization, Ba, Kiros &amp; Hinton (2016), section 3: the statistics are computed over
 * the H units of one example instead of over the examples of a mini-batch, so the layer computes
 * the same function in training and at inference and works with a batch of one.
 *
 * <p>For each example (row) x of the layer's summed inputs, with H units (section 3, eq. 4):
 * <pre>
 *   mu     = 1/H sum_j x_j
 *   sigma2 = 1/H sum_j (x_j - mu)^2
 *   xHat_j = (x_j - mu) / sqrt(sigma2 + eps)
 *   y_j    = gamma_j xHat_j + beta_j          (the adaptive gain and bias, one per unit)
 * </pre>
 * The backward rule is BN's compact form with the roles of rows and columns exchanged
 * (g_j = gamma_j dL/dy_j):
 * <pre>
 *   dL/dgamma_j = sum_n dL/dy_nj xHat_nj      dL/dbeta_j = sum_n dL/dy_nj
 *   dL/dx_j     = 1/sqrt(sigma2 + eps) (g_j - 1/H sum_k g_k - xHat_j 1/H sum_k g_k xHat_k)
 * </pre>
 * The paper writes no eps; 1e-5 (PyTorch's default) keeps a constant row finite.
 *
 * <p>Shapes: {@code x, y: (N, H)}; {@code gamma, beta: (1, H)}. The mode is ignored.
 */
public final class LayerNorm extends Normalization {

    private DMatrixRMaj x;
    private DMatrixRMaj xHat;
    private double[] invStd;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;
    private final double[] g = new double[features()];

    /**
     * @param name  a readable name, e.g. {@code "ln1"}
     * @param units H, the number of units normalized together (at least 2)
     * @param eps   the constant added to sigma2, finite and >= 0
     */
    public LayerNorm(String name, int units, double eps) {
        super(name, checkedUnits(name, units), checkedEps("LayerNorm '" + name + "'", eps));
    }

    private static int checkedUnits(String name, int units) {
        if (units < 2) {
            throw new IllegalArgumentException("LayerNorm '" + name + "': needs at least 2 units to normalize over, got " + units
                    + "; with one unit xHat would be 0 for every input");
        }
        return units;
    }

    /** Layer normalization over {@code units} units with eps 1e-5. */
    public LayerNorm(String name, int units) {
        this(name, units, DEFAULT_EPS);
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        Shapes.requireColumns(label(), "input", x, features(), "Build LayerNorm with as many units as the previous layer has outputs.");
        requireAffineShape();
        final int n = x.numRows, h = features();
        this.x = x;
        y = Shapes.reuse(y, n, h);
        xHat = Shapes.reuse(xHat, n, h);
        if (invStd == null || invStd.length != n) {
            invStd = new double[n];
        }
        final double[] xs = x.data, xh = xHat.data, ys = y.data, gam = gamma().value().data, bet = beta().value().data;
        for (int r = 0; r < n; r++) {
            final int off = r * h;
            // mu = 1/H sum_j x_j
            double mu = 0;
            for (int j = 0; j < h; j++) {
                mu += xs[off + j];
            }
            mu /= h;
            // sigma2 = 1/H sum_j (x_j - mu)^2
            double sigma2 = 0;
            for (int j = 0; j < h; j++) {
                final double d = xs[off + j] - mu;
                sigma2 += d * d;
            }
            sigma2 /= h;
            requireNonZeroSpread(sigma2 + eps(), r, "example", "over its units");
            final double is = 1.0 / Math.sqrt(sigma2 + eps());
            invStd[r] = is;
            // xHat_j = (x_j - mu) / sqrt(sigma2 + eps);  y_j = gamma_j xHat_j + beta_j
            for (int j = 0; j < h; j++) {
                final double v = (xs[off + j] - mu) * is;
                xh[off + j] = v;
                ys[off + j] = gam[j] * v + bet[j];
            }
        }
        return y;
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireGradientOf(label(), x, dY);
        final int n = x.numRows, h = features();
        dX = Shapes.reuse(dX, n, h);
        final double[] dy = dY.data, xh = xHat.data, dx = dX.data, gam = gamma().value().data;
        final double[] dGamma = gamma().grad().data, dBeta = beta().grad().data, gr = g;
        for (int r = 0; r < n; r++) {
            final int off = r * h;
            double meanG = 0, meanGX = 0;
            for (int j = 0; j < h; j++) {
                // dL/dgamma_j += dL/dy_j xHat_j;  dL/dbeta_j += dL/dy_j
                dGamma[j] += dy[off + j] * xh[off + j];
                dBeta[j] += dy[off + j];
                // g_j = gamma_j dL/dy_j
                gr[j] = gam[j] * dy[off + j];
                meanG += gr[j];
                meanGX += gr[j] * xh[off + j];
            }
            meanG /= h;
            meanGX /= h;
            // dL/dx_j = invStd (g_j - mean_k g_k - xHat_j mean_k g_k xHat_k)
            final double is = invStd[r];
            for (int j = 0; j < h; j++) {
                dx[off + j] = is * (gr[j] - meanG - xh[off + j] * meanGX);
            }
        }
        return dX;
    }

    /** H. */
    public int units() {
        return features();
    }

    @Override
    String label() {
        return "LayerNorm '" + name() + "' (" + features() + " units)";
    }
}
