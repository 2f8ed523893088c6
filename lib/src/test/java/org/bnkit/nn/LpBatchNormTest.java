package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LpBatchNormTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static LpBatchNorm withAffine(double p, int d, long seed) {
        LpBatchNorm layer = LpBatchNorm.builder(d, p).build();
        Random rng = new Random(seed);
        for (int j = 0; j < d; j++) {
            layer.gamma().value().data[j] = 0.5 + rng.nextDouble();
            layer.beta().value().data[j] = rng.nextGaussian();
        }
        return layer;
    }

    @Test
    void trainingModePassesGradientCheckForEveryP() {
        // inputs away from 0 (|x| is not differentiable there) with a unique largest |x| per column
        DMatrixRMaj x = TestData.gaussian(9, 5, 1.5, 2.0, 1);
        for (double p : new double[] {1, 2, 3, INF}) {
            GradientCheck.Result r = GradientCheck.layer(withAffine(p, 5, 2), x, Mode.TRAIN, 3);
            assertTrue(r.passes(Tolerances.GRADIENT_CHECK), "p = " + p + "\n" + r);
        }
    }

    @Test
    void evaluationModePassesGradientCheck() {
        LpBatchNorm layer = withAffine(1, 4, 4);
        layer.forward(TestData.gaussian(10, 4, 1, 2, 5), Mode.TRAIN);
        GradientCheck.Result r = GradientCheck.layer(layer, TestData.gaussian(6, 4, 0, 1, 6), Mode.EVAL, 7);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    @Test
    void theMeanIsRemovedAndTheUncenteredInputIsDividedByItsPowerMean() {
        DMatrixRMaj x = TestData.gaussian(30, 3, 2.0, 1.5, 8);
        double[] mean = TestData.columnMeans(x);
        for (double p : new double[] {1, 2, 3, INF}) {
            LpBatchNorm layer = LpBatchNorm.builder(3, p).eps(0).build();
            DMatrixRMaj xHat = layer.forward(x, Mode.TRAIN);
            assertArrayEquals(xHat.data, layer.lastXHat().data, 0.0);
            double[] xHatMean = TestData.columnMeans(xHat);
            for (int j = 0; j < 3; j++) {
                assertEquals(0.0, xHatMean[j], Tolerances.INVARIANT, "p = " + p);
                // the p-mean of |x / s_p| is 1, and x / s_p = xHat + mu / s_p
                double s = layer.lastNorm()[j], acc = 0;
                for (int r = 0; r < 30; r++) {
                    double v = Math.abs(xHat.data[r * 3 + j] + mean[j] / s);
                    acc = p == INF ? Math.max(acc, v) : acc + Math.pow(v, p) / 30;
                }
                assertEquals(1.0, p == INF ? acc : Math.pow(acc, 1 / p), Tolerances.INVARIANT, "p = " + p);
            }
        }
    }

    @Test
    void l2OnCenteredInputsIsBatchNormWithoutEps() {
        DMatrixRMaj x = TestData.gaussian(25, 4, 3.0, 2.0, 9);
        double[] mean = TestData.columnMeans(x);
        for (int r = 0; r < 25; r++) {
            for (int j = 0; j < 4; j++) {
                x.data[r * 4 + j] -= mean[j];
            }
        }
        DMatrixRMaj lp = LpBatchNorm.builder(4, 2).eps(0).build().forward(x, Mode.TRAIN);
        DMatrixRMaj bn = BatchNorm.builder(4).eps(0).build().forward(x, Mode.TRAIN);
        assertArrayEquals(bn.data, lp.data, 1e-12);
    }

    @Test
    void l2OnUncenteredInputsDividesBySqrtOfVariancePlusSquaredMean() {
        DMatrixRMaj x = TestData.gaussian(40, 2, 3.0, 2.0, 10);
        LpBatchNorm layer = LpBatchNorm.builder(2, 2).eps(0).build();
        layer.forward(x, Mode.TRAIN);
        double[] mean = TestData.columnMeans(x), var = TestData.columnVariances(x);
        for (int j = 0; j < 2; j++) {
            assertEquals(Math.sqrt(var[j] + mean[j] * mean[j]), layer.lastNorm()[j], 1e-12);
        }
    }

    @Test
    void runningAveragesFollowTheBatchesAndServeEvaluationMode() {
        LpBatchNorm layer = LpBatchNorm.builder(3, 1).runningAverage(RunningAverage.onNewBatch(0.5)).build();
        assertThrows(IllegalStateException.class, () -> layer.forward(new DMatrixRMaj(2, 3), Mode.EVAL));
        DMatrixRMaj x1 = TestData.gaussian(8, 3, 1, 1, 11), x2 = TestData.gaussian(8, 3, -1, 2, 12);
        layer.forward(x1, Mode.TRAIN);
        double[] mu1 = layer.lastMean(), s1 = layer.lastNorm();
        layer.forward(x2, Mode.TRAIN);
        double[] mu2 = layer.lastMean(), s2 = layer.lastNorm();
        for (int j = 0; j < 3; j++) {
            // r <- 0.5 r + 0.5 s, from r = 0
            assertEquals(0.25 * mu1[j] + 0.5 * mu2[j], layer.populationMean()[j], 1e-15);
            assertEquals(0.25 * s1[j] + 0.5 * s2[j], layer.populationNorm()[j], 1e-15);
        }
        DMatrixRMaj y = layer.forward(x1, Mode.EVAL);
        for (int j = 0; j < 3; j++) {
            double expected = (x1.data[j] - layer.populationMean()[j]) / (layer.populationNorm()[j] + LpBatchNorm.DEFAULT_EPS);
            assertEquals(expected, y.data[j], 1e-12);
        }
    }

    @Test
    void aHeldLayerLeavesItsRunningAveragesAlone() {
        LpBatchNorm layer = LpBatchNorm.l1("l1", 3);
        layer.forward(TestData.gaussian(8, 3, 1, 1, 13), Mode.TRAIN);
        double[] mean = layer.populationMean(), norm = layer.populationNorm();
        try (StatefulLayer.Hold hold = layer.hold()) {
            layer.forward(TestData.gaussian(8, 3, 5, 1, 14), Mode.TRAIN);
        }
        assertArrayEquals(mean, layer.populationMean(), 0.0);
        assertArrayEquals(norm, layer.populationNorm(), 0.0);
        layer.forward(TestData.gaussian(8, 3, 5, 1, 14), Mode.TRAIN);
        assertTrue(layer.populationMean()[0] > mean[0] + 0.1);
    }

    @Test
    void badSettingsAreRejectedWithAFix() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> LpBatchNorm.builder(3, 0.5));
        assertTrue(p.getMessage().contains("p must be >= 1"), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LpBatchNorm.builder(3, Double.NaN));
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
                () -> LpBatchNorm.l2("l2", 3).forward(new DMatrixRMaj(1, 3), Mode.TRAIN));
        assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
    }
}
