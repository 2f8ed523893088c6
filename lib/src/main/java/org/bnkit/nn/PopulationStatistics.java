package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.ArrayList;
import java.util.List;

/**
 * Algorithm 2 of Ioffe &amp; Szegedy (2015), steps 8-11: the population statistics of every
 * {@link BatchNorm} layer of a network, computed after training with the weights frozen. The
 * training mini-batches B (each of size m) go once more through the training-mode network, and
 * for every BN layer
 * <pre>
 *   E[x]   = E_B[mu_B]
 *   Var[x] = m/(m-1) E_B[sigma2_B]      (the unbiased estimate)
 * </pre>
 * The paper's batches all have the size m. With batches of unequal sizes m_B (say, a short last
 * batch), each batch is weighted by its size: E[x] = sum_B m_B mu_B / sum_B m_B, the mean of all
 * the examples, and Var[x] = sum_B (m_B - 1) u_B / sum_B (m_B - 1) with u_B = m_B/(m_B-1)
 * sigma2_B, the pooled within-batch variance; with equal sizes both are the paper's formulas, to
 * the last bit ({@link PopulationMoments}). Recomputing these at every checkpoint is what Wu &amp;
 * Johnson (2021) call "precise BN".
 */
public final class PopulationStatistics {
    private PopulationStatistics() {
    }

    /**
     * Algorithm 2 for every BatchNorm layer of {@code model}, also those inside nested
     * {@link Sequential}s and {@link Residual} blocks: sets their population statistics from
     * {@code batches}. No parameter, gradient or BN running average changes; other stateful layers
     * run as in any training-mode pass (dropout draws masks, for example).
     *
     * @param model   the network; its BN layers are Modified (population statistics only)
     * @param batches training mini-batches, each (m, D) with m >= 2. Not modified.
     * @return the number of BN layers updated
     */
    public static int estimate(Sequential model, Iterable<DMatrixRMaj> batches) {
        List<BatchNorm> bns = new ArrayList<>();
        collect(model, bns);
        for (BatchNorm bn : bns) {
            bn.population().beginEstimate();
        }
        for (DMatrixRMaj batch : batches) {
            model.forward(batch, Mode.TRAIN);
        }
        for (BatchNorm bn : bns) {
            bn.population().finishEstimate();
        }
        return bns.size();
    }

    /** The BatchNorm layers in {@code layer}, in order, through nested Sequentials and Residual blocks. */
    private static void collect(Layer layer, List<BatchNorm> found) {
        if (layer instanceof BatchNorm bn) {
            found.add(bn);
        } else if (layer instanceof Sequential sequential) {
            for (Layer inner : sequential.layers()) {
                collect(inner, found);
            }
        } else if (layer instanceof Residual residual) {
            collect(residual.body(), found);
        }
    }
}
