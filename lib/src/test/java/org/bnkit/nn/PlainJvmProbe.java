package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

/**
 * Runs a BatchNorm training step (forward in both modes, backward) on fixed inputs and prints
 * which loops ran and a fingerprint of every bit of the outputs; {@link BatchNormKernelsTest}
 * starts it in a JVM without the Vector API.
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
