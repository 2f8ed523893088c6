package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Sees each layer's input, output and gradients as a {@link Sequential} network runs; the probes
 * of the notebooks (activation percentiles, internal covariate shift, gradient norms) are built
 * on it.
 *
 * <p>The matrices are the layers' own buffers, valid only during the call: copy what you keep.
 * Do not modify them.
 */
public interface LayerObserver {

    /**
     * Called after layer {@code index} has computed its output. For a layer that follows an
     * affine map, {@code input} is the pre-activation: e.g. the input of the {@link Sigmoid} of a
     * hidden layer is that unit's "x" in Figure 1 of the paper.
     */
    default void forward(int index, Layer layer, DMatrixRMaj input, DMatrixRMaj output) {
    }

    /**
     * Called after layer {@code index} has back-propagated. {@code dInput} is {@code null} for the
     * first layer when the caller did not ask for dL/dx of the network's input.
     */
    default void backward(int index, Layer layer, DMatrixRMaj dOutput, DMatrixRMaj dInput) {
    }
}
