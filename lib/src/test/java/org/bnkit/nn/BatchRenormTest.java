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

class BatchRenormTest {

    private static void randomAffine(Parameter gamma, Parameter beta, long seed) {
        Random rng = new Random(seed);
        for (int j = 0; j < gamma.size(); j++) {
            gamma.value().data[j] = 0.5 + rng.nextDouble();
            beta.value().data[j] = rng.nextGaussian();
        }
    }

    /** A layer with frozen moving averages (alpha = 0), so that repeated forward passes compute one function. */
    private static BatchRenorm frozen(int d, double rMax, double dMax, double[] mean, double[] sigma, long seed) {
        BatchRenorm brn = BatchRenorm.builder(d).updateRate(0).schedule(BatchRenorm.Schedule.constant(rMax, dMax)).build();
        brn.setMovingAverages(mean, sigma);
        randomAffine(brn.gamma(), brn.beta(), seed);
        return brn;
    }

    private static double[] filled(int d, double v) {
        double[] a = new double[d];
        java.util.Arrays.fill(a, v);
        return a;
    }

    @Test
    void withRMaxOneAndDMaxZeroItIsBatchNormalization() {
        int d = 5;
        BatchRenorm brn = frozen(d, 1, 0, filled(d, 0.3), filled(d, 2.0), 1);
        BatchNorm bn = new BatchNorm("bn", d);
        System.arraycopy(brn.gamma().value().data, 0, bn.gamma().value().data, 0, d);
        System.arraycopy(brn.beta().value().data, 0, bn.beta().value().data, 0, d);
        DMatrixRMaj x = TestData.gaussian(12, d, 1.0, 2.0, 2), g = TestData.gaussian(12, d, 0, 1, 3);
        assertArrayEquals(bn.forward(x, Mode.TRAIN).data, brn.forward(x, Mode.TRAIN).data, 1e-13);
        assertArrayEquals(bn.backward(g).data, brn.backward(g).data, 1e-13);
        assertArrayEquals(bn.gamma().grad().data, brn.gamma().grad().data, 1e-12);
        assertArrayEquals(bn.beta().grad().data, brn.beta().grad().data, 1e-12);
    }

    @Test
    void unclippedTrainingOutputEqualsTheInferenceOutput() {
        // r = sigma_B / sigma and d = (mu_B - mu) / sigma inside the limits: xHat = (x - mu) / sigma
        int d = 4;
        BatchRenorm brn = frozen(d, 100, 100, new double[] {0.5, -1, 2, 0}, new double[] {1.5, 0.8, 3, 1}, 4);
        DMatrixRMaj x = TestData.gaussian(10, d, 0.7, 1.3, 5);
        DMatrixRMaj train = brn.forward(x, Mode.TRAIN).copy();
        assertArrayEquals(brn.forward(x, Mode.EVAL).data, train.data, 1e-12);
        double[] r = brn.lastR();
        for (int j = 0; j < d; j++) {
            assertTrue(r[j] > 1 / 100.0 && r[j] < 100, "r is not clipped");
        }
    }

    @Test
    void inputGradientIsRTimesTheBatchNormGradient() {
        // stop_gradient: r and d are constants in the backward pass, even where the forward equals inference
        int d = 3;
        BatchRenorm brn = frozen(d, 100, 100, new double[] {1, 0, -1}, new double[] {2, 0.5, 1}, 6);
        BatchNorm bn = new BatchNorm("bn", d);
        System.arraycopy(brn.gamma().value().data, 0, bn.gamma().value().data, 0, d);
        DMatrixRMaj x = TestData.gaussian(9, d, 0, 1, 7), g = TestData.gaussian(9, d, 0, 1, 8);
        brn.forward(x, Mode.TRAIN);
        DMatrixRMaj dBrn = brn.backward(g).copy();
        bn.forward(x, Mode.TRAIN);
        DMatrixRMaj dBn = bn.backward(g);
        double[] r = brn.lastR();
        for (int i = 0; i < 9; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(r[j] * dBn.data[i * d + j], dBrn.data[i * d + j], 1e-12);
            }
        }
    }

    @Test
    void passesGradientCheckAsBatchNormalization() {
        BatchRenorm brn = frozen(6, 1, 0, filled(6, 0), filled(6, 1), 9);
        GradientCheck.Result res = GradientCheck.layer(brn, TestData.gaussian(8, 6, 1.0, 2.0, 10), Mode.TRAIN, 11);
        assertTrue(res.passes(Tolerances.GRADIENT_CHECK), res.toString());
    }

    @Test
    void passesGradientCheckWhereRAndDAreClipped() {
        // sigma_B / sigma ~ 0.02 < 1/rMax and |mu_B - mu| / sigma ~ 0.5 > dMax: r and d sit at their limits, where
        // they do not change with x, so the stop-gradient rule is the true gradient there
        BatchRenorm brn = frozen(5, 2, 0.1, filled(5, 50), filled(5, 100), 12);
        DMatrixRMaj x = TestData.gaussian(7, 5, 0.5, 2.0, 13);
        GradientCheck.Result res = GradientCheck.layer(brn, x, Mode.TRAIN, 14);
        assertTrue(res.passes(Tolerances.GRADIENT_CHECK), res.toString());
        brn.forward(x, Mode.TRAIN);
        for (int j = 0; j < 5; j++) {
            assertEquals(0.5, brn.lastR()[j], 0.0);
            assertEquals(-0.1, brn.lastD()[j], 0.0);
        }
    }

    @Test
    void inferenceModePassesGradientCheck() {
        BatchRenorm brn = frozen(4, 3, 5, new double[] {0.1, 0.2, -0.3, 1}, new double[] {1, 2, 0.5, 1.5}, 15);
        GradientCheck.Result res = GradientCheck.layer(brn, TestData.gaussian(5, 4, 0, 1, 16), Mode.EVAL, 17);
        assertTrue(res.passes(Tolerances.GRADIENT_CHECK), res.toString());
    }

    @Test
    void movingAveragesFollowAlgorithmOne() {
        BatchRenorm brn = BatchRenorm.builder(2).updateRate(0.25).schedule(BatchRenorm.Schedule.constant(3, 5)).build();
        DMatrixRMaj x = TestData.gaussian(6, 2, 2.0, 3.0, 18);
        brn.forward(x, Mode.TRAIN);
        double[] mean = TestData.columnMeans(x), var = TestData.columnVariances(x);
        for (int j = 0; j < 2; j++) {
            assertEquals(0.75 * 0 + 0.25 * mean[j], brn.movingMean()[j], 1e-14);
            assertEquals(0.75 * 1 + 0.25 * Math.sqrt(var[j] + BatchNorm.DEFAULT_EPS), brn.movingStd()[j], 1e-14);
        }
        assertEquals(1, brn.steps());
        brn.forward(x, Mode.EVAL);
        assertEquals(1, brn.steps(), "inference is not a training step");
    }

    @Test
    void linearScheduleRelaxesFromBatchNormToTheFinalLimits() {
        BatchRenorm.Schedule s = BatchRenorm.Schedule.linear(100, 3, 500, 5, 300);
        assertEquals(new BatchRenorm.Limits(1, 0), s.at(1));
        assertEquals(new BatchRenorm.Limits(1, 0), s.at(100));
        assertEquals(2.0, s.at(300).rMax(), 1e-12);
        assertEquals(5.0, s.at(300).dMax(), 1e-12);
        assertEquals(2.5, s.at(200).dMax(), 1e-12);
        assertEquals(new BatchRenorm.Limits(3, 5), s.at(10_000));
    }

    @Test
    void theScheduleAdvancesWithTrainingSteps() {
        BatchRenorm brn = BatchRenorm.builder(3).schedule(BatchRenorm.Schedule.linear(2, 3, 4, 5, 4)).build();
        DMatrixRMaj x = TestData.gaussian(5, 3, 0, 1, 19);
        for (int t = 0; t < 3; t++) {
            brn.forward(x, Mode.TRAIN);
        }
        assertEquals(new BatchRenorm.Limits(2, 2.5), brn.limits());
    }

    @Test
    void badSettingsAndInputsAreClearErrors() {
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> BatchRenorm.Schedule.constant(0.5, 0));
        assertTrue(r.getMessage().contains("rMax >= 1"), r.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BatchRenorm.Schedule.constant(2, -1));
        assertThrows(IllegalArgumentException.class, () -> BatchRenorm.Schedule.linear(10, 3, 5, 5, 20));
        IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> BatchRenorm.builder(3).updateRate(1.5));
        assertTrue(a.getMessage().contains("0.01"), a.getMessage());
        BatchRenorm brn = BatchRenorm.builder(3).name("brn2").build();
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> brn.forward(new DMatrixRMaj(1, 3), Mode.TRAIN));
        assertTrue(one.getMessage().contains("brn2") && one.getMessage().contains("Mode.EVAL"), one.getMessage());
        IllegalArgumentException sigma = assertThrows(IllegalArgumentException.class,
                () -> brn.setMovingAverages(new double[3], new double[] {1, 0, 1}));
        assertTrue(sigma.getMessage().contains("> 0"), sigma.getMessage());
    }
}
