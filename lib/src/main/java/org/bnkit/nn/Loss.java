package org.bnkit.nn;

import org.bnkit.data.Batch;
import org.ejml.data.DMatrixRMaj;

/**
 * A loss averaged over the examples of a mini-batch, and its gradient with respect to the
 * network's output.
 */
public interface Loss {

    /**
     * The mean loss of {@code output} for {@code batch}; remembers what {@link #backward()} needs.
     *
     * @param output the network's output, (N, K). Not modified.
     */
    double forward(DMatrixRMaj output, Batch batch);

    /** dL/d(output) of the last {@link #forward} call, (N, K), owned by the loss. */
    DMatrixRMaj backward();
}
