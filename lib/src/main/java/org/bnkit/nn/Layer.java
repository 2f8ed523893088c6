package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * A layer of a feed-forward network: a forward rule and, beside it, its backward rule.
 *
 * <p>Shapes: a mini-batch is a row-major matrix {@code x: (N, D)} with one example per row.
 * {@code forward} returns {@code y: (N, D')}; {@code backward} takes {@code dY = dL/dy: (N, D')},
 * adds the gradients of the layer's parameters into their {@link Parameter#grad()} and returns
 * {@code dX = dL/dx: (N, D)}.
 *
 * <p>Ownership: the matrices a layer returns are work buffers the layer owns and reuses; they
 * stay valid until the layer's next {@code forward} (or {@code backward}). Copy them to keep them.
 * A layer may keep a reference to its input for the backward pass: do not modify an input between
 * {@code forward} and {@code backward}.
 */
public interface Layer {

    /**
     * Computes the layer's output for a mini-batch.
     *
     * @param x    input, (N, D). Not modified.
     * @param mode {@link Mode#TRAIN} or {@link Mode#EVAL}
     * @return output, (N, D'), owned by the layer
     */
    DMatrixRMaj forward(DMatrixRMaj x, Mode mode);

    /**
     * Back-propagates through the last {@link #forward} call.
     *
     * @param dY dL/dy, (N, D'). Not modified.
     * @return dL/dx, (N, D), owned by the layer
     */
    DMatrixRMaj backward(DMatrixRMaj dY);

    /**
     * Accumulates the parameter gradients of the last {@link #forward} call without computing
     * dL/dx, which the first layer of a network does not need. Layers with no parameters do
     * nothing.
     *
     * @param dY dL/dy, (N, D'). Not modified.
     */
    default void backwardToParameters(DMatrixRMaj dY) {
        if (!parameters().isEmpty()) {
            backward(dY);
        }
    }

    /** The layer's parameters, in a fixed order; empty for a parameter-free layer. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /** A short readable name, such as {@code "fc1"} or {@code "bn2"}. */
    String name();
}
