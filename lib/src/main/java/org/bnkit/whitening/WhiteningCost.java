package org.bnkit.whitening;

import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Kernels;
import org.bnkit.nn.Mode;
import org.bnkit.stats.Timing;
import org.ejml.data.DMatrixRMaj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Seconds per call of each stage of whitening one batch {@code x: (m, d)} ({@link Whitening}),
 * and of the library's per-dimension {@link BatchNorm} on the same batch (training mode): the
 * cost that made Ioffe &amp; Szegedy (section 2) normalize each dimension on its own.
 *
 * @param covariance         mean, centring and Sigma = 1/m xc^T xc
 * @param eigen              the symmetric eigendecomposition of Sigma
 * @param inverseSqrt        S = U diag((lambda + eps)^(-1/2)) U^T
 * @param apply              xHat = xc S
 * @param backward           dL/dx from dL/dxHat ({@link Whitening#backward}), given the forward results
 * @param batchNormForward   {@link BatchNorm#forward} in training mode
 * @param batchNormBackward  {@link BatchNorm#backward}
 */
public record WhiteningCost(int m, int d, double covariance, double eigen, double inverseSqrt, double apply,
                            double backward, double batchNormForward, double batchNormBackward) {

    /** The whole forward pass of whitening: the sum of the four stages. */
    public double forward() {
        return covariance + eigen + inverseSqrt + apply;
    }

    /**
     * Times every stage of whitening {@code x} and its backward pass, and the library's
     * {@link BatchNorm} (training mode, same eps) forward and backward on the same batch, with
     * {@link Timing#secondsPerCall}. BatchNorm is timed on the loops it will keep: when the JVM has
     * the Vector API, this first waits for their warm-up (see {@link Kernels#awaitVectorLoops}), so
     * that a sweep does not time its small d on the plain loops and its large d on the vector ones.
     *
     * @param x          the batch, (m, d). Not modified.
     * @param minSeconds the measuring time per stage, roughly (see {@link Timing})
     */
    public static WhiteningCost measure(DMatrixRMaj x, double eps, double minSeconds) {
        Whitening w = Whitening.zca(x, eps);
        final int m = x.numRows, d = x.numCols;
        final DMatrixRMaj sigma = w.covariance(), centered = Whitening.center(x, w.mean()), s = w.inverseSqrt();
        final Whitening.Eigen e = Whitening.eigen(sigma);
        double tCov = Timing.secondsPerCall(() -> Whitening.covariance(Whitening.center(x, Whitening.mean(x))), minSeconds);
        double tEig = Timing.secondsPerCall(() -> Whitening.eigen(sigma), minSeconds);
        double tInv = Timing.secondsPerCall(() -> Whitening.inverseSqrt(e, eps), minSeconds);
        double tApply = Timing.secondsPerCall(() -> Whitening.apply(centered, s), minSeconds);
        // the values of dL/dxHat do not change the work: x itself serves
        double tBack = Timing.secondsPerCall(() -> w.backward(x), minSeconds);
        BatchNorm bn = BatchNorm.builder(d).eps(eps).build();
        awaitVectorLoops();
        double tBn = Timing.secondsPerCall(() -> bn.forward(x, Mode.TRAIN), minSeconds);
        bn.forward(x, Mode.TRAIN);
        double tBnBack = Timing.secondsPerCall(() -> bn.backward(x), minSeconds);
        return new WhiteningCost(m, d, tCov, tEig, tInv, tApply, tBack, tBn, tBnBack);
    }

    private static void awaitVectorLoops() {
        try {
            Kernels.awaitVectorLoops(Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Vector API loops' warm-up", e);
        }
    }

    /**
     * {@link #measure(DMatrixRMaj, double, double)} for batches of {@code m} examples in each
     * dimension of {@code ds}, with entries drawn from N(0, 1) (seeded).
     */
    public static List<WhiteningCost> measure(int m, int[] ds, double eps, long seed, double minSeconds) {
        List<WhiteningCost> out = new ArrayList<>(ds.length);
        for (int k = 0; k < ds.length; k++) {
            Whitening.requireSizes(m, ds[k]);
            out.add(measure(Synthetic.gaussian(m, ds[k], 1.0, seed + k), eps, minSeconds));
        }
        return out;
    }
}
