package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.List;

/**
 * Algorithm 2 of Ioffe &amp; Szegedy (2015), steps 8-11: the population statistics of every
 * {@link BatchNorm} layer, computed after training with the weights frozen.
 *
 * <p>For each BN layer, over the given training mini-batches B (each of size m):
 * <pre>
 *   E[x]   = E_B[mu_B]
 *   Var[x] = m/(m-1) E_B[sigma2_B]      (the unbiased estimate)
 * </pre>
 * The batches go through the training-mode network, so every BN layer sees the same inputs it
 * saw in training; nothing else changes: no parameter, gradient or running average. Recomputing
 * these at every checkpoint is what Wu &amp; Johnson (2021) call "precise BN".
 */
public final class PopulationStatistics {
    private PopulationStatistics() {
    }

    /**
     * Sets the population statistics of every BatchNorm layer of {@code model} from
     * {@code batches}.
     *
     * @param model   the network; its BN layers are Modified (population statistics only)
     * @param batches training mini-batches, each (m, D) with m >= 2. Not modified.
     * @return the number of BN layers updated
     */
    public static int estimate(Sequential model, Iterable<DMatrixRMaj> batches) {
        List<BatchNorm> bns = model.layersOfType(BatchNorm.class);
        for (BatchNorm bn : bns) {
            bn.beginPopulationEstimate();
        }
        for (DMatrixRMaj batch : batches) {
            model.forward(batch, Mode.TRAIN);
        }
        for (BatchNorm bn : bns) {
            bn.finishPopulationEstimate();
        }
        return bns.size();
    }
}
