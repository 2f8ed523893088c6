package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResidualTest {

    private static Residual block(int width, long seed) {
        Random rng = new Random(seed);
        return new Residual("block", new Sequential("f", List.of(
                new Linear("fc", width, width, Init.xavier(), rng, false),
                new BatchNorm("bn", width),
                new Tanh("tanh"))));
    }

    @Test
    void outputIsTheInputPlusTheBody() {
        Residual block = block(5, 1);
        DMatrixRMaj x = TestData.gaussian(8, 5, 0.0, 1.0, 2);
        double[] f = block.body().forward(x, Mode.TRAIN).data.clone();
        DMatrixRMaj y = block.forward(x, Mode.TRAIN);
        for (int e = 0; e < f.length; e++) {
            assertEquals(x.data[e] + f[e], y.data[e], 0.0);
        }
        assertEquals(block.body().parameters(), block.parameters());
    }

    @Test
    void passesTheGradientCheckWithBatchNormInside() {
        Residual block = block(4, 3);
        GradientCheck.Result r = GradientCheck.layer(block, TestData.gaussian(6, 4, 0.5, 2.0, 4), Mode.TRAIN, 5);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    @Test
    void backwardToParametersGivesTheSameGradientsAsBackward() {
        Residual block = block(4, 6);
        DMatrixRMaj x = TestData.gaussian(5, 4, 0.0, 1.0, 7), dY = TestData.gaussian(5, 4, 0.0, 1.0, 8);
        block.forward(x, Mode.TRAIN);
        block.backward(dY);
        double[] dW = block.parameters().get(0).grad().data.clone();
        block.parameters().forEach(Parameter::zeroGrad);
        block.forward(x, Mode.TRAIN);
        block.backwardToParameters(dY);
        assertArrayEquals(dW, block.parameters().get(0).grad().data, 0.0);
    }

    @Test
    void aBodyThatChangesTheShapeIsRejectedWithTheShapes() {
        Residual block = new Residual("block1", new Linear("fc", 4, 3, Init.xavier(), new Random(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> block.forward(new DMatrixRMaj(2, 4), Mode.TRAIN));
        assertTrue(e.getMessage().contains("Residual 'block1'") && e.getMessage().contains("(2, 3)"), e.getMessage());
    }
}
