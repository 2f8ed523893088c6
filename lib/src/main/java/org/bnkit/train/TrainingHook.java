package org.bnkit.train;

import org.bnkit.data.Batch;
import org.bnkit.nn.Layer;
import org.bnkit.nn.Sequential;
import org.ejml.data.DMatrixRMaj;

/**
 * Reads a training run as it happens: every layer's input, output and gradients at the steps the
 * hook chooses, and the model before and after each update. Instruments (activation percentiles,
 * the internal-covariate-shift probe, landscape probes) are hooks.
 *
 * <p>Steps are counted from 1: step t computes the gradient on the t-th mini-batch and makes the
 * t-th update. The matrices passed in are the layers' buffers, valid only during the call: copy
 * what you keep, modify nothing (except through the model in {@link #beforeUpdate}, at your own
 * risk).
 */
public interface TrainingHook {

    /** Whether {@link #forward} and {@link #backward} are called at {@code step}. Default: never. */
    default boolean observesLayers(long step) {
        return false;
    }

    /** Layer {@code index} has computed its output on the step's batch (training mode). */
    default void forward(long step, int index, Layer layer, DMatrixRMaj input, DMatrixRMaj output) {
    }

    /** Layer {@code index} has back-propagated; {@code dInput} is null for the first layer. */
    default void backward(long step, int index, Layer layer, DMatrixRMaj dOutput, DMatrixRMaj dInput) {
    }

    /**
     * Every gradient of step {@code step} is computed and no parameter has moved yet: the hook may
     * read the gradients (e.g. G of the ICS measurement) or evaluate the model on the same batch.
     */
    default void beforeUpdate(long step, Batch batch, Sequential model) {
    }

    /** Step {@code step} is done: the parameters have been updated. */
    default void afterStep(long step, double loss, Sequential model) {
    }

    /** A hook that calls {@code action} after steps k, 2k, 3k, .... */
    static TrainingHook every(long k, StepAction action) {
        if (k < 1) {
            throw new IllegalArgumentException("TrainingHook.every: k must be >= 1, got " + k);
        }
        return new TrainingHook() {
            @Override
            public void afterStep(long step, double loss, Sequential model) {
                if (step % k == 0) {
                    action.run(step, loss, model);
                }
            }
        };
    }

    /** What {@link #every} runs. */
    @FunctionalInterface
    interface StepAction {
        void run(long step, double loss, Sequential model);
    }
}
