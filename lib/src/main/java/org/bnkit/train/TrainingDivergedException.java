package org.bnkit.train;

/**
 * Training produced NaN or infinite values. The message says at which step, in which layer the
 * first non-finite value appeared, and what to try.
 */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;
    private final String layer;

    public TrainingDivergedException(long step, String layer, String message) {
        super(message);
        this.step = step;
        this.layer = layer;
    }

    /** The step (from 1) at which the non-finite value appeared. */
    public long step() {
        return step;
    }

    /** The layer (or parameter) where it appeared first, as far as the trainer could tell. */
    public String layer() {
        return layer;
    }
}
