package org.bnkit.nn;

import org.bnkit.data.Batch;
import org.bnkit.data.Synthetic;
import org.bnkit.train.Sgd;
import org.ejml.data.DMatrixRMaj;

/**
 * Runs a BatchNorm training step (forward in both modes, backward) on fixed inputs, and five SGD
 * steps of the paper's MNIST network (Figure 1: 784-100-100-100-10 sigmoid, batch 60, binarized
 * inputs) with and without BN, and prints which loops ran and a fingerprint of every bit of the
 * outputs and weights; {@link BatchNormKernelsTest} starts it in a JVM without the Vector API.
 */
public final class PlainJvmProbe {
    private PlainJvmProbe() {
    }

    /** {@code "<loops> bits <hash>"}, the hash over every output double's bits. */
    static String fingerprint() {
        long h = 17;
        for (BatchNorm bn : new BatchNorm[] {new BatchNorm("probe", 37), BatchNorm.builder(3).featureMaps(2, 5).build()}) {
            DMatrixRMaj x = TestData.gaussian(7, bn.width(), 2, 3, 5);
            DMatrixRMaj g = TestData.gaussian(7, bn.width(), 0, 1, 6);
            h = hash(h, bn.forward(x, Mode.TRAIN).data);
            h = hash(h, bn.backward(g).data);
            h = hash(h, bn.gamma().grad().data);
            h = hash(h, bn.beta().grad().data);
            h = hash(h, bn.forward(x, Mode.EVAL).data);
            h = hash(h, bn.backward(g).data);
        }
        for (boolean withBn : new boolean[] {false, true}) {
            Sequential net = Mlp.builder(784).hidden(100, 100, 100).outputs(10).batchNorm(withBn)
                    .init(Init.xavier()).seed(3).build();
            Batch batch = Synthetic.binaryImages(60, 0.19, 4);
            SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
            Sgd sgd = new Sgd(0.5);
            for (int step = 0; step < 5; step++) {
                net.zeroGrad();
                h = 31 * h + Double.doubleToLongBits(loss.forward(net.forward(batch.x(), Mode.TRAIN), batch));
                net.backwardToParameters(loss.backward());
                sgd.step(net.parameters());
            }
            for (Parameter p : net.parameters()) {
                h = hash(h, p.value().data);
            }
            h = hash(h, net.forward(batch.x(), Mode.EVAL).data);
        }
        return Kernels.describe() + " bits " + Long.toHexString(h);
    }

    private static long hash(long h, double[] values) {
        for (double v : values) {
            h = 31 * h + Double.doubleToLongBits(v);
        }
        return h;
    }

    public static void main(String[] args) {
        System.out.println(fingerprint());
    }
}
