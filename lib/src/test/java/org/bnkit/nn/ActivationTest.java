package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationTest {

    @Test
    void sigmoidTanhReluPassGradientCheck() {
        DMatrixRMaj x = TestData.gaussian(5, 7, 0, 2, 1);
        // keep ReLU's inputs away from its kink at 0, where the derivative jumps
        for (int k = 0; k < x.getNumElements(); k++) {
            if (Math.abs(x.data[k]) < 1e-3) {
                x.data[k] = 0.5;
            }
        }
        for (Layer layer : List.of(new Sigmoid(), new Tanh(), new ReLU())) {
            GradientCheck.Result r = GradientCheck.layer(layer, x, Mode.TRAIN, 2);
            assertTrue(r.passes(Tolerances.GRADIENT_CHECK), layer + "\n" + r);
        }
    }

    @Test
    void valuesMatchTheirDefinitions() {
        DMatrixRMaj x = new DMatrixRMaj(1, 3, true, -2.0, 0.0, 3.0);
        DMatrixRMaj s = new Sigmoid().forward(x, Mode.EVAL);
        assertEquals(1 / (1 + Math.exp(2.0)), s.data[0], 1e-16);
        assertEquals(0.5, s.data[1], 0.0);
        DMatrixRMaj r = new ReLU().forward(x, Mode.EVAL);
        assertEquals(0.0, r.data[0], 0.0);
        assertEquals(3.0, r.data[2], 0.0);
        assertEquals(Math.tanh(3.0), new Tanh().forward(x, Mode.EVAL).data[2], 0.0);
    }

    @Test
    void reluPassesTheGradientExactlyWherePositiveAndPlusZeroElsewhere() {
        // the kink (+0 and -0), the smallest values either side of it, ordinary and extreme values
        double[] inputs = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, 1e-300, -1e-300, 0.5, -0.5, 3.0, -3.0,
                Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        DMatrixRMaj x = new DMatrixRMaj(2, inputs.length);
        DMatrixRMaj dY = new DMatrixRMaj(2, inputs.length);
        for (int k = 0; k < inputs.length; k++) {
            x.data[k] = inputs[k];
            x.data[inputs.length + k] = inputs[k];
            dY.data[k] = -1.25 - k;           // negative gradients: a masked one must be +0, not -0
            dY.data[inputs.length + k] = 0.75 + k;
        }
        ReLU relu = new ReLU();
        relu.forward(x, Mode.TRAIN);
        DMatrixRMaj dX = relu.backward(dY);
        for (int k = 0; k < x.data.length; k++) {
            double expected = x.data[k] > 0.0 ? dY.data[k] : 0.0;
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(dX.data[k]),
                    "x = " + x.data[k] + ", dY = " + dY.data[k] + ": dX = " + dX.data[k]);
        }
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        DMatrixRMaj x = new DMatrixRMaj(1, 2, true, -1000.0, 1000.0);
        DMatrixRMaj s = new Sigmoid().forward(x, Mode.TRAIN);
        assertEquals(0.0, s.data[0], 0.0);
        assertEquals(1.0, s.data[1], 0.0);
    }
}
