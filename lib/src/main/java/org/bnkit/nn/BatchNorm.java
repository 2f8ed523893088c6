package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
 * population statistics, one fixed affine map per feature. They come either from a running
 * average updated by every training-mode forward pass ({@link RunningAverage}; the default is
 * PyTorch's {@code momentum=0.1} on the new batch and the unbiased batch variance, m/(m-1)
 * sigma2_B), or from Algorithm 2 ({@link PopulationStatistics}). This is the layer's one
 * deliberate departure from the paper, which uses only Algorithm 2: frameworks do the running
 * average, and notebook 06 measures both.
 *
 * <p><b>Feature maps</b> (section 3.2): built with {@link Builder#featureMaps(int, int)}, the
 * input {@code (N, C*H*W)} holds C maps of H*W positions per row (NCHW order); each map gets one
 * mean, variance, gamma and beta, computed over the m = N*H*W values of the map in the batch.
 *
 * <p>Shapes: {@code x, y: (N, C*S)} with S = H*W (S = 1 for the per-feature layer);
 * {@code gamma, beta: (1, C)}.
 *
 * <p>Speed: the loops over the batch are in {@link BatchNormKernels}; when the JVM is started with
 * {@code --add-modules jdk.incubator.vector} (the kit's kernel and {@code ./bnkit bench} do) they
 * use the Vector API, about twice as fast once the JIT has compiled them, with the same results
 * to the last bit.
 *
 * <p>Errors: a training-mode batch with fewer than two values per statistic (a batch of one
 * example for the per-feature layer) and an evaluation-mode call before any population statistics
 * exist are rejected with a message that says what to do.
 */
public final class BatchNorm implements Layer {

    /** The paper leaves eps open; 1e-5 is PyTorch's default (Keras and TensorFlow use 1e-3). */
    public static final double DEFAULT_EPS = 1e-5;

    private final String name;
    private final int channels;
    private final int spatial;
    private final int width;
    private final double eps;
    private final Parameter gamma;
    private final Parameter beta;
    private final RunningAverage runningAverage;
    private final boolean unbiasedRunningVariance;

    private final double[] populationMean;
    private final double[] populationVar;
    private long batchesSeen;
    private boolean populationSet;

    private final double[] mu;
    private final double[] var;
    private final double[] invStd;
    private final double[] colA;
    private final double[] colB;
    private final double[] colC;
    private final double[] colD;
    private final BatchNormKernels kernels;
    private final double[] chA;
    private final double[] chB;
    private final double[] chC;

    private DMatrixRMaj x;
    private Mode lastMode;
    private DMatrixRMaj y;
    private DMatrixRMaj dX;

    private double[] estimateMeanSum;
    private double[] estimateVarSum;
    private long estimateBatches;

    private BatchNorm(Builder b) {
        this.name = b.name;
        this.channels = b.channels;
        this.spatial = b.spatial;
        this.width = b.channels * b.spatial;
        this.eps = b.eps;
        this.runningAverage = b.runningAverage;
        this.unbiasedRunningVariance = b.unbiasedRunningVariance;
        DMatrixRMaj g = new DMatrixRMaj(1, channels);
        Arrays.fill(g.data, 1.0);
        this.gamma = new Parameter(name + ".gamma", g);
        this.beta = new Parameter(name + ".beta", new DMatrixRMaj(1, channels));
        gamma.setTrainable(b.learnableAffine);
        beta.setTrainable(b.learnableAffine);
        this.populationMean = new double[channels];
        this.populationVar = new double[channels];
        Arrays.fill(populationVar, 1.0);
        this.mu = new double[channels];
        this.var = new double[channels];
        this.invStd = new double[channels];
        this.chA = new double[channels];
        this.chB = new double[channels];
        this.chC = new double[channels];
        this.colA = new double[width];
        this.colB = new double[width];
        this.colC = new double[width];
        this.colD = new double[width];
        this.kernels = BatchNormKernels.create(width);
    }

    /** Per-feature batch normalization of {@code features} inputs with the default settings. */
    public BatchNorm(String name, int features) {
        this(builder(features).name(name));
    }

    /** Per-feature batch normalization named {@code "bn"}. */
    public BatchNorm(int features) {
        this(builder(features));
    }

    /**
     * A builder for a layer normalizing {@code features} features (or, with
     * {@link Builder#featureMaps}, that many feature maps).
     */
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
            if (channels < 1) {
                throw new IllegalArgumentException("BatchNorm: the number of features must be >= 1, got " + channels);
            }
            this.channels = channels;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The constant added to the variance for numerical stability (Algorithm 1). */
        public Builder eps(double eps) {
            if (!(eps >= 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("BatchNorm: eps must be a finite number >= 0, got " + eps);
            }
            this.eps = eps;
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

        /**
         * Normalizes feature maps (section 3.2): the input rows hold {@code features} maps of
         * {@code height * width} positions each (NCHW order).
         */
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
                : "Rows must hold " + channels + " feature maps of " + spatial + " positions (NCHW).");
        final int n = x.numRows;
        if (mode == Mode.TRAIN) {
            batchStatistics(x);
            foldIntoPopulationStatistics(n * spatial);
        } else {
            requirePopulationStatistics();
            for (int c = 0; c < channels; c++) {
                mu[c] = populationMean[c];
                var[c] = populationVar[c];
            }
        }
        for (int c = 0; c < channels; c++) {
            invStd[c] = 1.0 / Math.sqrt(var[c] + eps);
        }
        this.x = x;
        this.lastMode = mode;
        y = Shapes.reuse(y, n, width);
        // y = gamma (x - mu) / sqrt(var + eps) + beta, per column: y = (x - muCol) * scaleCol + betaCol
        final double[] g = gamma.value().data, b = beta.value().data;
        for (int c = 0; c < channels; c++) {
            chA[c] = g[c] * invStd[c];
        }
        columnsFromChannels(mu, colA);
        columnsFromChannels(chA, colB);
        columnsFromChannels(b, colC);
        kernels.affine(x.data, y.data, n, width, colA, colB, colC);
        return y;
    }

    /**
     * mu_B and sigma2_B (biased) of a training batch.
     *
     * <p>One pass accumulates the sums of d = x - K and d^2, with K the batch's first value of each
     * statistic; then mu_B = K + sum d / m and sigma2_B = sum d^2 / m - (sum d / m)^2. Any K gives
     * the same result in exact arithmetic, and one taken from the data keeps the rounding error
     * near 1e-16 (mu_B - K)^2 / sigma2_B relative; if K lies more than 100 standard deviations
     * from the mean, the variance is recomputed exactly in a second pass over x - mu_B.
     */
    private void batchStatistics(DMatrixRMaj x) {
        final int n = x.numRows, w = width;
        final int m = n * spatial;
        if (m < 2) {
            throw new IllegalArgumentException(label() + ": a training-mode batch needs at least 2 values per "
                    + "statistic, got a batch of " + n + " example" + (n == 1 ? "" : "s")
                    + ". The variance of a single value is 0, so x_hat would be 0 for every input. "
                    + "Use a mini-batch of 2 or more examples, or forward(x, Mode.EVAL) to use population statistics.");
        }
        final double[] xs = x.data, shift = colA, s1 = colB, s2 = colC;
        for (int c = 0; c < channels; c++) {
            chA[c] = xs[c * spatial];
        }
        columnsFromChannels(chA, shift);
        Arrays.fill(s1, 0.0);
        Arrays.fill(s2, 0.0);
        kernels.shiftedSums(xs, n, w, shift, s1, s2);
        channelsFromColumns(s1, mu);
        channelsFromColumns(s2, var);
        boolean exact = true;
        for (int c = 0; c < channels; c++) {
            final double meanD = mu[c] / m;
            mu[c] = chA[c] + meanD;
            var[c] = var[c] / m - meanD * meanD;
            if (!(meanD * meanD <= 1e4 * var[c])) {
                exact = false;
            }
        }
        if (!exact) {
            twoPassVariance(xs, n);
        }
    }

    /** sigma2_B = 1/m sum_i (x_i - mu_B)^2, given mu_B: the textbook second pass. */
    private void twoPassVariance(double[] xs, int n) {
        final double[] muCol = colA, sum = colB, sq = colC;
        columnsFromChannels(mu, muCol);
        Arrays.fill(sum, 0.0);
        Arrays.fill(sq, 0.0);
        // the shifted-sums loop with K = mu_B; its first sum, of x - mu_B, is not needed here
        kernels.shiftedSums(xs, n, width, muCol, sum, sq);
        channelsFromColumns(sq, var);
        for (int c = 0; c < channels; c++) {
            var[c] /= n * spatial;
        }
    }

    private void foldIntoPopulationStatistics(int m) {
        final double bessel = (double) m / (m - 1);
        if (estimateMeanSum != null) {
            // Algorithm 2, step 10: E[x] = E_B[mu_B], Var[x] = m/(m-1) E_B[sigma2_B]
            for (int c = 0; c < channels; c++) {
                estimateMeanSum[c] += mu[c];
                estimateVarSum[c] += bessel * var[c];
            }
            estimateBatches++;
            return;
        }
        if (!runningAverage.tracks()) {
            return;
        }
        final double w = runningAverage.weightOnNewBatch(batchesSeen);
        final double varFactor = unbiasedRunningVariance ? bessel : 1.0;
        for (int c = 0; c < channels; c++) {
            populationMean[c] = (1 - w) * populationMean[c] + w * mu[c];
            populationVar[c] = (1 - w) * populationVar[c] + w * varFactor * var[c];
        }
        batchesSeen++;
    }

    private void requirePopulationStatistics() {
        if (!hasPopulationStatistics()) {
            throw new IllegalStateException(label() + ": evaluation mode needs population statistics, and none exist yet. "
                    + "Train first (training-mode forward passes update the running average"
                    + (runningAverage.tracks() ? "" : ", which is off for this layer") + "), or compute them with "
                    + "PopulationStatistics.estimate(model, batches) (Algorithm 2), or set them with setPopulationStatistics.");
        }
    }

    @Override
    public DMatrixRMaj backward(DMatrixRMaj dY) {
        Shapes.requireForward(label(), x);
        Shapes.requireSameShape(label(), "dY", dY, x.numRows, width);
        final int n = x.numRows, w = width;
        final int m = n * spatial;
        final double[] xs = x.data, g = dY.data;
        // column sums of g and of g (x - mu)
        final double[] muCol = colA, sumG = colB, sumGX = colC;
        columnsFromChannels(mu, muCol);
        Arrays.fill(sumG, 0.0);
        Arrays.fill(sumGX, 0.0);
        kernels.gradientSums(g, xs, n, w, muCol, sumG, sumGX);
        // dL/dbeta = sum_i g_i ;  dL/dgamma = sum_i g_i xHat_i = invStd * sum_i g_i (x_i - mu)
        final double[] sumGc = chA, dGammaC = chB;
        channelsFromColumns(sumG, sumGc);
        channelsFromColumns(sumGX, dGammaC);
        final double[] gam = gamma.value().data, dGamma = gamma.grad().data, dBeta = beta.grad().data;
        for (int c = 0; c < channels; c++) {
            dGammaC[c] *= invStd[c];
            dBeta[c] += sumGc[c];
            dGamma[c] += dGammaC[c];
        }
        dX = Shapes.reuse(dX, n, w);
        final double[] dx = dX.data;
        if (lastMode == Mode.EVAL) {
            // population statistics are constants: dL/dx_i = gamma / sqrt(Var[x] + eps) g_i,
            // the affine map (g_i - 0) a + 0 with a = gamma / sqrt(Var[x] + eps)
            for (int c = 0; c < channels; c++) {
                chA[c] = gam[c] * invStd[c];
            }
            columnsFromChannels(chA, colB);
            Arrays.fill(colD, 0.0);
            kernels.affine(g, dx, n, w, colD, colB, colD);
            return dX;
        }
        // dL/dx_i = gamma invStd (g_i - 1/m sum_j g_j - xHat_i 1/m sum_j g_j xHat_j)
        //         = a g_i + b (x_i - mu) + c  with a = gamma invStd, b = -a invStd dGamma / m, c = -a sum_j g_j / m
        final double[] aCh = chC, bCh = dGammaC, cCh = sumGc;
        for (int c = 0; c < channels; c++) {
            final double a = gam[c] * invStd[c];
            aCh[c] = a;
            bCh[c] = -a * invStd[c] * dGammaC[c] / m;
            cCh[c] = -a * sumGc[c] / m;
        }
        final double[] aCol = colB, bCol = colC, cCol = colD;
        columnsFromChannels(aCh, aCol);
        columnsFromChannels(bCh, bCol);
        columnsFromChannels(cCh, cCol);
        kernels.inputGradient(g, xs, dx, n, w, muCol, aCol, bCol, cCol);
        return dX;
    }

    /** col[c*S + s] = ch[c]: a per-statistic value repeated over the positions of its map. */
    private void columnsFromChannels(double[] ch, double[] col) {
        if (spatial == 1) {
            System.arraycopy(ch, 0, col, 0, channels);
            return;
        }
        for (int c = 0; c < channels; c++) {
            Arrays.fill(col, c * spatial, (c + 1) * spatial, ch[c]);
        }
    }

    /** ch[c] = sum_s col[c*S + s]: per-column sums reduced to one value per statistic. */
    private void channelsFromColumns(double[] col, double[] ch) {
        if (spatial == 1) {
            System.arraycopy(col, 0, ch, 0, channels);
            return;
        }
        for (int c = 0; c < channels; c++) {
            double s = 0;
            for (int k = c * spatial; k < (c + 1) * spatial; k++) {
                s += col[k];
            }
            ch[c] = s;
        }
    }

    /**
     * Starts Algorithm 2: until {@link #finishPopulationEstimate()}, training-mode forward passes
     * accumulate their batch statistics instead of updating the running average. Use
     * {@link PopulationStatistics#estimate} rather than calling this directly.
     */
    public void beginPopulationEstimate() {
        estimateMeanSum = new double[channels];
        estimateVarSum = new double[channels];
        estimateBatches = 0;
    }

    /**
     * Ends Algorithm 2 and sets E[x] = E_B[mu_B] and Var[x] = E_B[m/(m-1) sigma2_B] over the
     * batches seen since {@link #beginPopulationEstimate()}.
     *
     * @throws IllegalStateException if no estimate was begun or no batch was seen
     */
    public void finishPopulationEstimate() {
        if (estimateMeanSum == null) {
            throw new IllegalStateException(label() + ": finishPopulationEstimate without beginPopulationEstimate");
        }
        if (estimateBatches == 0) {
            estimateMeanSum = null;
            estimateVarSum = null;
            throw new IllegalStateException(label() + ": no training-mode batch was seen during the population estimate; "
                    + "pass at least one mini-batch to PopulationStatistics.estimate");
        }
        for (int c = 0; c < channels; c++) {
            populationMean[c] = estimateMeanSum[c] / estimateBatches;
            populationVar[c] = estimateVarSum[c] / estimateBatches;
        }
        populationSet = true;
        estimateMeanSum = null;
        estimateVarSum = null;
    }

    /**
     * Sets the population statistics used in evaluation mode.
     *
     * @param mean E[x], one entry per feature (map). Not modified.
     * @param variance Var[x], one entry per feature (map), each >= 0. Not modified.
     */
    public void setPopulationStatistics(double[] mean, double[] variance) {
        if (mean.length != channels || variance.length != channels) {
            throw new IllegalArgumentException(label() + ": population statistics need " + channels + " entries, got mean "
                    + mean.length + " and variance " + variance.length);
        }
        for (int c = 0; c < channels; c++) {
            if (!(variance[c] >= 0) || !Double.isFinite(mean[c]) || Double.isInfinite(variance[c])) {
                throw new IllegalArgumentException(label() + ": population statistic " + c + " is invalid (mean "
                        + mean[c] + ", variance " + variance[c] + "); the variance must be finite and >= 0");
            }
        }
        System.arraycopy(mean, 0, populationMean, 0, channels);
        System.arraycopy(variance, 0, populationVar, 0, channels);
        populationSet = true;
    }

    /**
     * What a training-mode forward pass changes besides the output: the population statistics and
     * the running average's count. For probes that run extra forward passes and must leave the
     * layer exactly as it was ({@link #saveState()}, {@link #restoreState(State)}).
     */
    public record State(double[] mean, double[] variance, long batchesSeen, boolean populationSet) {
    }

    /** A copy of the population statistics and the running average's state. */
    public State saveState() {
        return new State(populationMean.clone(), populationVar.clone(), batchesSeen, populationSet);
    }

    /** Puts back a state saved by {@link #saveState()} of this layer. */
    public void restoreState(State state) {
        if (state.mean().length != channels || state.variance().length != channels) {
            throw new IllegalArgumentException(label() + ": the saved state has " + state.mean().length
                    + " statistics, this layer " + channels + "; restore a state saved from this layer");
        }
        System.arraycopy(state.mean(), 0, populationMean, 0, channels);
        System.arraycopy(state.variance(), 0, populationVar, 0, channels);
        batchesSeen = state.batchesSeen();
        populationSet = state.populationSet();
    }

    /** Whether evaluation mode can run: a running average has seen a batch, or statistics were set. */
    public boolean hasPopulationStatistics() {
        return populationSet || batchesSeen > 0;
    }

    /** E[x] used in evaluation mode (a copy). */
    public double[] populationMean() {
        return populationMean.clone();
    }

    /** Var[x] used in evaluation mode (a copy). */
    public double[] populationVariance() {
        return populationVar.clone();
    }

    /** How many training batches the running average has folded in. */
    public long batchesSeen() {
        return batchesSeen;
    }

    /** The mean used by the last forward call: mu_B in training mode, E[x] in evaluation mode (a copy). */
    public double[] lastMean() {
        return mu.clone();
    }

    /** The variance used by the last forward call: sigma2_B (biased) or Var[x] (a copy). */
    public double[] lastVariance() {
        return var.clone();
    }

    /** xHat of the last forward call, (N, C*S): the normalized input before gamma and beta (a new matrix). */
    public DMatrixRMaj lastXHat() {
        Shapes.requireForward(label(), x);
        DMatrixRMaj xHat = new DMatrixRMaj(x.numRows, width);
        for (int r = 0; r < x.numRows; r++) {
            for (int k = 0; k < width; k++) {
                int c = k / spatial;
                xHat.data[r * width + k] = (x.data[r * width + k] - mu[c]) * invStd[c];
            }
        }
        return xHat;
    }

    /**
     * How the layers run their loops over the batch right now: {@code "Vector API, 8 doubles per
     * register"} when the JVM was started with {@code --add-modules jdk.incubator.vector} and the
     * JIT has compiled those loops (a fraction of a second after the first layer is built), else
     * {@code "plain Java loops"}. Both give the same results to the last bit.
     */
    public static String loops() {
        return BatchNormKernels.create(1).description();
    }

    /**
     * Waits until the layers run the Vector API's loops, for at most {@code timeout}; returns
     * whether they do. Benchmarks call this so as not to time the warm-up; nothing else needs to.
     */
    public static boolean awaitVectorLoops(Duration timeout) throws InterruptedException {
        return BatchNormKernels.vectorApiEnabled()
                && WarmVectorKernels.awaitWarm(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** gamma: (1, C). */
    public Parameter gamma() {
        return gamma;
    }

    /** beta: (1, C). */
    public Parameter beta() {
        return beta;
    }

    /** eps of Algorithm 1. */
    public double eps() {
        return eps;
    }

    /** The number of features (or feature maps) C. */
    public int features() {
        return channels;
    }

    /** The input width C*S. */
    public int width() {
        return width;
    }

    /** The running-average convention. */
    public RunningAverage runningAverage() {
        return runningAverage;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(gamma, beta);
    }

    @Override
    public String name() {
        return name;
    }

    private String label() {
        return "BatchNorm '" + name + "' (" + (spatial == 1 ? channels + " features" : channels + " maps of " + spatial) + ")";
    }

    @Override
    public String toString() {
        return label();
    }
}
