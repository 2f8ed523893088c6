package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/** Seeded test inputs. */
final class TestData {
    private TestData() {
    }

    /** (n, d) with entries mean + std * N(0, 1). */
    static DMatrixRMaj gaussian(int n, int d, double mean, double std, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(n, d);
        for (int k = 0; k < m.getNumElements(); k++) {
            m.data[k] = mean + std * rng.nextGaussian();
        }
        return m;
    }

    static double[] columnMeans(DMatrixRMaj m) {
        double[] mean = new double[m.numCols];
        for (int r = 0; r < m.numRows; r++) {
            for (int j = 0; j < m.numCols; j++) {
                mean[j] += m.data[r * m.numCols + j] / m.numRows;
            }
        }
        return mean;
    }

    /** Biased (1/N) column variances. */
    static double[] columnVariances(DMatrixRMaj m) {
        double[] mean = columnMeans(m);
        double[] var = new double[m.numCols];
        for (int r = 0; r < m.numRows; r++) {
            for (int j = 0; j < m.numCols; j++) {
                double d = m.data[r * m.numCols + j] - mean[j];
                var[j] += d * d / m.numRows;
            }
        }
        return var;
    }
}
