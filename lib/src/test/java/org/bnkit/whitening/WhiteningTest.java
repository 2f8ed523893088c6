package org.bnkit.whitening;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.BatchNorm;
import org.bnkit.nn.Layer;
import org.bnkit.nn.Mode;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WhiteningTest {

    /** x = z A + c: correlated columns with different means, (m, d). */
    private static DMatrixRMaj correlated(int m, int d, long seed) {
        DMatrixRMaj z = Synthetic.gaussian(m, d, 1.0, seed);
        DMatrixRMaj a = Synthetic.gaussian(d, d, 1.0, seed + 1);
        DMatrixRMaj x = new DMatrixRMaj(m, d);
        CommonOps_DDRM.mult(z, a, x);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                x.data[i * d + j] += 3.0 * j - 5.0;
            }
        }
        return x;
    }

    /** The batch covariance of y, (d, d). */
    private static DMatrixRMaj covarianceOf(DMatrixRMaj y) {
        return Whitening.covariance(Whitening.center(y, Whitening.mean(y)));
    }

    /** Whitening as a layer, for the finite-difference check of its backward pass. */
    private static final class WhiteningLayer implements Layer {
        private final double eps;
        private Whitening last;

        WhiteningLayer(double eps) {
            this.eps = eps;
        }

        @Override
        public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
            last = Whitening.zca(x, eps);
            return last.whitened();
        }

        @Override
        public DMatrixRMaj backward(DMatrixRMaj dY) {
            return last.backward(dY);
        }

        @Override
        public String name() {
            return "zca";
        }
    }

    @Test
    void whitenedBatchHasZeroMeanAndIdentityCovarianceForFullRankData() {
        Whitening w = Whitening.zca(correlated(200, 10, 1), 0.0);
        DMatrixRMaj xHat = w.whitened();
        DMatrixRMaj mu = Whitening.mean(xHat);
        DMatrixRMaj cov = covarianceOf(xHat);
        for (int j = 0; j < 10; j++) {
            assertEquals(0.0, mu.data[j], Tolerances.INVARIANT);
            for (int k = 0; k < 10; k++) {
                assertEquals(j == k ? 1.0 : 0.0, cov.get(j, k), 1e-9, "Cov[xHat](" + j + ", " + k + ")");
            }
        }
        assertEquals(10, Whitening.rank(w.eigenvalues()));
    }

    @Test
    void withEpsTheWhitenedVariancesAlongEigenvectorsAreLambdaOverLambdaPlusEps() {
        double eps = 0.5;
        Whitening w = Whitening.zca(correlated(100, 6, 2), eps);
        double[] lambda = w.eigenvalues();
        DMatrixRMaj u = w.eigenvectors();
        DMatrixRMaj cov = covarianceOf(w.whitened());
        // U^T Cov[xHat] U = diag(lambda / (lambda + eps))
        DMatrixRMaj t = new DMatrixRMaj(6, 6), inBasis = new DMatrixRMaj(6, 6);
        CommonOps_DDRM.mult(cov, u, t);
        CommonOps_DDRM.multTransA(u, t, inBasis);
        for (int k = 0; k < 6; k++) {
            assertEquals(lambda[k] / (lambda[k] + eps), inBasis.get(k, k), 1e-12);
        }
    }

    @Test
    void inverseSqrtSquaredInvertsTheRegularisedCovariance() {
        double eps = 1e-3;
        Whitening w = Whitening.zca(correlated(50, 8, 3), eps);
        DMatrixRMaj s = w.inverseSqrt(), sigma = w.covariance();
        for (int j = 0; j < 8; j++) {
            sigma.add(j, j, eps);
        }
        // S (Sigma + eps I) S = I
        DMatrixRMaj t = new DMatrixRMaj(8, 8), id = new DMatrixRMaj(8, 8);
        CommonOps_DDRM.mult(s, sigma, t);
        CommonOps_DDRM.mult(t, s, id);
        for (int j = 0; j < 8; j++) {
            for (int k = 0; k < 8; k++) {
                assertEquals(j == k ? 1.0 : 0.0, id.get(j, k), 1e-10);
                assertEquals(s.get(j, k), s.get(k, j), 1e-12, "S is symmetric");
            }
        }
    }

    @Test
    void covarianceOfSixtyExamplesInOneHundredDimensionsHasRankAtMostFiftyNine() {
        Whitening w = Whitening.zca(Synthetic.gaussian(60, 100, 1.0, 4), 1e-5);
        double[] lambda = w.eigenvalues();
        int rank = Whitening.rank(lambda);
        assertTrue(rank <= 59, "rank " + rank + " of a covariance of 60 centred examples must be at most 59");
        assertEquals(59, rank, "Gaussian examples in general position span 59 directions after centring");
        for (int k = 1; k < lambda.length; k++) {
            assertTrue(lambda[k] <= lambda[k - 1], "eigenvalues are in descending order");
        }
        assertTrue(Math.abs(lambda[99]) < 1e-12 * lambda[0], "the null directions have eigenvalue 0 up to rounding");
    }

    @Test
    void inOneDimensionWhiteningIsBatchNormalization() {
        DMatrixRMaj x = correlated(30, 1, 5);
        DMatrixRMaj g = Synthetic.gaussian(30, 1, 1.0, 6);
        double eps = 1e-3;
        Whitening w = Whitening.zca(x, eps);
        BatchNorm bn = BatchNorm.builder(1).eps(eps).build();
        DMatrixRMaj y = bn.forward(x, Mode.TRAIN);
        assertArrayEquals(y.data, w.whitened().data, 1e-12);
        assertArrayEquals(bn.backward(g).data, w.backward(g).data, 1e-12);
    }

    @Test
    void backwardPassesTheGradientCheckForAFullRankBatch() {
        DMatrixRMaj x = correlated(12, 4, 7);
        GradientCheck.Result r = GradientCheck.layer(new WhiteningLayer(1e-3), x, Mode.TRAIN, 8);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    @Test
    void backwardPassesTheGradientCheckForARankDeficientBatch() {
        DMatrixRMaj x = Synthetic.gaussian(5, 8, 1.0, 9);
        GradientCheck.Result r = GradientCheck.layer(new WhiteningLayer(0.1), x, Mode.TRAIN, 10);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    @Test
    void gradientSumsToZeroOverTheBatchBecauseAShiftOfEveryExampleChangesNothing() {
        DMatrixRMaj x = correlated(20, 5, 11);
        DMatrixRMaj dX = Whitening.zca(x, 1e-2).backward(Synthetic.gaussian(20, 5, 1.0, 12));
        DMatrixRMaj colSum = Whitening.mean(dX);
        for (int j = 0; j < 5; j++) {
            assertEquals(0.0, colSum.data[j], Tolerances.INVARIANT);
        }
    }

    @Test
    void jacobianOfWhiteningIsDenseAndThatOfPerDimensionNormalizationBlockDiagonal() {
        assertEquals(36_000_000L, Whitening.jacobianEntries(60, 100));
        assertEquals(360_000L, Whitening.perDimensionJacobianEntries(60, 100));
        assertEquals(100L * Whitening.perDimensionJacobianEntries(60, 100), Whitening.jacobianEntries(60, 100));
    }

    @Test
    void costTimesEveryStageAndGrowsWithDimension() {
        List<WhiteningCost> costs = WhiteningCost.measure(60, new int[] {8, 128}, 1e-5, 13, 0.01);
        assertEquals(2, costs.size());
        for (WhiteningCost c : costs) {
            assertEquals(60, c.m());
            for (double t : new double[] {c.covariance(), c.eigen(), c.inverseSqrt(), c.apply(), c.backward(),
                    c.batchNormForward(), c.batchNormBackward()}) {
                assertTrue(t > 0 && Double.isFinite(t), "every stage takes a positive time: " + c);
            }
            assertEquals(c.covariance() + c.eigen() + c.inverseSqrt() + c.apply(), c.forward(), 0.0);
        }
        // 16x the dimension: the O(d^3) eigendecomposition takes far more than 16x as long
        assertTrue(costs.get(1).eigen() > 16 * costs.get(0).eigen(), costs.toString());
    }

    @Test
    void rejectsBatchesThatCannotBeWhitened() {
        assertThrows(IllegalArgumentException.class, () -> Whitening.zca(new DMatrixRMaj(1, 3), 1e-5));
        assertThrows(IllegalArgumentException.class, () -> Whitening.zca(correlated(10, 3, 14), -1.0));
        IllegalArgumentException singular = assertThrows(IllegalArgumentException.class,
                () -> Whitening.zca(Synthetic.gaussian(5, 8, 1.0, 15), 0.0));
        assertTrue(singular.getMessage().contains("eps > 0"), singular.getMessage());
        Whitening w = Whitening.zca(correlated(10, 3, 16), 1e-5);
        assertThrows(IllegalArgumentException.class, () -> w.backward(new DMatrixRMaj(10, 4)));
        assertThrows(IllegalArgumentException.class, () -> Whitening.jacobianEntries(1, 5));
    }
}
