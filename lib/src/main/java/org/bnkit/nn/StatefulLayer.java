package org.bnkit.nn;

/**
 * A layer whose training-mode forward pass changes the layer itself, beyond computing its output:
 * it draws fresh noise ({@link RandomScaleShift}) or folds the batch into a running average
 * ({@link LpBatchNorm}).
 *
 * <p>Probes that re-run a training step's forward pass (see {@code org.bnkit.probe.ProbeScope})
 * hold such a layer: between {@link #hold()} and {@link #release()}, training-mode forward passes
 * reuse the noise of the last one and leave running averages alone, so the probe sees the network
 * the step saw and leaves it as it found it. ({@link BatchNorm} is handled by the probes through
 * its own population-statistics API.)
 */
public interface StatefulLayer extends Layer {

    /** From now on, training-mode forward passes change no state of the layer. */
    void hold();

    /** Training-mode forward passes change the layer's state again (new noise, running averages). */
    void release();

    /** Whether the layer is held. */
    boolean held();
}
