package org.bnkit.train;

/**
 * What a {@link Trainer#train} call did: the training loss of every step and the time it took.
 *
 * @param losses  the mini-batch loss of steps 1..n (index 0 holds step 1)
 * @param seconds wall-clock time of the run
 */
public record TrainingLog(double[] losses, double seconds) {

    /** The number of steps taken. */
    public int steps() {
        return losses.length;
    }

    /** Steps per second over the whole run. */
    public double stepsPerSecond() {
        return losses.length / seconds;
    }

    /** The mean loss of the last {@code k} steps (all of them if fewer). */
    public double recentLoss(int k) {
        int from = Math.max(0, losses.length - k);
        double s = 0;
        for (int i = from; i < losses.length; i++) {
            s += losses[i];
        }
        return s / (losses.length - from);
    }
}
