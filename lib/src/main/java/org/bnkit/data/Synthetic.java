package org.bnkit.data;

import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * Seeded synthetic data: Gaussian inputs, and the deep-linear-network task of Santurkar et al.
 * (2018), section 2.2 and appendix: targets {@code y = A x} for a random matrix A.
 */
public final class Synthetic {
    private Synthetic() {
    }

    /** An (n, d) matrix of independent N(0, std^2) entries. */
    public static DMatrixRMaj gaussian(int n, int d, double std, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(n, d);
        for (int k = 0; k < m.getNumElements(); k++) {
            m.data[k] = std * rng.nextGaussian();
        }
        return m;
    }

    /** An (n, d) matrix of independent N(0, 1) entries. */
    public static DMatrixRMaj gaussian(int n, int d, long seed) {
        return gaussian(n, d, 1.0, seed);
    }

    /**
     * Inputs x ~ N(0, I) and targets {@code y = A x}: in row form {@code Y = X A^T}.
     *
     * @param a (K, D): the map to learn. Not modified.
     * @param n the number of examples
     */
    public static Dataset linearTarget(String name, DMatrixRMaj a, int n, long seed) {
        int d = a.numCols, k = a.numRows;
        DMatrixRMaj x = gaussian(n, d, seed);
        DMatrixRMaj y = new DMatrixRMaj(n, k);
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < k; i++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += a.data[i * d + j] * x.data[r * d + j];
                }
                y.data[r * k + i] = s;
            }
        }
        return Dataset.regression(name, x, y);
    }

    /**
     * A batch shaped like the paper's MNIST input: {@code n} binary 28x28 images whose pixels are
     * 1 with probability {@code density}, each on its own (binarized MNIST has 13.2% ones over the
     * training set, in strokes; 19.1% of its pixels are non-zero in grayscale), with uniform random
     * labels 0-9. For tests and gradient checks, where the exact digits do not matter.
     */
    public static Batch binaryImages(int n, double density, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, Mnist.PIXELS);
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            labels[r] = rng.nextInt(Mnist.CLASSES);
            for (int k = 0; k < Mnist.PIXELS; k++) {
                x.data[r * Mnist.PIXELS + k] = rng.nextDouble() < density ? 1.0 : 0.0;
            }
        }
        return new Batch(x, labels, null);
    }

    /**
     * Gaussian clusters for small classification demos: class c has mean {@code separation * e_c}
     * (first {@code classes} coordinates) and unit variance.
     */
    public static Dataset gaussianClasses(String name, int n, int d, int classes, double separation, long seed) {
        if (classes > d) {
            throw new IllegalArgumentException("Synthetic.gaussianClasses: need d >= classes, got d = " + d + ", classes = " + classes);
        }
        Random rng = new Random(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, d);
        int[] labels = new int[n];
        for (int r = 0; r < n; r++) {
            labels[r] = rng.nextInt(classes);
            for (int j = 0; j < d; j++) {
                x.data[r * d + j] = rng.nextGaussian() + (j == labels[r] ? separation : 0.0);
            }
        }
        return Dataset.classification(name, x, labels, classes);
    }
}
