package org.bnkit.nn;

/**
 * How a {@link BatchNorm} layer folds each training mini-batch's statistics into the population
 * statistics it uses in {@link Mode#EVAL} mode.
 *
 * <p>The paper computes the population statistics once, after training (Algorithm 2); frameworks
 * instead keep running averages during training, and the word "momentum" means different things
 * in each. This class names the weight explicitly:
 * <ul>
 *   <li>{@link #onNewBatch(double) onNewBatch(0.1)}: {@code r <- (1 - 0.1) r + 0.1 s} where s is
 *       the batch statistic. PyTorch's {@code BatchNorm1d(momentum=0.1)}, the default here.</li>
 *   <li>{@link #onOldValue(double) onOldValue(0.9)}: {@code r <- 0.9 r + (1 - 0.9) s}. Keras's and
 *       TensorFlow's {@code momentum=0.9} (the same update as {@code onNewBatch(0.1)}).</li>
 *   <li>{@link #cumulative()}: the plain average of all batches seen, PyTorch's
 *       {@code momentum=None}.</li>
 *   <li>{@link #none()}: no running average; population statistics come only from
 *       {@link PopulationStatistics} (Algorithm 2).</li>
 * </ul>
 * Passing 0.9 where a framework expects the weight on the new batch (a common mistake when moving
 * between frameworks) is {@code onNewBatch(0.9)}: expressible, and measured in notebook 06.
 */
public final class RunningAverage {
    private enum Kind { EXPONENTIAL, CUMULATIVE, NONE }

    private final Kind kind;
    private final double weightOnNewBatch;

    private RunningAverage(Kind kind, double weightOnNewBatch) {
        this.kind = kind;
        this.weightOnNewBatch = weightOnNewBatch;
    }

    /** Exponential moving average with weight {@code momentum} on the new batch (PyTorch). */
    public static RunningAverage onNewBatch(double momentum) {
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("RunningAverage.onNewBatch: the weight on the new batch must be in (0, 1], got "
                    + momentum + " (PyTorch's default is 0.1)");
        }
        return new RunningAverage(Kind.EXPONENTIAL, momentum);
    }

    /** Exponential moving average with weight {@code decay} on the old value (Keras, TensorFlow). */
    public static RunningAverage onOldValue(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("RunningAverage.onOldValue: the weight on the old value must be in [0, 1), got "
                    + decay + " (Keras's default is 0.99, TensorFlow's 0.9 in many examples)");
        }
        return new RunningAverage(Kind.EXPONENTIAL, 1.0 - decay);
    }

    /** The arithmetic mean of every batch statistic seen so far (PyTorch's momentum=None). */
    public static RunningAverage cumulative() {
        return new RunningAverage(Kind.CUMULATIVE, Double.NaN);
    }

    /** No running average: only {@link PopulationStatistics} sets the population statistics. */
    public static RunningAverage none() {
        return new RunningAverage(Kind.NONE, Double.NaN);
    }

    /** Whether training-mode forward passes update the population statistics. */
    public boolean tracks() {
        return kind != Kind.NONE;
    }

    /**
     * The weight the update gives the new batch after {@code batchesSeen} earlier batches:
     * {@code r <- (1 - w) r + w s}.
     */
    public double weightOnNewBatch(long batchesSeen) {
        return switch (kind) {
            case EXPONENTIAL -> weightOnNewBatch;
            case CUMULATIVE -> 1.0 / (batchesSeen + 1);
            case NONE -> 0.0;
        };
    }

    /**
     * One update of a running average, entry by entry: {@code r <- (1 - w) r + w f s}, with w the
     * weight on the new batch after {@code batchesSeen} earlier batches and f a factor on the batch
     * statistic (m/(m-1) for an unbiased variance, else 1).
     *
     * @param average     r, Modified
     * @param batch       s, one entry per entry of r. Not modified.
     */
    public void update(double[] average, double[] batch, double factor, long batchesSeen) {
        final double w = weightOnNewBatch(batchesSeen);
        for (int j = 0; j < average.length; j++) {
            average[j] = (1 - w) * average[j] + w * factor * batch[j];
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EXPONENTIAL -> "onNewBatch(" + weightOnNewBatch + ")";
            case CUMULATIVE -> "cumulative()";
            case NONE -> "none()";
        };
    }
}
