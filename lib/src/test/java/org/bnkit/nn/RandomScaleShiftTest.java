package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RandomScaleShiftTest {

    private static RandomScaleShift noise(long seed) {
        return RandomScaleShift.builder(4).scale(0.5, 2.0).shift(-1.0, 3.0).seed(seed).build();
    }

    @Test
    void trainingForwardScalesAndShiftsEachUnitByItsDraw() {
        RandomScaleShift layer = noise(1);
        DMatrixRMaj x = TestData.gaussian(5, 4, 0, 1, 2);
        DMatrixRMaj y = layer.forward(x, Mode.TRAIN);
        double[] a = layer.lastScales(), b = layer.lastShifts();
        for (int r = 0; r < 5; r++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(a[j] * x.data[r * 4 + j] + b[j], y.data[r * 4 + j], 1e-15);
            }
        }
    }

    @Test
    void drawsChangeAtEveryTrainingStepWithinTheirRanges() {
        RandomScaleShift layer = noise(3);
        DMatrixRMaj x = TestData.gaussian(3, 4, 0, 1, 4);
        layer.forward(x, Mode.TRAIN);
        double[] a1 = layer.lastScales(), b1 = layer.lastShifts();
        layer.forward(x, Mode.TRAIN);
        double[] a2 = layer.lastScales(), b2 = layer.lastShifts();
        for (int j = 0; j < 4; j++) {
            assertFalse(a1[j] == a2[j] || b1[j] == b2[j], "unit " + j + " kept its draw");
            assertTrue(a2[j] >= 0.5 && a2[j] <= 2.0 && b2[j] >= -1.0 && b2[j] <= 3.0);
        }
    }

    @Test
    void drawsHaveTheMeanAndSpreadOfTheirUniformDistributions() {
        RandomScaleShift layer = noise(5);
        DMatrixRMaj x = TestData.gaussian(2, 4, 0, 1, 6);
        int steps = 20_000;
        double sumA = 0, sumA2 = 0, sumB = 0, sumB2 = 0;
        for (int t = 0; t < steps; t++) {
            layer.forward(x, Mode.TRAIN);
            for (int j = 0; j < 4; j++) {
                double a = layer.lastScales()[j], b = layer.lastShifts()[j];
                sumA += a;
                sumA2 += a * a;
                sumB += b;
                sumB2 += b * b;
            }
        }
        int n = 4 * steps;
        double meanA = sumA / n, meanB = sumB / n;
        // U(lo, hi): mean (lo + hi) / 2, variance (hi - lo)^2 / 12
        assertEquals(1.25, meanA, 0.01);
        assertEquals(1.0, meanB, 0.02);
        assertEquals(1.5 * 1.5 / 12, sumA2 / n - meanA * meanA, 0.005);
        assertEquals(4.0 * 4.0 / 12, sumB2 / n - meanB * meanB, 0.03);
    }

    @Test
    void theSameSeedGivesTheSameDraws() {
        RandomScaleShift p = noise(7), q = noise(7), r = noise(8);
        DMatrixRMaj x = TestData.gaussian(3, 4, 0, 1, 9);
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(p.forward(x, Mode.TRAIN).data, q.forward(x, Mode.TRAIN).data, 0.0);
        }
        assertFalse(p.lastScales()[0] == r.forward(x, Mode.TRAIN).data[0]);
        assertFalse(p.lastScales()[0] == r.lastScales()[0]);
    }

    @Test
    void aHeldLayerKeepsItsDrawAndLaterDrawsAreUnchanged() {
        RandomScaleShift held = noise(10), free = noise(10);
        DMatrixRMaj x = TestData.gaussian(3, 4, 0, 1, 11);
        held.forward(x, Mode.TRAIN);
        free.forward(x, Mode.TRAIN);
        double[] kept = held.forward(x, Mode.TRAIN).data.clone();
        free.forward(x, Mode.TRAIN);
        StatefulLayer.Hold hold = held.hold();
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(kept, held.forward(x, Mode.TRAIN).data, 0.0);
        }
        hold.close();
        hold.close();
        assertArrayEquals(free.forward(x, Mode.TRAIN).data, held.forward(x, Mode.TRAIN).data, 0.0);
    }

    @Test
    void evaluationModeAppliesTheExpectedScaleAndShift() {
        RandomScaleShift layer = noise(12);
        DMatrixRMaj x = TestData.gaussian(3, 4, 0, 1, 13);
        layer.forward(x, Mode.TRAIN);
        DMatrixRMaj y = layer.forward(x, Mode.EVAL);
        assertEquals(1.25, layer.meanScale(), 0.0);
        assertEquals(1.0, layer.meanShift(), 0.0);
        for (int k = 0; k < x.getNumElements(); k++) {
            assertEquals(1.25 * x.data[k] + 1.0, y.data[k], 1e-15);
        }
        DMatrixRMaj dY = TestData.gaussian(3, 4, 0, 1, 14);
        DMatrixRMaj dX = layer.backward(dY);
        for (int k = 0; k < x.getNumElements(); k++) {
            assertEquals(1.25 * dY.data[k], dX.data[k], 1e-15);
        }
    }

    @Test
    void passesGradientCheckWithTheNoiseHeld() {
        RandomScaleShift layer = noise(15);
        layer.hold();
        GradientCheck.Result r = GradientCheck.layer(layer, TestData.gaussian(6, 4, 0.5, 2, 16), Mode.TRAIN, 17);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    @Test
    void badSettingsAreRejectedWithTheirValues() {
        IllegalArgumentException scale = assertThrows(IllegalArgumentException.class,
                () -> RandomScaleShift.builder(3).scale(2.0, 1.0));
        assertTrue(scale.getMessage().contains("[2.0, 1.0]"), scale.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RandomScaleShift.builder(3).scale(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> RandomScaleShift.builder(3).shift(1, 0));
        assertThrows(IllegalArgumentException.class, () -> RandomScaleShift.builder(0));
        IllegalStateException seed = assertThrows(IllegalStateException.class, () -> RandomScaleShift.builder(3).build());
        assertTrue(seed.getMessage().contains("seed"), seed.getMessage());
        RandomScaleShift layer = noise(18);
        IllegalArgumentException width = assertThrows(IllegalArgumentException.class,
                () -> layer.forward(new DMatrixRMaj(2, 5), Mode.TRAIN));
        assertTrue(width.getMessage().contains("4 columns"), width.getMessage());
    }
}
