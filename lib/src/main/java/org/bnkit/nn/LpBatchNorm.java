package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * Batch normalization by an l_p norm instead of the standard deviation, the variant of Santurkar
 * et al. (2018), section 3.3 ("Is BatchNorm the best (only?) way to smoothen the landscape?"),
 * which fixes the first moment of each activation, as BN does, but divides by the average l_p
 * norm of the activations taken before the mean is subtracted, for p = 1, 2 and infinity.
 *
 * <p><b>Training mode</b>, for each feature over the mini-batch B = {x_1..x_m}:
 * <pre>
 *   mu     = 1/m sum_i x_i
 *   s_p    = (1/m sum_i |x_i|^p)^(1/p)          (p finite: the power mean of |x|)
 *   s_inf  = max_i |x_i|
 *   xHat_i = (x_i - mu) / (s_p + eps)
 *   y_i    = gamma xHat_i + beta
 * </pre>
 * The paper gives the rule in words only; this is the kit's reading, with the norm averaged as a
 * power mean so that it has the units of x. Because the norm is of x before centering, even p = 2
 * differs from BN: s_2 = sqrt(sigma^2 + mu^2). Only the mean of xHat is fixed (0); its variance
 * and shape are not.
 *
 * <p><b>Backward</b>, with g_i = dL/dxHat_i = gamma dL/dy_i and S = s_p + eps:
 * <pre>
 *   dL/dgamma = sum_i dL/dy_i xHat_i            dL/dbeta = sum_i dL/dy_i
 *   dL/dx_k   = (g_k - 1/m sum_i g_i) / S  -  (sum_i g_i xHat_i) / S * ds/dx_k
 *   ds_p/dx_k = (|x_k| / s_p)^(p-1) sign(x_k) / m      (p = 1: sign(x_k) / m;  p = 2: x_k / (m s_2))
 *   ds_inf/dx_k = sign(x_k) if k = argmax_i |x_i|, else 0
 * </pre>
 *
 * <p><b>Evaluation mode</b>: {@code y = gamma (x - E[mu]) / (E[s_p] + eps) + beta}, with running
 * averages of the batch values of mu and s_p ({@link RunningAverage}, default
 * {@code onNewBatch(0.1)}), as {@link BatchNorm} keeps its own.
 *
 * <p>Shapes: {@code x, y: (N, D)}; {@code gamma, beta: (1, D)}.
 */
public final class LpBatchNorm extends Normalization implements StatefulLayer {

    private final double p;
    private final RunningAverage runningAverage;
    private final Holds holds = new Holds(this);

    // one entry per feature, each array in one role
    private final double[] mu = new double[features()];
    private final double[] s = new double[features()];            // s_p (or s_inf)
    private final double[] invS = new double[features()];         // 1 / (s_p + eps)
    private final int[] argMax = new int[features()];             // for p = infinity: the row of the largest |x|
    private final double[] sumDy = new double[features()];
    private final double[] sumDyXHat = new double[features()];
    private final double[] meanG = new double[features()];
    private final double[] coefficient = new double[features()];
    private final double[] populationMean = new double[features()];
    private final double[] populationNorm = new double[features()];
    private long batchesSeen;

    private DMatrixRMaj x;
    private Mode lastMode;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    private LpBatchNorm(Builder b) {
        super(b.name, b.width, b.eps);
        this.p = b.p;
        this.runningAverage = b.runningAverage;
    }

    /** Normalization of {@code width} features by the l_p norm; p &gt;= 1, or infinity. */
    public static Builder builder(int width, double p) {
        return new Builder(width, p);
    }

    /** l_1: divide by the mean absolute value. */
    public static LpBatchNorm l1(String name, int width) {
        return builder(width, 1).name(name).build();
    }

    /** l_2: divide by the root mean square (of x, not of x - mu). */
    public static LpBatchNorm l2(String name, int width) {
        return builder(width, 2).name(name).build();
    }

    /** l_infinity: divide by the largest absolute value in the batch. */
    public static LpBatchNorm lInfinity(String name, int width) {
        return builder(width, Double.POSITIVE_INFINITY).name(name).build();
    }

    /** Settings of an {@link LpBatchNorm}. Defaults: eps 1e-5, running average onNewBatch(0.1). */
    public static final class Builder {
        private final int width;
        private final double p;
        private String name;
        private double eps = DEFAULT_EPS;
        private RunningAverage runningAverage = RunningAverage.onNewBatch(0.1);

        private Builder(int width, double p) {
            Shapes.checkedFeatures("LpBatchNorm", width);
            if (!(p >= 1)) {
                throw new IllegalArgumentException("LpBatchNorm: p must be >= 1 or Double.POSITIVE_INFINITY, got " + p
                        + " (for p < 1 the l_p 'norm' is not a norm)");
            }
            this.width = width;
            this.p = p;
            this.name = "lpnorm";
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Added to s_p, so in the units of x; default {@link Normalization#DEFAULT_EPS}. */
        public Builder eps(double eps) {
            this.eps = checkedEps("LpBatchNorm", eps);
            return this;
        }

        public Builder runningAverage(RunningAverage runningAverage) {
            this.runningAverage = runningAverage;
            return this;
        }

        public LpBatchNorm build() {
            return new LpBatchNorm(this);
        }
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        Shapes.requireColumns(label(), "input", x, features(), "The layer normalizes as many features as the previous layer has outputs.");
        requireAffineShape();
        final int n = x.numRows, w = features();
        if (mode == Mode.TRAIN) {
            requireTwoValues(n, n, "the running averages");
            batchStatistics(x);
            if (!holds.any() && runningAverage.tracks()) {
                runningAverage.update(populationMean, mu, 1.0, batchesSeen);
                runningAverage.update(populationNorm, s, 1.0, batchesSeen);
                batchesSeen++;
            }
        } else {
            if (batchesSeen == 0) {
                throw new IllegalStateException(label() + ": evaluation mode needs the running averages of mu and s_p, "
                        + "and no training-mode batch has been seen yet (or the running average is off). Train first.");
            }
            System.arraycopy(populationMean, 0, mu, 0, w);
            System.arraycopy(populationNorm, 0, s, 0, w);
        }
        for (int j = 0; j < w; j++) {
            requireNonZeroSpread(s[j] + eps(), j, "feature", mode == Mode.TRAIN ? "at 0 in this batch" : "at 0 in the running averages");
            invS[j] = 1.0 / (s[j] + eps());
        }
        this.x = x;
        this.lastMode = mode;
        y = Shapes.reuse(y, n, w);
        // y = gamma (x - mu) / (s_p + eps) + beta
        final double[] xs = x.data, ys = y.data, g = gamma().value().data, bt = beta().value().data;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                ys[r * w + j] = g[j] * (xs[r * w + j] - mu[j]) * invS[j] + bt[j];
            }
        }
        return y;
    }

    /** mu and s_p of a training batch (and, for p = infinity, the row of the largest |x|). */
    private void batchStatistics(DMatrixRMaj x) {
        final int n = x.numRows, w = features();
        final double[] xs = x.data;
        Arrays.fill(mu, 0.0);
        Arrays.fill(s, 0.0);
        Arrays.fill(argMax, 0);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                final double v = xs[r * w + j], abs = Math.abs(v);
                mu[j] += v;
                if (p == Double.POSITIVE_INFINITY) {
                    if (abs > s[j]) {
                        s[j] = abs;
                        argMax[j] = r;
                    }
                } else if (p == 1) {
                    s[j] += abs;
                } else if (p == 2) {
                    s[j] += v * v;
                } else {
                    s[j] += Math.pow(abs, p);
                }
            }
        }
        for (int j = 0; j < w; j++) {
            mu[j] /= n;
            if (p == 1) {
                s[j] /= n;
            } else if (p == 2) {
                s[j] = Math.sqrt(s[j] / n);
            } else if (p != Double.POSITIVE_INFINITY) {
                s[j] = Math.pow(s[j] / n, 1.0 / p);
            }
        }
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireGradientOf(label(), x, dY);
        final int n = x.numRows, w = features();
        final double[] xs = x.data, dy = dY.data, gam = gamma().value().data;
        final double[] dGamma = gamma().grad().data, dBeta = beta().grad().data;
        // sum_i dL/dy_i and sum_i dL/dy_i xHat_i, per feature
        Arrays.fill(sumDy, 0.0);
        Arrays.fill(sumDyXHat, 0.0);
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                final double d = dy[r * w + j];
                sumDy[j] += d;
                sumDyXHat[j] += d * (xs[r * w + j] - mu[j]) * invS[j];
            }
        }
        for (int j = 0; j < w; j++) {
            dBeta[j] += sumDy[j];
            dGamma[j] += sumDyXHat[j];
        }
        dX = Shapes.reuse(dX, n, w);
        final double[] dx = dX.data;
        if (lastMode == Mode.EVAL) {
            // mu and s_p are constants: dL/dx_k = gamma g_k / S
            for (int r = 0; r < n; r++) {
                for (int j = 0; j < w; j++) {
                    dx[r * w + j] = gam[j] * invS[j] * dy[r * w + j];
                }
            }
            return dX;
        }
        // with g = gamma dY: dL/dx_k = (g_k - mean(g)) / S - (sum_i g_i xHat_i) / S * ds/dx_k
        final double[] c = coefficient;
        for (int j = 0; j < w; j++) {
            meanG[j] = gam[j] * sumDy[j] / n;
            c[j] = gam[j] * sumDyXHat[j] * invS[j];
        }
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < w; j++) {
                final int k = r * w + j;
                dx[k] = (gam[j] * dy[k] - meanG[j]) * invS[j] - c[j] * normDerivative(xs[k], j, r, n);
            }
        }
        return dX;
    }

    /** ds_p/dx for the value v in row r of feature j. */
    private double normDerivative(double v, int j, int r, int n) {
        if (p == Double.POSITIVE_INFINITY) {
            return r == argMax[j] ? Math.signum(v) : 0.0;
        }
        if (s[j] == 0) {
            return 0.0;
        }
        if (p == 1) {
            return Math.signum(v) / n;
        }
        if (p == 2) {
            return v / (n * s[j]);
        }
        return Math.pow(Math.abs(v) / s[j], p - 1) * Math.signum(v) / n;
    }

    /** Holds the running averages still: held training passes fold nothing in; closing puts them back. */
    @Override
    public Hold hold() {
        final Runnable averages = Holds.contents(populationMean, populationNorm);
        final long savedBatches = batchesSeen;
        return holds.open(() -> {
            averages.run();
            batchesSeen = savedBatches;
        });
    }

    /** p (Double.POSITIVE_INFINITY for l_infinity). */
    public double p() {
        return p;
    }

    /** mu of the last forward call (a copy). */
    public double[] lastMean() {
        return mu.clone();
    }

    /** s_p of the last forward call (a copy). */
    public double[] lastNorm() {
        return s.clone();
    }

    /** xHat of the last forward call, (N, D): the normalized input before gamma and beta (a new matrix). */
    public DMatrixRMaj lastXHat() {
        return normalized(x, mu, invS, 1);
    }

    /** The running average of mu (a copy). */
    public double[] populationMean() {
        return populationMean.clone();
    }

    /** The running average of s_p (a copy). */
    public double[] populationNorm() {
        return populationNorm.clone();
    }

    /** The number of features. */
    public int width() {
        return features();
    }

    @Override
    String label() {
        return "LpBatchNorm '" + name() + "' (p = " + (p == Double.POSITIVE_INFINITY ? "infinity" : p) + ", " + features() + " features)";
    }
}
