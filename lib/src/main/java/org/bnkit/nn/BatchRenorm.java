package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * Batch Renormalization, Ioffe (2017), Algorithm 1: batch normalization corrected towards the
 * moving averages, so that training and inference compute the same function of each example.
 *
 * <p><b>Training</b>, per feature over the mini-batch B = {x_1..x_m}, with moving averages mu and
 * sigma and the current limits rMax, dMax of the {@link Schedule}:
 * <pre>
 *   mu_B    = 1/m sum_i x_i
 *   sigma_B = sqrt(eps + 1/m sum_i (x_i - mu_B)^2)
 *   r       = stop_gradient(clip(sigma_B / sigma, 1/rMax, rMax))
 *   d       = stop_gradient(clip((mu_B - mu) / sigma, -dMax, dMax))
 *   xHat_i  = (x_i - mu_B) / sigma_B * r + d
 *   y_i     = gamma xHat_i + beta
 *   mu     += alpha (mu_B - mu)          sigma += alpha (sigma_B - sigma)
 * </pre>
 * When r and d are not clipped, xHat_i = (x_i - mu) / sigma: the inference-time normalization.
 * With rMax = 1 and dMax = 0 the layer is batch normalization (Algorithm 1 of Ioffe &amp; Szegedy).
 *
 * <p><b>Backward</b>: r and d are constants (stop_gradient), so with z_i = (x_i - mu_B) / sigma_B
 * and g_i = dL/dy_i:
 * <pre>
 *   dL/dgamma = sum_i g_i xHat_i      dL/dbeta = sum_i g_i
 *   dL/dx_i   = gamma r / (m sigma_B) (m g_i - sum_j g_j - z_i sum_j g_j z_j)
 * </pre>
 * which is r times batch normalization's gradient.
 *
 * <p><b>Inference</b>: {@code y = gamma (x - mu) / sigma + beta}.
 *
 * <p>Every training-mode forward pass is one training step: it advances the schedule and updates
 * the moving averages. The averages start at mu = 0, sigma = 1. While the layer is
 * {@linkplain #hold() held}, training-mode passes use the moving averages and the limits of the
 * last step and change neither.
 *
 * <p>Shapes: {@code x, y: (N, D)}; {@code gamma, beta: (1, D)}.
 */
public final class BatchRenorm extends Normalization implements StatefulLayer {

    /** The update rate of the moving averages in the paper's experiments (section 4). */
    public static final double PAPER_UPDATE_RATE = 0.01;

    /** The clipping limits in force at one training step. */
    public record Limits(double rMax, double dMax) {
    }

    /**
     * How the limits on r and d relax over training. The paper keeps rMax = 1, dMax = 0 (plain
     * batch normalization) for the first steps, then "gradually relaxes" them.
     */
    @FunctionalInterface
    public interface Schedule {

        /** The limits at training step {@code step} (counted from 1). */
        Limits at(long step);

        /** The same limits at every step. */
        static Schedule constant(double rMax, double dMax) {
            Limits limits = checked(rMax, dMax);
            return step -> limits;
        }

        /**
         * rMax = 1 and dMax = 0 up to step {@code warmup}; then rMax rises linearly to {@code rMax}
         * at step {@code rMaxStep} and dMax to {@code dMax} at step {@code dMaxStep}, and both stay.
         * The paper's setting is {@code linear(5000, 3, 40_000, 5, 25_000)} (section 4); it says
         * "gradually relaxed" without a shape, and a linear ramp is the simplest reading.
         */
        static Schedule linear(long warmup, double rMax, long rMaxStep, double dMax, long dMaxStep) {
            checked(rMax, dMax);
            if (warmup < 0 || rMaxStep <= warmup || dMaxStep <= warmup) {
                throw new IllegalArgumentException("BatchRenorm.Schedule.linear: need 0 <= warmup < rMaxStep and warmup < dMaxStep, got warmup "
                        + warmup + ", rMaxStep " + rMaxStep + ", dMaxStep " + dMaxStep);
            }
            return step -> {
                double fr = Math.min(1.0, Math.max(0.0, (double) (step - warmup) / (rMaxStep - warmup)));
                double fd = Math.min(1.0, Math.max(0.0, (double) (step - warmup) / (dMaxStep - warmup)));
                return new Limits(1.0 + fr * (rMax - 1.0), fd * dMax);
            };
        }

        private static Limits checked(double rMax, double dMax) {
            if (!(rMax >= 1) || Double.isInfinite(rMax) || !(dMax >= 0) || Double.isInfinite(dMax)) {
                throw new IllegalArgumentException("BatchRenorm.Schedule: need finite rMax >= 1 and dMax >= 0, got rMax "
                        + rMax + ", dMax " + dMax + " (rMax = 1, dMax = 0 is plain batch normalization)");
            }
            return new Limits(rMax, dMax);
        }
    }

    private final double alpha;
    private final Schedule schedule;
    private final Holds holds = new Holds(this);

    private final double[] movingMean = new double[features()];
    private final double[] movingStd = new double[features()];
    private long steps;

    // one entry per feature, each array in one role
    private final double[] muB = new double[features()];
    private final double[] sigmaB = new double[features()];
    private final double[] r = new double[features()];
    private final double[] d = new double[features()];
    private final double[] scale = new double[features()];    // y = x scale + shift
    private final double[] shift = new double[features()];
    private final double[] sumG = new double[features()];
    private final double[] sumGZ = new double[features()];
    private Mode lastMode;

    private DMatrixRMaj x;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    private BatchRenorm(Builder b) {
        super(b.name, b.features, b.eps);
        this.alpha = b.alpha;
        this.schedule = b.schedule;
        Arrays.fill(movingStd, 1.0);
    }

    /** A builder for a layer over {@code features} features. */
    public static Builder builder(int features) {
        return new Builder(features);
    }

    /**
     * Settings of a {@link BatchRenorm} layer. Defaults: eps 1e-5, update rate alpha = 0.01 (the
     * paper's), and the paper's schedule {@code Schedule.linear(5000, 3, 40_000, 5, 25_000)}.
     */
    public static final class Builder {
        private final int features;
        private String name = "brn";
        private double eps = DEFAULT_EPS;
        private double alpha = PAPER_UPDATE_RATE;
        private Schedule schedule = Schedule.linear(5000, 3, 40_000, 5, 25_000);

        private Builder(int features) {
            this.features = Shapes.checkedFeatures("BatchRenorm", features);
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The constant inside sigma_B = sqrt(eps + sigma2_B). */
        public Builder eps(double eps) {
            this.eps = checkedEps("BatchRenorm", eps);
            return this;
        }

        /**
         * The update rate alpha of the moving averages, in [0, 1]: mu += alpha (mu_B - mu). With 0
         * the moving averages stay where {@link #setMovingAverages} put them.
         */
        public Builder updateRate(double alpha) {
            if (!(alpha >= 0 && alpha <= 1)) {
                throw new IllegalArgumentException("BatchRenorm: the update rate alpha must be in [0, 1], got " + alpha
                        + " (the paper uses 0.01)");
            }
            this.alpha = alpha;
            return this;
        }

        /** How rMax and dMax relax with the training step. */
        public Builder schedule(Schedule schedule) {
            if (schedule == null) {
                throw new IllegalArgumentException("BatchRenorm: the schedule is null; use Schedule.constant(rMax, dMax) or Schedule.linear(...)");
            }
            this.schedule = schedule;
            return this;
        }

        public BatchRenorm build() {
            return new BatchRenorm(this);
        }
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        Shapes.requireColumns(label(), "input", x, features(), "Build BatchRenorm with as many features as the previous layer has outputs.");
        requireAffineShape();
        final int n = x.numRows, w = features();
        if (mode == Mode.TRAIN) {
            requireTwoValues(n, n, "the moving averages");
            trainingStatistics(x);
        } else {
            // y = gamma (x - mu) / sigma + beta
            final double[] gam = gamma().value().data, bet = beta().value().data;
            for (int j = 0; j < w; j++) {
                scale[j] = gam[j] / movingStd[j];
                shift[j] = bet[j] - movingMean[j] * scale[j];
            }
        }
        this.x = x;
        this.lastMode = mode;
        y = Shapes.reuse(y, n, w);
        final double[] xs = x.data, ys = y.data;
        for (int row = 0; row < n; row++) {
            final int off = row * w;
            for (int j = 0; j < w; j++) {
                ys[off + j] = xs[off + j] * scale[j] + shift[j];
            }
        }
        return y;
    }

    /**
     * mu_B, sigma_B, r and d of a training batch; the per-feature affine map
     * y = x scale + shift that the forward pass applies; then the moving-average update.
     */
    private void trainingStatistics(DMatrixRMaj x) {
        final int n = x.numRows, w = features();
        final double[] xs = x.data;
        Arrays.fill(muB, 0.0);
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < w; j++) {
                muB[j] += xs[row * w + j];
            }
        }
        for (int j = 0; j < w; j++) {
            muB[j] /= n;
        }
        Arrays.fill(sigmaB, 0.0);
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < w; j++) {
                final double dv = xs[row * w + j] - muB[j];
                sigmaB[j] += dv * dv;
            }
        }
        final boolean held = holds.any();
        if (!held) {
            steps++;
        }
        final Limits limits = schedule.at(Math.max(1, steps));
        final double rMax = limits.rMax(), dMax = limits.dMax();
        final double[] gam = gamma().value().data, bet = beta().value().data;
        for (int j = 0; j < w; j++) {
            requireNonZeroSpread(eps() + sigmaB[j] / n, j, "feature", "in this batch");
            // sigma_B = sqrt(eps + 1/m sum_i (x_i - mu_B)^2)
            sigmaB[j] = Math.sqrt(eps() + sigmaB[j] / n);
            // r = clip(sigma_B / sigma, 1/rMax, rMax);  d = clip((mu_B - mu) / sigma, -dMax, dMax)
            r[j] = Math.min(rMax, Math.max(1.0 / rMax, sigmaB[j] / movingStd[j]));
            d[j] = Math.min(dMax, Math.max(-dMax, (muB[j] - movingMean[j]) / movingStd[j]));
            // y = gamma ((x - mu_B) / sigma_B r + d) + beta = x scale + shift
            scale[j] = gam[j] * r[j] / sigmaB[j];
            shift[j] = gam[j] * d[j] + bet[j] - muB[j] * scale[j];
            if (!held) {
                // mu += alpha (mu_B - mu);  sigma += alpha (sigma_B - sigma)
                movingMean[j] += alpha * (muB[j] - movingMean[j]);
                movingStd[j] += alpha * (sigmaB[j] - movingStd[j]);
            }
        }
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireGradientOf(label(), x, dY);
        final int n = x.numRows, w = features();
        dX = Shapes.reuse(dX, n, w);
        final double[] xs = x.data, g = dY.data, dx = dX.data;
        final double[] gam = gamma().value().data, dGamma = gamma().grad().data, dBeta = beta().grad().data;
        if (lastMode == Mode.EVAL) {
            // dL/dgamma = sum_i g_i (x_i - mu) / sigma;  dL/dx_i = gamma / sigma g_i
            for (int row = 0; row < n; row++) {
                for (int j = 0; j < w; j++) {
                    final int k = row * w + j;
                    dGamma[j] += g[k] * (xs[k] - movingMean[j]) / movingStd[j];
                    dBeta[j] += g[k];
                    dx[k] = g[k] * scale[j];
                }
            }
            return dX;
        }
        // sum_j g_j and sum_j g_j z_j with z_j = (x_j - mu_B) / sigma_B
        Arrays.fill(sumG, 0.0);
        Arrays.fill(sumGZ, 0.0);
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < w; j++) {
                final int k = row * w + j;
                sumG[j] += g[k];
                sumGZ[j] += g[k] * (xs[k] - muB[j]) / sigmaB[j];
            }
        }
        for (int j = 0; j < w; j++) {
            // xHat = z r + d, so dL/dgamma = r sum g z + d sum g
            dGamma[j] += r[j] * sumGZ[j] + d[j] * sumG[j];
            dBeta[j] += sumG[j];
        }
        // dL/dx_i = gamma r / sigma_B (g_i - 1/m sum_j g_j - z_i 1/m sum_j g_j z_j)
        for (int row = 0; row < n; row++) {
            for (int j = 0; j < w; j++) {
                final int k = row * w + j;
                final double z = (xs[k] - muB[j]) / sigmaB[j];
                dx[k] = gam[j] * r[j] / sigmaB[j] * (g[k] - sumG[j] / n - z * sumGZ[j] / n);
            }
        }
        return dX;
    }

    /**
     * Sets the moving averages mu and sigma (used by inference and by the next training step's r
     * and d).
     *
     * @param mean  mu, one entry per feature. Not modified.
     * @param sigma sigma, one entry per feature, each > 0. Not modified.
     */
    public void setMovingAverages(double[] mean, double[] sigma) {
        if (mean.length != features() || sigma.length != features()) {
            throw new IllegalArgumentException(label() + ": moving averages need " + features() + " entries, got mean "
                    + mean.length + " and sigma " + sigma.length);
        }
        for (int j = 0; j < features(); j++) {
            if (!Double.isFinite(mean[j]) || !(sigma[j] > 0) || Double.isInfinite(sigma[j])) {
                throw new IllegalArgumentException(label() + ": moving average " + j + " is invalid (mean " + mean[j]
                        + ", sigma " + sigma[j] + "); sigma must be finite and > 0");
            }
        }
        System.arraycopy(mean, 0, movingMean, 0, features());
        System.arraycopy(sigma, 0, movingStd, 0, features());
    }

    /** The moving mean mu (a copy). */
    public double[] movingMean() {
        return movingMean.clone();
    }

    /** The moving standard deviation sigma (a copy). */
    public double[] movingStd() {
        return movingStd.clone();
    }

    /** r of the last training-mode forward pass, one per feature (a copy). */
    public double[] lastR() {
        return r.clone();
    }

    /** d of the last training-mode forward pass, one per feature (a copy). */
    public double[] lastD() {
        return d.clone();
    }

    /** The number of training-mode forward passes (training steps) so far. */
    public long steps() {
        return steps;
    }

    /** The limits on r and d at the last training step (those of step 1 before any). */
    public Limits limits() {
        return schedule.at(Math.max(1, steps));
    }

    /** The update rate alpha of the moving averages. */
    public double updateRate() {
        return alpha;
    }

    /** Holds the moving averages and the step count still; closing the hold puts them back. */
    @Override
    public Hold hold() {
        final Runnable averages = Holds.contents(movingMean, movingStd);
        final long savedSteps = steps;
        return holds.open(() -> {
            averages.run();
            steps = savedSteps;
        });
    }

    @Override
    String label() {
        return "BatchRenorm '" + name() + "' (" + features() + " features)";
    }
}
