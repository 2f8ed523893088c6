package org.bnkit.probe;

import org.bnkit.nn.Layer;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.train.Sgd;
import org.bnkit.train.Trainer;
import org.bnkit.train.TrainingHook;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LayerMomentsTest {

    @Test
    void recordsTheBatchMeanAndStdOfEveryUnitAndTheirShifts() {
        Sequential model = ProbeNets.bn();
        int sigmoid = 2;
        LayerMoments moments = new LayerMoments(sigmoid, 3);
        List<DMatrixRMaj> inputs = new ArrayList<>();
        TrainingHook copier = new TrainingHook() {
            @Override
            public boolean observesLayers(long step) {
                return (step - 1) % 3 == 0;
            }

            @Override
            public void forward(long step, int index, Layer layer, DMatrixRMaj input, DMatrixRMaj output) {
                if (index == sigmoid) {
                    inputs.add(input.copy());
                }
            }
        };
        Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.3)).batchSize(20).seed(1).hook(moments).hook(copier)
                .build().train(ProbeNets.DATA, 9);
        assertArrayEquals(new long[] {1, 4, 7}, moments.steps());
        int d = 7;
        double[][] mu = new double[3][d], sd = new double[3][d];
        for (int t = 0; t < 3; t++) {
            DMatrixRMaj x = inputs.get(t);
            for (int j = 0; j < d; j++) {
                double s = 0, s2 = 0;
                for (int r = 0; r < 20; r++) {
                    s += x.get(r, j);
                }
                mu[t][j] = s / 20;
                for (int r = 0; r < 20; r++) {
                    s2 += (x.get(r, j) - mu[t][j]) * (x.get(r, j) - mu[t][j]);
                }
                sd[t][j] = Math.sqrt(s2 / 20);
            }
            assertArrayEquals(mu[t], moments.means().get(t), 1e-14);
            assertArrayEquals(sd[t], moments.stds().get(t), 1e-14);
        }
        for (int t = 1; t < 3; t++) {
            double m = 0, s = 0;
            for (int j = 0; j < d; j++) {
                m += Math.abs(mu[t][j] - mu[t - 1][j]) / d;
                s += Math.abs(sd[t][j] - sd[t - 1][j]) / d;
            }
            assertEquals(m, moments.meanShift()[t - 1], 1e-14);
            assertEquals(s, moments.stdShift()[t - 1], 1e-14);
        }
    }

    @Test
    void badSettingsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new LayerMoments(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new LayerMoments(0, 0));
    }
}
