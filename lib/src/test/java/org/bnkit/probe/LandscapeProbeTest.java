package org.bnkit.probe;

import org.bnkit.data.Batch;
import org.bnkit.data.Synthetic;
import org.bnkit.nn.Linear;
import org.bnkit.nn.Sequential;
import org.bnkit.nn.SoftmaxCrossEntropy;
import org.bnkit.nn.SquaredError;
import org.bnkit.train.Sgd;
import org.bnkit.train.Trainer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LandscapeProbeTest {

    /**
     * One linear layer without bias under the squared error is a quadratic in W:
     * L(W) = 1/(NK) ||X W - T||^2, g = 2/(NK) X^T (X W - T), and along -g
     * L(W - eta g) = L - eta ||g||^2 + eta^2 ||X g||^2 / (NK),  g(W - eta g) - g = -eta 2/(NK) X^T X g.
     */
    @Test
    void onAQuadraticTheMeasuresHaveTheirClosedForms() {
        int n = 12, d = 5, k = 3;
        DMatrixRMaj x = Synthetic.gaussian(n, d, 1);
        DMatrixRMaj t = Synthetic.gaussian(n, k, 2);
        DMatrixRMaj w = Synthetic.gaussian(d, k, 3);
        Sequential model = new Sequential(Linear.withWeights("fc", w, null));
        Batch batch = new Batch(x, null, t);
        double[] etas = {0.01, 0.1, 0.5};
        LandscapeProbe.Point p = LandscapeProbe.measure(model, new SquaredError(), batch, etas);

        DMatrixRMaj r = new DMatrixRMaj(n, k), g = new DMatrixRMaj(d, k), xg = new DMatrixRMaj(n, k), hg = new DMatrixRMaj(d, k);
        CommonOps_DDRM.mult(x, w, r);
        CommonOps_DDRM.subtractEquals(r, t);
        CommonOps_DDRM.multTransA(x, r, g);
        CommonOps_DDRM.scale(2.0 / (n * k), g);
        CommonOps_DDRM.mult(x, g, xg);
        CommonOps_DDRM.multTransA(x, xg, hg);
        CommonOps_DDRM.scale(2.0 / (n * k), hg);
        double loss = CommonOps_DDRM.elementSum(elementSquare(r)) / (n * k);
        double gg = CommonOps_DDRM.elementSum(elementSquare(g));
        double xgxg = CommonOps_DDRM.elementSum(elementSquare(xg));
        double hgNorm = Math.sqrt(CommonOps_DDRM.elementSum(elementSquare(hg)));

        assertEquals(loss, p.loss(), 1e-12);
        assertEquals(Math.sqrt(gg), p.gradientNorm(), 1e-12);
        for (int i = 0; i < etas.length; i++) {
            double eta = etas[i];
            assertEquals(loss - eta * gg + eta * eta * xgxg / (n * k), p.losses()[i], 1e-12);
            assertEquals(eta * hgNorm, p.gradientDistances()[i], 1e-12);
        }
        assertEquals(hgNorm / Math.sqrt(gg), p.beta(), 1e-10);
        double lo = loss, hi = loss;
        for (double l : p.losses()) {
            lo = Math.min(lo, l);
            hi = Math.max(hi, l);
        }
        assertEquals(lo, p.minLoss(), 0.0);
        assertEquals(hi, p.maxLoss(), 0.0);
        assertEquals(p.gradientDistances()[0], p.minDistance(), 0.0);
        assertEquals(p.gradientDistances()[2], p.maxDistance(), 0.0);
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj m) {
        DMatrixRMaj s = new DMatrixRMaj(m.numRows, m.numCols);
        CommonOps_DDRM.elementMult(m, m, s);
        return s;
    }

    @Test
    void measuringRestoresTheModelExactly() {
        for (Supplier<Sequential> make : List.<Supplier<Sequential>>of(ProbeNets::plain, ProbeNets::bn, ProbeNets::noisy, ProbeNets::l1)) {
            Sequential model = make.get();
            Trainer.builder(model, new SoftmaxCrossEntropy(), new Sgd(0.3)).batchSize(20).seed(1).build().train(ProbeNets.DATA, 4);
            List<double[]> before = ProbeNets.state(model);
            LandscapeProbe.Point p = LandscapeProbe.measure(model, new SoftmaxCrossEntropy(), ProbeNets.batch(30, 2), 0.1, 0.4, 1.6);
            List<double[]> after = ProbeNets.state(model);
            for (int k = 0; k < before.size(); k++) {
                assertArrayEquals(before.get(k), after.get(k), 0.0);
            }
            assertTrue(p.beta() > 0 && p.maxDistance() > 0);
        }
    }

    @Test
    void asAHookItMeasuresEveryKStepsWithoutChangingTheRun() {
        LandscapeProbe probe = new LandscapeProbe(new SoftmaxCrossEntropy(), 4, 0.1, 0.2);
        double[] probed = Trainer.builder(ProbeNets.noisy(), new SoftmaxCrossEntropy(), new Sgd(0.3)).batchSize(20).seed(1)
                .hook(probe).build().train(ProbeNets.DATA, 12).losses();
        double[] plain = Trainer.builder(ProbeNets.noisy(), new SoftmaxCrossEntropy(), new Sgd(0.3)).batchSize(20).seed(1)
                .build().train(ProbeNets.DATA, 12).losses();
        assertArrayEquals(plain, probed, 0.0);
        assertArrayEquals(new long[] {4, 8, 12}, probe.steps());
        assertEquals(3, probe.beta().length);
        // the loss at the probed point is the step's own loss
        assertEquals(probed[3], probe.points().get(0).loss(), 0.0);
        for (int i = 0; i < 3; i++) {
            assertTrue(probe.minLoss()[i] <= probe.maxLoss()[i] && probe.minDistance()[i] <= probe.maxDistance()[i]);
        }
    }

    @Test
    void stepSizesMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LandscapeProbe(new SoftmaxCrossEntropy(), 1, 0.1, 0.0));
        assertTrue(e.getMessage().contains("> 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LandscapeProbe(new SoftmaxCrossEntropy(), 1));
    }
}
