package org.bnkit.data;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetTest {

    @Test
    void forEachBatchCoversEveryExampleInOrder() {
        DMatrixRMaj x = new DMatrixRMaj(7, 1);
        for (int i = 0; i < 7; i++) {
            x.data[i] = i;
        }
        Dataset d = Dataset.classification("d", x, new int[] {0, 1, 0, 1, 0, 1, 0}, 2);
        double[] seen = new double[7];
        int[] n = {0};
        d.forEachBatch(3, b -> {
            for (int r = 0; r < b.size(); r++) {
                seen[n[0]++] = b.x().data[r];
            }
        });
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6}, seen);
    }

    @Test
    void sampledBatchesAreSeededAndWithoutRepeats() {
        Dataset d = Synthetic.gaussianClasses("g", 50, 3, 2, 1.0, 1);
        List<DMatrixRMaj> a = d.sampleInputBatches(3, 10, 5), b = d.sampleInputBatches(3, 10, 5);
        for (int t = 0; t < 3; t++) {
            assertArrayEquals(a.get(t).data, b.get(t).data, 0.0);
        }
    }

    @Test
    void linearTargetIsAx() {
        DMatrixRMaj a = Synthetic.gaussian(2, 3, 9);
        Dataset d = Synthetic.linearTarget("dln", a, 4, 10);
        double[] x = d.input(1);
        for (int i = 0; i < 2; i++) {
            double s = 0;
            for (int j = 0; j < 3; j++) {
                s += a.data[i * 3 + j] * x[j];
            }
            assertEquals(s, d.targets().data[1 * 2 + i], 1e-15);
        }
    }

    @Test
    void badLabelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification("d", new DMatrixRMaj(2, 1), new int[] {0, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> Dataset.classification("d", new DMatrixRMaj(2, 1), new int[] {0}, 3));
    }
}
