package org.bnkit.nn;

import java.util.Arrays;

/**
 * The population statistics E[x] and Var[x] of one {@link BatchNorm} layer, which evaluation mode
 * uses in place of the batch's mu_B and sigma2_B (section 3.1 of Ioffe &amp; Szegedy 2015), the
 * first two moments of each feature over the population, and the two ways of computing them.
 *
 * <p><b>Running average</b>: every training-mode forward pass folds its batch into
 * {@code r <- (1 - w) r + w s} ({@link RunningAverage}), starting from E[x] = 0, Var[x] = 1, with
 * s = mu_B and s = m/(m-1) sigma2_B (PyTorch) or sigma2_B.
 *
 * <p><b>Algorithm 2</b> ({@link PopulationStatistics#estimate}): while an estimate runs, the
 * batches are summed instead, each weighted by its size, and E[x], Var[x] become their weighted
 * means. The weights are taken relative to the first batch's size, so that with batches of equal
 * size they are exactly 1 and the result is the paper's formula to the last bit.
 */
public final class PopulationMoments {
    private final String layer;
    private final RunningAverage runningAverage;
    private final boolean unbiasedRunningVariance;
    private final double[] mean;
    private final double[] variance;
    private long batchesSeen;
    private boolean set;

    /** Algorithm 2's weighted sums while an estimate runs, else null. */
    private double[] meanSum;
    private double[] varianceSum;
    private double meanWeights;
    private double varianceWeights;
    private int firstBatchSize;

    PopulationMoments(String layer, int statistics, RunningAverage runningAverage, boolean unbiasedRunningVariance) {
        this.layer = layer;
        this.runningAverage = runningAverage;
        this.unbiasedRunningVariance = unbiasedRunningVariance;
        this.mean = new double[statistics];
        this.variance = new double[statistics];
        Arrays.fill(variance, 1.0);
    }

    /**
     * Folds one training batch's statistics in: into Algorithm 2's sums while an estimate runs,
     * else into the running average.
     *
     * @param muB     mu_B, one entry per statistic. Not modified.
     * @param sigma2B sigma2_B (biased, 1/m), one entry per statistic. Not modified.
     * @param m       the number of values behind each statistic (N, or N*H*W for feature maps)
     */
    void add(double[] muB, double[] sigma2B, int m) {
        final double bessel = (double) m / (m - 1);
        if (meanSum != null) {
            if (firstBatchSize == 0) {
                firstBatchSize = m;
            }
            final double meanWeight = (double) m / firstBatchSize;
            final double varianceWeight = (double) (m - 1) / (firstBatchSize - 1);
            for (int c = 0; c < mean.length; c++) {
                meanSum[c] += meanWeight * muB[c];
                varianceSum[c] += varianceWeight * bessel * sigma2B[c];
            }
            meanWeights += meanWeight;
            varianceWeights += varianceWeight;
            return;
        }
        if (runningAverage.tracks()) {
            final long seen = batchesSeen;
            runningAverage.update(mean, muB, 1.0, seen);
            runningAverage.update(variance, sigma2B, unbiasedRunningVariance ? bessel : 1.0, seen);
            batchesSeen++;
        }
    }

    /** Starts Algorithm 2: until {@link #finishEstimate()}, {@link #add} accumulates its sums. */
    void beginEstimate() {
        meanSum = new double[mean.length];
        varianceSum = new double[mean.length];
        meanWeights = 0;
        varianceWeights = 0;
        firstBatchSize = 0;
    }

    /** Ends Algorithm 2: E[x] and Var[x] become the weighted means of the batches seen since it began. */
    void finishEstimate() {
        if (meanSum == null) {
            throw new IllegalStateException(layer + ": finishEstimate without beginEstimate");
        }
        final double[] means = meanSum, variances = varianceSum;
        meanSum = null;
        varianceSum = null;
        if (firstBatchSize == 0) {
            throw new IllegalStateException(layer + ": no training-mode batch was seen during the population estimate; "
                    + "pass at least one mini-batch to PopulationStatistics.estimate");
        }
        for (int c = 0; c < mean.length; c++) {
            mean[c] = means[c] / meanWeights;
            variance[c] = variances[c] / varianceWeights;
        }
        set = true;
    }

    /** Sets E[x] and Var[x] directly, after checking them. */
    void set(double[] newMean, double[] newVariance) {
        if (newMean.length != mean.length || newVariance.length != mean.length) {
            throw new IllegalArgumentException(layer + ": population statistics need " + mean.length + " entries, got mean "
                    + newMean.length + " and variance " + newVariance.length);
        }
        for (int c = 0; c < mean.length; c++) {
            if (!(newVariance[c] >= 0) || !Double.isFinite(newMean[c]) || Double.isInfinite(newVariance[c])) {
                throw new IllegalArgumentException(layer + ": population statistic " + c + " is invalid (mean "
                        + newMean[c] + ", variance " + newVariance[c] + "); the variance must be finite and >= 0");
            }
        }
        System.arraycopy(newMean, 0, mean, 0, mean.length);
        System.arraycopy(newVariance, 0, variance, 0, mean.length);
        set = true;
    }

    /** Copies E[x] and Var[x] into the layer's buffers for an evaluation-mode pass, or says what is missing. */
    void copyInto(double[] mu, double[] sigma2) {
        if (!available()) {
            throw new IllegalStateException(layer + ": evaluation mode needs population statistics, and none exist yet. "
                    + "Train first (training-mode forward passes update the running average"
                    + (runningAverage.tracks() ? "" : ", which is off for this layer") + "), or compute them with "
                    + "PopulationStatistics.estimate(model, batches) (Algorithm 2), or set them with setPopulationStatistics.");
        }
        System.arraycopy(mean, 0, mu, 0, mean.length);
        System.arraycopy(variance, 0, sigma2, 0, mean.length);
    }

    /** Whether evaluation mode can run: a running average has seen a batch, or statistics were set. */
    public boolean available() {
        return set || batchesSeen > 0;
    }

    /** A copy of everything a training batch can change here, put back by the returned action. */
    Runnable saved() {
        final Runnable statistics = Holds.contents(mean, variance);
        final long savedBatches = batchesSeen;
        final boolean savedSet = set;
        return () -> {
            statistics.run();
            batchesSeen = savedBatches;
            set = savedSet;
        };
    }

    /** E[x] (a copy). */
    public double[] mean() {
        return mean.clone();
    }

    /** Var[x] (a copy). */
    public double[] variance() {
        return variance.clone();
    }

    /** How many training batches the running average has folded in. */
    public long batchesSeen() {
        return batchesSeen;
    }

    /** The running-average convention. */
    public RunningAverage runningAverage() {
        return runningAverage;
    }
}
