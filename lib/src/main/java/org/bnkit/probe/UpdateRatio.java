package org.bnkit.probe;

import org.bnkit.nn.Parameter;
import org.bnkit.stats.Vectors;

/**
 * The update-to-data ratio of a parameter under plain SGD, the per-layer health measure of Karpathy's
 * "Building makemore Part 3: Activations &amp; Gradients, BatchNorm" (2022):
 * <pre>
 *   log10( ||eta dL/dW||_2 / ||W||_2 ),   the norms over all entries of W
 * </pre>
 * the size of one step's change relative to the weights themselves, in decades (about -3 is the
 * rule of thumb for a healthy rate). Notebook 09 records it for every layer while training.
 */
public final class UpdateRatio {
    private UpdateRatio() {
    }

    /**
     * log10(||lr * w.grad()|| / ||w.value()||) of the gradient currently held by {@code w}.
     *
     * @throws IllegalArgumentException if lr is not positive or W is all zeros (the ratio is undefined)
     */
    public static double log10(Parameter w, double lr) {
        if (!(lr > 0)) {
            throw new IllegalArgumentException("UpdateRatio: the learning rate must be positive, got " + lr);
        }
        double size = Vectors.norm(w.value().data);
        if (size == 0) {
            throw new IllegalArgumentException("UpdateRatio: " + w.name() + " is all zeros, so ||lr grad|| / ||W|| is undefined");
        }
        return Math.log10(lr * Vectors.norm(w.grad().data) / size);
    }
}
