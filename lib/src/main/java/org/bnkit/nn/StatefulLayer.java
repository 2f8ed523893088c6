package org.bnkit.nn;

/**
 * A layer whose training-mode forward pass changes the layer itself, beyond computing its output:
 * it folds the batch's statistics into population statistics ({@link BatchNorm},
 * {@link LpBatchNorm}), moves averages and counts steps ({@link BatchRenorm}), or draws fresh
 * noise ({@link Dropout}, {@link RandomScaleShift}); and the containers that may hold such a
 * layer ({@link Sequential}, {@link Residual}).
 *
 * <p>The one contract for putting such a layer back exactly: {@link #hold()} saves every bit of
 * state a forward pass could change and holds the layer still; closing the returned
 * {@link Hold} puts that state back. Probes that re-run a training step's forward pass (see
 * {@code org.bnkit.probe.ProbeScope}) work inside a hold, so they see the network the step saw
 * and leave it as they found it:
 * <pre>
 *   try (StatefulLayer.Hold hold = model.hold()) {
 *       model.forward(x, Mode.TRAIN);      // reuses the last noise; no statistic, average or counter moves
 *   }                                      // statistics, counters, random sources: as before, bit for bit
 * </pre>
 */
public interface StatefulLayer extends Layer {

    /**
     * Saves the layer's state and holds it still: until the hold is closed, training-mode forward
     * passes reuse the noise of the last one (drawing one if there is none) and change no
     * statistic, average or counter. Holds nest; close them in the reverse order of opening
     * (try-with-resources does).
     */
    Hold hold();

    /** An open hold: {@link #close()} puts back the state saved when it was opened. */
    interface Hold extends AutoCloseable {
        /** Puts the layer's saved state back and releases the hold; a second call does nothing. */
        @Override
        void close();
    }
}
