package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.bnkit.train.Sgd;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BatchNormTest {

    private static BatchNorm withAffine(int d, long seed) {
        BatchNorm bn = new BatchNorm("bn", d);
        Random rng = new Random(seed);
        for (int j = 0; j < d; j++) {
            bn.gamma().value().data[j] = 0.5 + rng.nextDouble();
            bn.beta().value().data[j] = rng.nextGaussian();
        }
        return bn;
    }

    @Test
    void meansAreZeroAndVariancesOneAfterTrainingModeForward() {
        BatchNorm bn = new BatchNorm("bn", 6);
        DMatrixRMaj x = TestData.gaussian(32, 6, 3.0, 2.5, 1);
        DMatrixRMaj y = bn.forward(x, Mode.TRAIN);
        double[] var = TestData.columnVariances(x);
        double[] yMean = TestData.columnMeans(y), yVar = TestData.columnVariances(y);
        for (int j = 0; j < 6; j++) {
            assertEquals(0.0, yMean[j], Tolerances.INVARIANT);
            // mean of xHat^2 is var / (var + eps): 1 up to eps
            assertEquals(var[j] / (var[j] + BatchNorm.DEFAULT_EPS), yVar[j], Tolerances.INVARIANT);
        }
    }

    @Test
    void gammaAndBetaSetTheOutputScaleAndShift() {
        BatchNorm bn = withAffine(5, 2);
        DMatrixRMaj x = TestData.gaussian(40, 5, -1.0, 3.0, 3);
        DMatrixRMaj y = bn.forward(x, Mode.TRAIN);
        double[] var = TestData.columnVariances(x), yMean = TestData.columnMeans(y), yVar = TestData.columnVariances(y);
        for (int j = 0; j < 5; j++) {
            double g = bn.gamma().value().data[j];
            assertEquals(bn.beta().value().data[j], yMean[j], Tolerances.INVARIANT);
            assertEquals(g * g * var[j] / (var[j] + BatchNorm.DEFAULT_EPS), yVar[j], Tolerances.INVARIANT);
        }
    }

    @Test
    void gammaSqrtVarAndBetaMeanRecoverTheIdentity() {
        BatchNorm bn = BatchNorm.builder(4).eps(0.0).build();
        DMatrixRMaj x = TestData.gaussian(50, 4, 2.0, 0.7, 4);
        double[] mean = TestData.columnMeans(x), var = TestData.columnVariances(x);
        for (int j = 0; j < 4; j++) {
            bn.gamma().value().data[j] = Math.sqrt(var[j]);
            bn.beta().value().data[j] = mean[j];
        }
        assertArrayEquals(x.data, bn.forward(x, Mode.TRAIN).data, 1e-12);
    }

    @Test
    void trainingModePassesGradientCheck() {
        BatchNorm bn = withAffine(7, 5);
        GradientCheck.Result r = GradientCheck.layer(bn, TestData.gaussian(9, 7, 1.0, 2.0, 6), Mode.TRAIN, 7);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    @Test
    void evaluationModePassesGradientCheck() {
        BatchNorm bn = withAffine(4, 8);
        bn.setPopulationStatistics(new double[] {0.1, -0.2, 0.3, 1.0}, new double[] {1.5, 0.5, 2.0, 0.8});
        GradientCheck.Result r = GradientCheck.layer(bn, TestData.gaussian(6, 4, 0, 1, 9), Mode.EVAL, 10);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    @Test
    void featureMapVariantPassesGradientCheck() {
        BatchNorm bn = BatchNorm.builder(3).featureMaps(2, 3).build();
        for (int c = 0; c < 3; c++) {
            bn.gamma().value().data[c] = 0.7 + 0.3 * c;
            bn.beta().value().data[c] = 0.1 * c;
        }
        GradientCheck.Result r = GradientCheck.layer(bn, TestData.gaussian(4, 18, 0.5, 1.5, 11), Mode.TRAIN, 12);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    /**
     * sum_i dL/dx_i = 0 holds for any eps; sum_i (dL/dx_i) xHat_i = gamma/sqrt(var + eps) sum_i g_i xHat_i
     * (1 - var/(var + eps)), zero only with eps = 0.
     */
    @Test
    void inputGradientSumsToZeroAndIsOrthogonalToXHat() {
        BatchNorm bn = BatchNorm.builder(5).eps(0).build();
        DMatrixRMaj x = TestData.gaussian(20, 5, 4.0, 3.0, 14);
        bn.forward(x, Mode.TRAIN);
        DMatrixRMaj xHat = bn.lastXHat();
        DMatrixRMaj dX = bn.backward(TestData.gaussian(20, 5, 0.3, 1, 15));
        for (int j = 0; j < 5; j++) {
            double sum = 0, dot = 0, scale = 0;
            for (int r = 0; r < 20; r++) {
                sum += dX.data[r * 5 + j];
                dot += dX.data[r * 5 + j] * xHat.data[r * 5 + j];
                scale += Math.abs(dX.data[r * 5 + j]);
            }
            assertEquals(0.0, sum / scale, Tolerances.INVARIANT);
            assertEquals(0.0, dot / scale, Tolerances.INVARIANT);
        }
    }

    @Test
    void featureMapStatisticsEqualPerFeatureStatisticsOfTheRearrangedData() {
        int n = 3, c = 2, s = 4;
        DMatrixRMaj x = TestData.gaussian(n, c * s, 1.0, 2.0, 16);
        // the same values as (n*s, c): one row per (example, position)
        DMatrixRMaj rows = new DMatrixRMaj(n * s, c);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < s; p++) {
                    rows.data[(i * s + p) * c + ch] = x.data[i * c * s + ch * s + p];
                }
            }
        }
        DMatrixRMaj maps = BatchNorm.builder(c).featureMaps(2, 2).build().forward(x, Mode.TRAIN);
        DMatrixRMaj flat = new BatchNorm(c).forward(rows, Mode.TRAIN);
        for (int i = 0; i < n; i++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < s; p++) {
                    assertEquals(flat.data[(i * s + p) * c + ch], maps.data[i * c * s + ch * s + p], 1e-14);
                }
            }
        }
    }

    /** A tall batch (3,000 rows), over which the one-pass sums of mu_B and sigma2_B run long, still matches the formulas. */
    @Test
    void aTallBatchMatchesAlgorithmOneAndTheCompactBackwardRule() {
        int n = 3000, d = 100;
        BatchNorm bn = withAffine(d, 90);
        DMatrixRMaj x = TestData.gaussian(n, d, 2.0, 3.0, 91), g = TestData.gaussian(n, d, 0.1, 1.0, 92);
        DMatrixRMaj y = bn.forward(x, Mode.TRAIN).copy();
        DMatrixRMaj dX = bn.backward(g);
        double[] mean = TestData.columnMeans(x), var = TestData.columnVariances(x);
        for (int j = 0; j < d; j++) {
            double gam = bn.gamma().value().data[j], is = 1 / Math.sqrt(var[j] + BatchNorm.DEFAULT_EPS);
            double sumG = 0, sumGX = 0;
            for (int r = 0; r < n; r++) {
                double xHat = (x.data[r * d + j] - mean[j]) * is;
                assertEquals(gam * xHat + bn.beta().value().data[j], y.data[r * d + j], 1e-12);
                sumG += g.data[r * d + j];
                sumGX += g.data[r * d + j] * xHat;
            }
            for (int r = 0; r < n; r++) {
                // the compact form of section 3
                double xHat = (x.data[r * d + j] - mean[j]) * is;
                double expected = gam * is / n * (n * g.data[r * d + j] - sumG - xHat * sumGX);
                assertEquals(expected, dX.data[r * d + j], 1e-12);
            }
            assertEquals(sumGX, bn.gamma().grad().data[j], 1e-9);
        }
    }

    @Test
    void aHoldPutsThePopulationStatisticsBackExactlyEvenBeforeAnyStatistics() {
        BatchNorm bn = new BatchNorm("bn", 3);
        try (StatefulLayer.Hold hold = bn.hold()) {
            bn.forward(TestData.gaussian(6, 3, 1, 2, 100), Mode.TRAIN);
            assertFalse(bn.population().available(), "a held layer folds no batch in");
            bn.setPopulationStatistics(new double[] {1, 2, 3}, new double[] {1, 1, 1});
        }
        assertTrue(!bn.population().available() && bn.population().batchesSeen() == 0);
        bn.forward(TestData.gaussian(6, 3, 1, 2, 101), Mode.TRAIN);
        double[] mean = bn.populationMean(), variance = bn.populationVariance();
        try (StatefulLayer.Hold outer = bn.hold()) {
            StatefulLayer.Hold inner = bn.hold();
            bn.setPopulationStatistics(new double[] {1, 2, 3}, new double[] {1, 1, 1});
            assertThrows(IllegalStateException.class, outer::close, "holds close in reverse order");
            inner.close();
        }
        assertArrayEquals(mean, bn.populationMean(), 0.0);
        assertArrayEquals(variance, bn.populationVariance(), 0.0);
        assertEquals(1, bn.population().batchesSeen());
    }

    /** With eps = 0 a constant feature would give xHat = 0/0: refused, with the fix; with eps > 0 it gives y = beta. */
    @Test
    void aConstantFeatureWithEpsZeroIsAClearError() {
        DMatrixRMaj x = TestData.gaussian(5, 3, 0, 1, 110);
        for (int r = 0; r < 5; r++) {
            x.data[r * 3 + 1] = 2.5;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchNorm.builder(3).name("bnc").eps(0).build().forward(x, Mode.TRAIN));
        assertTrue(e.getMessage().contains("'bnc'") && e.getMessage().contains("feature 1 is constant")
                && e.getMessage().contains("eps > 0"), e.getMessage());
        BatchNorm bn = BatchNorm.builder(3).eps(1e-5).build();
        bn.beta().value().data[1] = 0.7;
        DMatrixRMaj y = bn.forward(x, Mode.TRAIN);
        for (int r = 0; r < 5; r++) {
            assertEquals(0.7, y.data[r * 3 + 1], 0.0);
        }
        DMatrixRMaj dX = bn.backward(TestData.gaussian(5, 3, 0, 1, 111));
        for (int k = 0; k < dX.getNumElements(); k++) {
            assertTrue(Double.isFinite(dX.data[k]));
        }
        BatchNorm eval = BatchNorm.builder(3).eps(0).build();
        eval.setPopulationStatistics(new double[3], new double[] {1, 0, 1});
        assertThrows(IllegalArgumentException.class, () -> eval.forward(x, Mode.EVAL));
    }

    /** gamma and beta are (1, C) rows; a caller who reshapes one is told so at the next forward pass. */
    @Test
    void aReshapedGammaOrBetaIsAClearError() {
        DMatrixRMaj x = TestData.gaussian(5, 4, 0, 1, 112);
        BatchNorm bn = new BatchNorm("bnr", 4);
        bn.gamma().value().reshape(4, 1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bn.forward(x, Mode.TRAIN));
        assertTrue(e.getMessage().contains("bnr.gamma has shape (4, 1), expected (1, 4)"), e.getMessage());
        BatchNorm other = new BatchNorm("bno", 4);
        other.beta().value().reshape(1, 2);
        e = assertThrows(IllegalStateException.class, () -> other.forward(x, Mode.TRAIN));
        assertTrue(e.getMessage().contains("bno.beta has shape (1, 2)"), e.getMessage());
    }

    @Test
    void batchOfOneInTrainingModeIsAClearError() {
        BatchNorm bn = new BatchNorm("bn3", 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bn.forward(new DMatrixRMaj(1, 10), Mode.TRAIN));
        assertTrue(e.getMessage().contains("bn3"), e.getMessage());
        assertTrue(e.getMessage().contains("batch of 1"), e.getMessage());
        assertTrue(e.getMessage().contains("Mode.EVAL"), e.getMessage());
    }

    @Test
    void evaluationBeforeAnyStatisticsIsAClearError() {
        BatchNorm bn = new BatchNorm("bn1", 3);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bn.forward(new DMatrixRMaj(2, 3), Mode.EVAL));
        assertTrue(e.getMessage().contains("population statistics"), e.getMessage());
        assertTrue(e.getMessage().contains("PopulationStatistics.estimate"), e.getMessage());
    }

    @Test
    void wrongWidthNamesTheLayer() {
        BatchNorm bn = new BatchNorm("bn2", 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bn.forward(new DMatrixRMaj(60, 10), Mode.TRAIN));
        assertTrue(e.getMessage().contains("bn2") && e.getMessage().contains("100 columns") && e.getMessage().contains("(60, 10)"),
                e.getMessage());
    }

    @Test
    void runningAverageFollowsPyTorchConventionWithUnbiasedVariance() {
        BatchNorm bn = new BatchNorm("bn", 2);
        DMatrixRMaj a = TestData.gaussian(8, 2, 1, 2, 17), b = TestData.gaussian(8, 2, -1, 0.5, 18);
        bn.forward(a, Mode.TRAIN);
        bn.forward(b, Mode.TRAIN);
        double[] ma = TestData.columnMeans(a), mb = TestData.columnMeans(b);
        double[] va = TestData.columnVariances(a), vb = TestData.columnVariances(b);
        for (int j = 0; j < 2; j++) {
            double mean = 0.9 * (0.9 * 0 + 0.1 * ma[j]) + 0.1 * mb[j];
            double var = 0.9 * (0.9 * 1 + 0.1 * va[j] * 8 / 7) + 0.1 * vb[j] * 8 / 7;
            assertEquals(mean, bn.populationMean()[j], 1e-15);
            assertEquals(var, bn.populationVariance()[j], 1e-15);
        }
        assertEquals(2, bn.population().batchesSeen());
    }

    @Test
    void momentumConventionsAgreeWhenTheyMeanTheSameUpdate() {
        BatchNorm pytorch = BatchNorm.builder(3).runningAverage(RunningAverage.onNewBatch(0.1)).build();
        BatchNorm keras = BatchNorm.builder(3).runningAverage(RunningAverage.onOldValue(0.9)).build();
        BatchNorm inverted = BatchNorm.builder(3).runningAverage(RunningAverage.onNewBatch(0.9)).build();
        for (int t = 0; t < 5; t++) {
            DMatrixRMaj x = TestData.gaussian(10, 3, t, 1, 19 + t);
            pytorch.forward(x, Mode.TRAIN);
            keras.forward(x, Mode.TRAIN);
            inverted.forward(x, Mode.TRAIN);
        }
        assertArrayEquals(pytorch.populationMean(), keras.populationMean(), 1e-15);
        assertTrue(Math.abs(inverted.populationMean()[0] - pytorch.populationMean()[0]) > 0.5,
                "0.9 on the new batch tracks the latest batch, far from 0.1 on the new batch");
    }

    @Test
    void cumulativeAverageIsThePlainMeanOfBatchStatistics() {
        BatchNorm bn = BatchNorm.builder(2).runningAverage(RunningAverage.cumulative()).unbiasedRunningVariance(false).build();
        double[] sumMean = new double[2], sumVar = new double[2];
        for (int t = 0; t < 4; t++) {
            DMatrixRMaj x = TestData.gaussian(6, 2, t, 1 + t, 30 + t);
            bn.forward(x, Mode.TRAIN);
            for (int j = 0; j < 2; j++) {
                sumMean[j] += TestData.columnMeans(x)[j] / 4;
                sumVar[j] += TestData.columnVariances(x)[j] / 4;
            }
        }
        assertArrayEquals(sumMean, bn.populationMean(), 1e-14);
        assertArrayEquals(sumVar, bn.populationVariance(), 1e-14);
    }

    @Test
    void algorithmTwoEqualsADirectComputation() {
        Sequential net = new Sequential(new Linear("fc", 4, 3, Init.gaussian(1.0), new Random(40)), new BatchNorm("bn", 3));
        List<DMatrixRMaj> batches = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            batches.add(TestData.gaussian(7, 4, 0.5, 1, 41 + t));
        }
        BatchNorm bn = (BatchNorm) net.layer(1);
        long seenBefore = bn.population().batchesSeen();
        assertEquals(1, PopulationStatistics.estimate(net, batches));
        double[] mean = new double[3], var = new double[3];
        Linear fc = (Linear) net.layer(0);
        for (DMatrixRMaj b : batches) {
            DMatrixRMaj u = fc.forward(b, Mode.EVAL).copy();
            double[] m = TestData.columnMeans(u), v = TestData.columnVariances(u);
            for (int j = 0; j < 3; j++) {
                mean[j] += m[j] / 5;
                var[j] += 7.0 / 6.0 * v[j] / 5;
            }
        }
        assertArrayEquals(mean, bn.populationMean(), 1e-14);
        assertArrayEquals(var, bn.populationVariance(), 1e-14);
        assertEquals(seenBefore, bn.population().batchesSeen(), "Algorithm 2 leaves the running average alone");
    }

    /** Algorithm 2 reaches a BN inside a residual block, and leaves its running average alone. */
    @Test
    void algorithmTwoReachesBatchNormInsideResidualBlocks() {
        BatchNorm inner = new BatchNorm("inner", 3), outer = new BatchNorm("outer", 3);
        Sequential net = new Sequential(outer, new Residual("block", new Sequential(new Linear("fc", 3, 3, Init.gaussian(0.5),
                new Random(60)), inner)));
        List<DMatrixRMaj> batches = List.of(TestData.gaussian(8, 3, 1, 2, 61), TestData.gaussian(8, 3, 1, 2, 62));
        assertEquals(2, PopulationStatistics.estimate(net, batches));
        assertTrue(inner.population().available());
        assertEquals(0, inner.population().batchesSeen(), "Algorithm 2 folds nothing into the running average");
    }

    /**
     * Algorithm 2 over batches of unequal sizes weights each by its size: E[x] is the mean of all
     * the examples, Var[x] the pooled within-batch variance sum_B m_B sigma2_B / sum_B (m_B - 1).
     */
    @Test
    void algorithmTwoWeightsBatchesOfUnequalSizesBySize() {
        BatchNorm bn = new BatchNorm("bn", 2);
        int[] sizes = {10, 30, 3};
        List<DMatrixRMaj> batches = new ArrayList<>();
        double[] sum = new double[2], within = new double[2];
        int total = 0;
        for (int t = 0; t < sizes.length; t++) {
            DMatrixRMaj b = TestData.gaussian(sizes[t], 2, 3.0 * t, 1 + t, 50 + t);
            batches.add(b);
            double[] m = TestData.columnMeans(b), v = TestData.columnVariances(b);
            for (int j = 0; j < 2; j++) {
                sum[j] += sizes[t] * m[j];
                within[j] += sizes[t] * v[j];
            }
            total += sizes[t];
        }
        PopulationStatistics.estimate(new Sequential(bn), batches);
        for (int j = 0; j < 2; j++) {
            assertEquals(sum[j] / total, bn.populationMean()[j], 1e-13);
            assertEquals(within[j] / (total - sizes.length), bn.populationVariance()[j], 1e-13);
        }
    }

    @Test
    void foldedInferenceEqualsUnfoldedEvaluationMode() {
        Sequential net = Mlp.builder(6).hidden(5, 4).outputs(3).batchNorm(true).biasBeforeBatchNorm(true)
                .init(Init.gaussian(0.8)).seed(50).build();
        for (BatchNorm bn : net.layersOfType(BatchNorm.class)) {
            Random rng = new Random(51);
            for (int j = 0; j < bn.features(); j++) {
                bn.gamma().value().data[j] = 0.5 + rng.nextDouble();
                bn.beta().value().data[j] = rng.nextGaussian();
            }
        }
        for (int t = 0; t < 3; t++) {
            net.forward(TestData.gaussian(10, 6, 1, 2, 52 + t), Mode.TRAIN);
        }
        Sequential folded = Folding.fold(net);
        assertEquals(net.size() - 2, folded.size());
        assertTrue(folded.layersOfType(BatchNorm.class).isEmpty());
        DMatrixRMaj x = TestData.gaussian(25, 6, 0, 3, 60);
        DMatrixRMaj expected = net.forward(x, Mode.EVAL).copy();
        assertArrayEquals(expected.data, folded.forward(x, Mode.EVAL).data, Tolerances.FOLDING);
    }

    @Test
    void frozenGammaAndBetaGetGradientsButDoNotMove() {
        BatchNorm bn = BatchNorm.builder(3).learnableAffine(false).build();
        bn.forward(TestData.gaussian(5, 3, 0, 1, 70), Mode.TRAIN);
        bn.backward(TestData.gaussian(5, 3, 0, 1, 71));
        new Sgd(1.0).step(bn.parameters());
        assertArrayEquals(new double[] {1, 1, 1}, bn.gamma().value().data, 0.0);
        assertArrayEquals(new double[3], bn.beta().value().data, 0.0);
        assertTrue(Math.abs(bn.gamma().grad().data[0]) > 0);
    }

    @Test
    void scaleInvarianceOfSectionThreeThree() {
        // BN(a W u) = BN(W u), and d/d(aW) = 1/a d/dW
        Linear fc = new Linear("fc", 5, 4, Init.gaussian(1.0), new Random(80), false);
        Linear scaled = Linear.withWeights("fc", fc.weight().value(), null);
        double a = 3.0;
        for (int k = 0; k < scaled.weight().size(); k++) {
            scaled.weight().value().data[k] *= a;
        }
        DMatrixRMaj u = TestData.gaussian(16, 5, 0, 1, 81), g = TestData.gaussian(16, 4, 0, 1, 82);
        Sequential net = new Sequential(fc, BatchNorm.builder(4).eps(0).build());
        Sequential netScaled = new Sequential(scaled, BatchNorm.builder(4).eps(0).build());
        assertArrayEquals(net.forward(u, Mode.TRAIN).data, netScaled.forward(u, Mode.TRAIN).data, 1e-12);
        net.backward(g);
        netScaled.backward(g);
        for (int k = 0; k < fc.weight().size(); k++) {
            assertEquals(fc.weight().grad().data[k] / a, scaled.weight().grad().data[k], 1e-12);
        }
    }
}
