package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutTest {

    @Test
    void trainingDropsAboutPAndKeepsTheMeanWhileEvaluationIsTheIdentity() {
        Dropout drop = new Dropout("drop", 0.3, 1);
        DMatrixRMaj x = new DMatrixRMaj(200, 500);
        Arrays.fill(x.data, 2.0);
        DMatrixRMaj y = drop.forward(x, Mode.TRAIN);
        double mean = 0;
        for (double v : y.data) {
            assertTrue(v == 0.0 || Math.abs(v - 2.0 / 0.7) < 1e-15);
            mean += v / y.getNumElements();
        }
        // 100,000 Bernoulli(0.7) draws: the standard error of the kept fraction is 0.0014
        assertEquals(0.3, drop.droppedFraction(), 0.01);
        assertEquals(2.0, mean, 0.03);
        assertArrayEquals(x.data, drop.forward(x, Mode.EVAL).data, 0.0);
    }

    @Test
    void passesTheGradientCheckOnAFixedMask() {
        Dropout drop = new Dropout("drop", 0.5, 2);
        DMatrixRMaj x = TestData.gaussian(6, 7, 0.0, 1.0, 3);
        drop.hold();
        GradientCheck.Result r = GradientCheck.layer(drop, x, Mode.TRAIN, 4);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
        assertTrue(drop.droppedFraction() > 0.2, "the check ran on a mask that drops entries");
    }

    @Test
    void aHeldLayerReusesItsMaskAndAReleasedOneDrawsANewOne() {
        Dropout drop = new Dropout("drop", 0.5, 5);
        DMatrixRMaj x = TestData.gaussian(10, 10, 0.0, 1.0, 6);
        double[] first = drop.forward(x, Mode.TRAIN).data.clone();
        try (StatefulLayer.Hold hold = drop.hold()) {
            assertArrayEquals(first, drop.forward(x, Mode.TRAIN).data, 0.0);
        }
        assertFalse(Arrays.equals(first, drop.forward(x, Mode.TRAIN).data));
    }

    /** A held layer that meets a batch of a new shape draws a mask for it; closing the hold puts the random source back. */
    @Test
    void aHoldLeavesTheMasksThatFollowUnchanged() {
        Dropout held = new Dropout("drop", 0.5, 8), free = new Dropout("drop", 0.5, 8);
        DMatrixRMaj x = TestData.gaussian(4, 6, 0.0, 1.0, 9), other = TestData.gaussian(7, 6, 0.0, 1.0, 10);
        held.forward(x, Mode.TRAIN);
        free.forward(x, Mode.TRAIN);
        try (StatefulLayer.Hold hold = held.hold()) {
            held.forward(other, Mode.TRAIN);
        }
        assertArrayEquals(free.forward(x, Mode.TRAIN).data, held.forward(x, Mode.TRAIN).data, 0.0);
    }

    @Test
    void theSameSeedGivesTheSameMasks() {
        DMatrixRMaj x = TestData.gaussian(5, 8, 0.0, 1.0, 7);
        assertArrayEquals(new Dropout("a", 0.4, 9).forward(x, Mode.TRAIN).data,
                new Dropout("b", 0.4, 9).forward(x, Mode.TRAIN).data, 0.0);
    }

    @Test
    void aProbabilityOutsideZeroToOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout("drop1", 1.0, 1));
        assertTrue(e.getMessage().contains("Dropout 'drop1'") && e.getMessage().contains("[0, 1)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Dropout("d", -0.1, 1));
    }
}
