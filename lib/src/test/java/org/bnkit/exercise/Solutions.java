package org.bnkit.exercise;

import org.ejml.data.DMatrixRMaj;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test helpers: the message of a grader's failure, and per-column BN forward with options for the slips. */
final class Solutions {
    private Solutions() {
    }

    /** The grader's failure message; fails the test if the grader passes. */
    static String failure(Runnable grader) {
        return assertThrows(ExerciseFailedException.class, grader::run).getMessage();
    }

    /** Asserts that the grader fails and that its message contains {@code expected}. */
    static void failsWith(String expected, Runnable grader) {
        String m = failure(grader);
        assertTrue(m.contains(expected), "expected the message to contain \"" + expected + "\", got: " + m);
    }

    /** y = gamma (x - mu) / sqrt(var + eps) + beta per column, the variance divided by {@code divisor(m)}. */
    static DMatrixRMaj forward(DMatrixRMaj x, double[] gamma, double[] beta, double eps, boolean unbiased) {
        int m = x.numRows, d = x.numCols;
        DMatrixRMaj y = new DMatrixRMaj(m, d);
        for (int j = 0; j < d; j++) {
            double mu = 0, var = 0;
            for (int i = 0; i < m; i++) {
                mu += x.get(i, j) / m;
            }
            for (int i = 0; i < m; i++) {
                var += Math.pow(x.get(i, j) - mu, 2) / (unbiased ? m - 1 : m);
            }
            for (int i = 0; i < m; i++) {
                y.set(i, j, gamma[j] * (x.get(i, j) - mu) / Math.sqrt(var + eps) + beta[j]);
            }
        }
        return y;
    }
}
