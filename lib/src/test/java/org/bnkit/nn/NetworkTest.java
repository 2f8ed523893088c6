package org.bnkit.nn;

import org.bnkit.check.GradientCheck;
import org.bnkit.check.Tolerances;
import org.bnkit.data.Batch;
import org.bnkit.data.Synthetic;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetworkTest {

    private static Batch classification(int n, int d, int k, long seed) {
        Random rng = new Random(seed);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(k);
        }
        return new Batch(TestData.gaussian(n, d, 0, 1, seed + 1), labels, null);
    }

    @Test
    void softmaxCrossEntropyPassesGradientCheck() {
        Batch b = classification(6, 5, 5, 1);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        DMatrixRMaj s = b.x();
        double l = loss.forward(s, b);
        DMatrixRMaj dS = loss.backward().copy();
        double maxErr = 0, scale = 0;
        for (int i = 0; i < s.getNumElements(); i++) {
            double num = GradientCheck.numericalDerivative(() -> loss.forward(s, b), s.data, i);
            maxErr = Math.max(maxErr, Math.abs(num - dS.data[i]));
            scale = Math.max(scale, Math.abs(num));
        }
        assertTrue(maxErr / scale < Tolerances.GRADIENT_CHECK, "relative error " + maxErr / scale);
        assertTrue(l > 0);
    }

    @Test
    void softmaxCrossEntropyOfUniformScoresIsLogK() {
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        assertEquals(Math.log(10), loss.forward(new DMatrixRMaj(3, 10), new int[] {0, 4, 9}), 1e-15);
        assertEquals(0.0, loss.forward(new DMatrixRMaj(1, 2, true, 1000.0, -1000.0), new int[] {0}), 1e-15);
    }

    @Test
    void squaredErrorPassesGradientCheck() {
        DMatrixRMaj y = TestData.gaussian(4, 3, 0, 1, 2), t = TestData.gaussian(4, 3, 0, 1, 3);
        SquaredError loss = new SquaredError();
        loss.forward(y, t);
        DMatrixRMaj dY = loss.backward().copy();
        for (int i = 0; i < y.getNumElements(); i++) {
            double num = GradientCheck.numericalDerivative(() -> loss.forward(y, t), y.data, i);
            assertEquals(num, dY.data[i], 1e-9);
        }
    }


    @Test
    void figureOneNetworkWithoutBatchNormPassesGradientCheck() {
        Sequential net = Mlp.builder(784).hidden(100, 100, 100).outputs(10).init(Init.xavier()).seed(4).build();
        GradientCheck.Result r = GradientCheck.model(net, new SoftmaxCrossEntropy(), Synthetic.binaryImages(8, 0.2, 5),
                Mode.TRAIN, 40, 6);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
        assertEquals(1 + 8, r.tensors().size());
    }

    @Test
    void figureOneNetworkWithBatchNormPassesGradientCheck() {
        Sequential net = Mlp.builder(784).hidden(100, 100, 100).outputs(10).batchNorm(true)
                .init(Init.xavier()).seed(7).build();
        GradientCheck.Result r = GradientCheck.model(net, new SoftmaxCrossEntropy(), Synthetic.binaryImages(8, 0.2, 8),
                Mode.TRAIN, 40, 9);
        assertTrue(r.passes(Tolerances.GRADIENT_CHECK), r.toString());
        // fc1..fc3 without bias (section 3.2), bn1..bn3 gamma and beta, fc4 W and b, and the input
        assertEquals(1 + 3 + 6 + 2, r.tensors().size());
    }

    @Test
    void mlpNamesLayersAsInThePaper() {
        Sequential net = Mlp.builder(784).hidden(100, 100, 100).outputs(10).batchNorm(true).seed(1).build();
        assertEquals("fc1", net.layer(0).name());
        assertEquals("bn1", net.layer(1).name());
        assertEquals("sigmoid1", net.layer(2).name());
        assertEquals("fc4", net.layer(net.size() - 1).name());
        assertEquals(784 * 100 + 2 * 100 * 100 + 100 * 10 + 10 + 6 * 100, net.parameterCount());
    }

    @Test
    void deepLinearNetworkHasNoNonlinearity() {
        Sequential dln = Mlp.builder(10).hidden(10, 10, 10).outputs(10).linear().seed(3).build();
        assertEquals(4, dln.size());
        assertTrue(dln.layersOfType(Sigmoid.class).isEmpty());
    }
}
