package org.bnkit.train;

/**
 * The training loop saw the thread's interrupt flag (the notebook's stop button) and stopped
 * after a whole step; the model keeps the weights of the last completed step.
 */
public final class TrainingInterruptedException extends RuntimeException {
    private final long completedSteps;

    public TrainingInterruptedException(long completedSteps, long totalSteps) {
        super("Training interrupted after step " + completedSteps + " of " + totalSteps
                + "; the model keeps the weights of step " + completedSteps + ".");
        this.completedSteps = completedSteps;
    }

    /** The number of steps completed before the interrupt. */
    public long completedSteps() {
        return completedSteps;
    }
}
