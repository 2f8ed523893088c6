package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Batch Normalization, Algorithm 1 of Ioffe &amp; Szegedy (2015), with evaluation-mode population
 * statistics (section 3.1, Algorithm 2) and the per-feature-map variant for convolutional
 * activations (section 3.2).
 *
 * <p><b>Training mode</b> (Algorithm 1), for each feature over the mini-batch B = {x_1..x_m}:
 * <pre>
 *   mu_B      = 1/m sum_i x_i                      mini-batch mean
 *   sigma2_B  = 1/m sum_i (x_i - mu_B)^2           mini-batch variance (biased: 1/m)
 *   xHat_i    = (x_i - mu_B) / sqrt(sigma2_B + eps)
 *   y_i       = gamma xHat_i + beta
 * </pre>
 * The backward rule (section 3, in the compact form; g_i = dL/dy_i):
 * <pre>
 *   dL/dgamma = sum_i g_i xHat_i        dL/dbeta = sum_i g_i
 *   dL/dx_i   = gamma / (m sqrt(sigma2_B + eps)) (m g_i - sum_j g_j - xHat_i sum_j g_j xHat_j)
 * </pre>
 *
 * <p><b>Evaluation mode</b>: {@code y = gamma (x - E[x]) / sqrt(Var[x] + eps) + beta} with
 * population statistics, one fixed affine map per feature ({@link PopulationMoments}). They
 * come either from a running average updated by every training-mode forward pass
 * ({@link RunningAverage}; the default is PyTorch's {@code momentum=0.1} on the new batch and the
 * unbiased batch variance, m/(m-1) sigma2_B), or from Algorithm 2
 * ({@link PopulationStatistics#estimate}). This is the layer's one deliberate departure from the
 * paper, which uses only Algorithm 2: frameworks do the running average, and notebook 06 measures
 * both.
 *
 * <p><b>Feature maps</b> (section 3.2): built with {@link Builder#featureMaps(int, int)}, the
 * input {@code (N, C*H*W)} holds C maps of H*W positions per row (NCHW order); each map gets one
 * mean, variance, gamma and beta, computed over the m = N*H*W values of the map in the batch.
 *
 * <p>Shapes: {@code x, y: (N, C*S)} with S = H*W (S = 1 for the per-feature layer);
 * {@code gamma, beta: (1, C)}.
 *
 * <p>Speed: the loops over the batch are behind {@link BatchNormLoops}, on the Vector API when the
 * JVM has it, with the same results to the last bit ({@link Kernels}).
 *
 * <p>Errors, each with a message that says what to do: a training batch with one value per
 * statistic, evaluation mode before any population statistics, a constant feature with eps = 0.
 */
public final class BatchNorm extends Normalization implements StatefulLayer {

    private final int spatial;
    private final int width;
    private final PopulationMoments population;
    private final BatchNormLoops loops;
    private final Holds holds = new Holds(this);

    // one entry per statistic (feature or feature map), each array in one role
    private final double[] mu = new double[features()];         // mu_B, or E[x] in evaluation mode
    private final double[] sigma2 = new double[features()];     // sigma2_B, or Var[x] in evaluation mode
    private final double[] invStd = new double[features()];     // 1 / sqrt(sigma2 + eps)
    private final double[] scale = new double[features()];      // gamma / sqrt(sigma2 + eps)
    private final double[] firstValue = new double[features()]; // K, the shift of the one-pass sums: the batch's first value
    private final double[] sumD = new double[features()];       // sum_i (x_i - K)
    private final double[] sumD2 = new double[features()];      // sum_i (x_i - K)^2
    private final double[] dBetaB = new double[features()];     // sum_i g_i: this batch's dL/dbeta
    private final double[] sumGXc = new double[features()];     // sum_i g_i (x_i - mu_B)
    private final double[] dGammaB = new double[features()];    // sum_i g_i xHat_i: this batch's dL/dgamma
    private final double[] b = new double[features()], c = new double[features()]; // of dL/dx_i = a g_i + b (x_i - mu_B) + c

    private DMatrixRMaj x;
    private Mode lastMode;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    private BatchNorm(Builder builder) {
        super(builder.name, builder.channels, builder.eps);
        final int channels = builder.channels;
        this.spatial = builder.spatial;
        this.width = channels * spatial;
        gamma().setTrainable(builder.learnableAffine);
        beta().setTrainable(builder.learnableAffine);
        this.population = new PopulationMoments(label(), channels, builder.runningAverage, builder.unbiasedRunningVariance);
        this.loops = new BatchNormLoops(channels, spatial);
    }

    /** Per-feature batch normalization of {@code features} inputs with the default settings. */
    public BatchNorm(String name, int features) {
        this(builder(features).name(name));
    }

    /** Per-feature batch normalization named {@code "bn"}. */
    public BatchNorm(int features) {
        this(builder(features));
    }

    /** A builder for a layer normalizing {@code features} features (or, with {@link Builder#featureMaps}, maps). */
    public static Builder builder(int features) {
        return new Builder(features);
    }

    /** Settings of a {@link BatchNorm} layer. Defaults: eps 1e-5, learnable gamma and beta,
     *  {@code RunningAverage.onNewBatch(0.1)} with the unbiased batch variance. */
    public static final class Builder {
        private final int channels;
        private int spatial = 1;
        private String name = "bn";
        private double eps = DEFAULT_EPS;
        private boolean learnableAffine = true;
        private RunningAverage runningAverage = RunningAverage.onNewBatch(0.1);
        private boolean unbiasedRunningVariance = true;

        private Builder(int channels) {
            this.channels = Shapes.checkedFeatures("BatchNorm", channels);
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The constant added to the variance (Algorithm 1); 0 gives exact identities but refuses constant features. */
        public Builder eps(double eps) {
            this.eps = checkedEps("BatchNorm", eps);
            return this;
        }

        /** Whether optimizers update gamma and beta; {@code false} freezes them at 1 and 0. */
        public Builder learnableAffine(boolean learnable) {
            this.learnableAffine = learnable;
            return this;
        }

        /** How training batches update the population statistics. */
        public Builder runningAverage(RunningAverage runningAverage) {
            this.runningAverage = runningAverage;
            return this;
        }

        /** Whether the running variance averages m/(m-1) sigma2_B (PyTorch) or sigma2_B. */
        public Builder unbiasedRunningVariance(boolean unbiased) {
            this.unbiasedRunningVariance = unbiased;
            return this;
        }

        /** Normalizes feature maps (section 3.2): rows hold {@code features} maps of {@code height * width} positions (NCHW). */
        public Builder featureMaps(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("BatchNorm: feature maps must be at least 1x1, got " + height + "x" + width);
            }
            this.spatial = height * width;
            return this;
        }

        public BatchNorm build() {
            return new BatchNorm(this);
        }
    }

    @Override
    public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
        Shapes.requireColumns(label(), "input", x, width, spatial == 1
                ? "Build BatchNorm with as many features as the previous layer has outputs."
                : "Rows must hold " + features() + " feature maps of " + spatial + " positions (NCHW).");
        requireAffineShape();
        final int n = x.numRows;
        if (mode == Mode.TRAIN) {
            miniBatchStatistics(x);
            if (!holds.any()) {
                population.add(mu, sigma2, n * spatial);
            }
        } else {
            population.copyInto(mu, sigma2);
        }
        final double[] gamma = gamma().value().data, beta = beta().value().data;
        for (int j = 0; j < mu.length; j++) {
            requireNonZeroSpread(sigma2[j] + eps(), j, spatial == 1 ? "feature" : "feature map",
                    mode == Mode.TRAIN ? "in this batch" : "in the population statistics");
            invStd[j] = 1.0 / Math.sqrt(sigma2[j] + eps());
            scale[j] = gamma[j] * invStd[j];
        }
        this.x = x;
        this.lastMode = mode;
        y = Shapes.reuse(y, n, width);
        // y_i = gamma xHat_i + beta = (x_i - mu) gamma / sqrt(sigma2 + eps) + beta
        loops.affine(x.data, y.data, n, mu, scale, beta);
        return y;
    }

    /**
     * mu_B and sigma2_B (biased) of a training batch, in one pass over the sums of d = x - K and
     * d^2, with K the batch's first value of each statistic: mu_B = K + sum d / m and
     * sigma2_B = sum d^2 / m - (sum d / m)^2. Any K gives the same result in exact arithmetic, and
     * one taken from the data keeps the rounding error near 1e-16 (mu_B - K)^2 / sigma2_B
     * relative; if K lies more than 100 standard deviations from the mean, sigma2_B is recomputed
     * exactly in a second pass over x - mu_B.
     */
    private void miniBatchStatistics(DMatrixRMaj x) {
        final int n = x.numRows, m = n * spatial;
        requireTwoValues(n, m, "population statistics");
        for (int j = 0; j < mu.length; j++) {
            firstValue[j] = x.data[j * spatial];
        }
        loops.shiftedSums(x.data, n, firstValue, sumD, sumD2);
        boolean exact = true;
        for (int j = 0; j < mu.length; j++) {
            final double meanD = sumD[j] / m;
            mu[j] = firstValue[j] + meanD;
            sigma2[j] = sumD2[j] / m - meanD * meanD;
            exact &= meanD * meanD <= 1e4 * sigma2[j];
        }
        if (!exact) {
            // the textbook second pass: sigma2_B = 1/m sum_i (x_i - mu_B)^2 (its first sum is not needed)
            loops.shiftedSums(x.data, n, mu, sumD, sumD2);
            for (int j = 0; j < mu.length; j++) {
                sigma2[j] = sumD2[j] / m;
            }
        }
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireGradientOf(label(), x, dY);
        final int n = x.numRows, m = n * spatial;
        // dL/dbeta = sum_i g_i;  dL/dgamma = sum_i g_i xHat_i = sum_i g_i (x_i - mu) / sqrt(sigma2 + eps)
        loops.gradientSums(dY.data, x.data, n, mu, dBetaB, sumGXc);
        final double[] dGamma = gamma().grad().data, dBeta = beta().grad().data;
        for (int j = 0; j < mu.length; j++) {
            dGammaB[j] = sumGXc[j] * invStd[j];
            dBeta[j] += dBetaB[j];
            dGamma[j] += dGammaB[j];
        }
        dX = Shapes.reuse(dX, n, width);
        if (lastMode == Mode.EVAL) {
            // population statistics are constants: dL/dx_i = gamma / sqrt(Var[x] + eps) g_i
            for (int k = 0; k < n * width; k++) {
                dX.data[k] = scale[k % width / spatial] * dY.data[k];
            }
            return dX;
        }
        // dL/dx_i = a (g_i - 1/m sum_j g_j - xHat_i 1/m sum_j g_j xHat_j) with a = gamma / sqrt(sigma2_B + eps)
        //         = a g_i + b (x_i - mu_B) + c  with b = -a dGamma_B / (m sqrt(sigma2_B + eps)), c = -a dBeta_B / m
        for (int j = 0; j < mu.length; j++) {
            b[j] = -scale[j] * invStd[j] * dGammaB[j] / m;
            c[j] = -scale[j] * dBetaB[j] / m;
        }
        loops.inputGradient(dY.data, x.data, dX.data, n, mu, scale, b, c);
        return dX;
    }

    /** Holds the population statistics still: held training passes fold nothing in; closing puts them back. */
    @Override
    public Hold hold() {
        return holds.open(population.saved());
    }

    /** E[x], Var[x], how they are kept, and Algorithm 2. */
    public PopulationMoments population() {
        return population;
    }

    /** Sets E[x] and Var[x] (each >= 0), one entry per feature (map), for evaluation mode. Not modified. */
    public void setPopulationStatistics(double[] mean, double[] variance) {
        population.set(mean, variance);
    }

    /** E[x] used in evaluation mode (a copy). */
    public double[] populationMean() {
        return population.mean();
    }

    /** Var[x] used in evaluation mode (a copy). */
    public double[] populationVariance() {
        return population.variance();
    }

    /** The mean used by the last forward call: mu_B in training mode, E[x] in evaluation mode (a copy). */
    public double[] lastMean() {
        return mu.clone();
    }

    /** The variance used by the last forward call: sigma2_B (biased) or Var[x] (a copy). */
    public double[] lastVariance() {
        return sigma2.clone();
    }

    /** xHat of the last forward call, (N, C*S): the normalized input before gamma and beta (a new matrix). */
    public DMatrixRMaj lastXHat() {
        return normalized(x, mu, invStd, spatial);
    }

    /** The input width C*S. */
    public int width() {
        return width;
    }

    @Override
    String label() {
        return "BatchNorm '" + name() + "' (" + (spatial == 1 ? features() + " features" : features() + " maps of " + spatial) + ")";
    }
}
