package org.bnkit.check;

import org.bnkit.nn.Layer;
import org.bnkit.nn.Mode;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GradientCheckTest {

    /** y = x^2 with a backward pass that is wrong by a factor (1 + error). */
    private static Layer square(double error) {
        return new Layer() {
            private DMatrixRMaj x;

            @Override
            public DMatrixRMaj forward(DMatrixRMaj x, Mode mode) {
                this.x = x;
                DMatrixRMaj y = x.copy();
                for (int k = 0; k < y.getNumElements(); k++) {
                    y.data[k] = x.data[k] * x.data[k];
                }
                return y;
            }

            @Override
            public DMatrixRMaj backward(DMatrixRMaj dY) {
                DMatrixRMaj dX = dY.copy();
                for (int k = 0; k < dX.getNumElements(); k++) {
                    dX.data[k] = dY.data[k] * 2 * x.data[k] * (1 + error);
                }
                return dX;
            }

            @Override
            public String name() {
                return "square";
            }
        };
    }

    @Test
    void correctBackwardPassesAndWrongOneFails() {
        DMatrixRMaj x = new DMatrixRMaj(2, 3, true, 0.5, -1.0, 2.0, 0.1, 3.0, -0.7);
        assertTrue(GradientCheck.layer(square(0), x, Mode.TRAIN, 1).passes(Tolerances.GRADIENT_CHECK));
        GradientCheck.Result wrong = GradientCheck.layer(square(1e-5), x, Mode.TRAIN, 1);
        assertFalse(wrong.passes(Tolerances.GRADIENT_CHECK));
        assertThrows(AssertionError.class, wrong::requirePasses);
    }

    @Test
    void relativeErrorIsScaleFree() {
        assertEquals(0.0, GradientCheck.relativeError(0, 0));
        assertEquals(0.5, GradientCheck.relativeError(1, 2), 1e-15);
        assertEquals(GradientCheck.relativeError(1e-6, 2e-6), GradientCheck.relativeError(1, 2), 1e-15);
    }
}
