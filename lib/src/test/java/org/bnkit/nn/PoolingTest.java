package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MaxPool2d and Flatten. */
class PoolingTest {

    /**
     * Distinct values 0.05 apart in random order: no two entries of a window are within the
     * finite-difference steps (4 h = 4e-3) of each other, so the maximum does not move.
     */
    private static DMatrixRMaj distinct(int n, int d, long seed) {
        List<Double> values = new ArrayList<>();
        for (int e = 0; e < n * d; e++) {
            values.add(0.05 * (e - n * d / 2));
        }
        Collections.shuffle(values, new Random(seed));
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        for (int e = 0; e < n * d; e++) {
            x.data[e] = values.get(e);
        }
        return x;
    }

    @Test
    void maxPoolTakesTheMaximumOfEachWindowAndDropsAnIncompleteLastRow() {
        MaxPool2d pool = new MaxPool2d("pool", new MapShape(1, 3, 4), 2);
        assertEquals(new MapShape(1, 1, 2), pool.outputShape());
        DMatrixRMaj x = new DMatrixRMaj(1, 12, true,
                1, 5, 2, 0,
                3, 4, 9, 8,
                99, 99, 99, 99);
        assertArrayEquals(new double[] {5, 9}, pool.forward(x, Mode.TRAIN).data, 0.0);
        DMatrixRMaj dX = pool.backward(new DMatrixRMaj(1, 2, true, 10, 20));
        assertArrayEquals(new double[] {0, 10, 0, 0, 0, 0, 20, 0, 0, 0, 0, 0}, dX.data, 0.0);
    }

    @Test
    void maxPoolPassesTheGradientCheck() {
        MaxPool2d pool = new MaxPool2d("pool", new MapShape(3, 6, 4), 2);
        GradientCheck.Result r = GradientCheck.layer(pool, distinct(2, 72, 1), Mode.TRAIN, 2);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
    }

    @Test
    void maxPoolNamesTheExpectedNchwShape() {
        MaxPool2d pool = new MaxPool2d("pool1", new MapShape(8, 28, 28), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pool.forward(new DMatrixRMaj(2, 784), Mode.TRAIN));
        assertTrue(e.getMessage().contains("MaxPool2d 'pool1'") && e.getMessage().contains("(N, 8*28*28) = (N, 6272)"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaxPool2d("p", new MapShape(1, 2, 2), 3));
    }

    @Test
    void flattenKeepsTheEntriesAndChecksTheShape() {
        Flatten flatten = new Flatten(new MapShape(2, 3, 3));
        DMatrixRMaj x = TestData.gaussian(4, 18, 0.0, 1.0, 3);
        assertArrayEquals(x.data, flatten.forward(x, Mode.TRAIN).data, 0.0);
        GradientCheck.Result r = GradientCheck.layer(flatten, x, Mode.TRAIN, 4);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> flatten.forward(new DMatrixRMaj(4, 16), Mode.TRAIN));
        assertTrue(e.getMessage().contains("Flatten 'flatten'") && e.getMessage().contains("(N, 2*3*3) = (N, 18)"), e.getMessage());
    }
}
