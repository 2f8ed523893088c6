package org.bnkit.exercise;

import org.bnkit.data.Synthetic;
import org.bnkit.whitening.Whitening;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/** The graders of notebook 02's exercises: ZCA whitening, and the variance of fresh examples after it. */
public final class Notebook02 {
    private static final double EPS = 1e-5;
    private static final long SEED = 2021;

    private Notebook02() {
    }

    /** A student's ZCA whitening: x (m, d), not modified, to x_hat (m, d). */
    @FunctionalInterface
    public interface Zca {
        DMatrixRMaj whiten(DMatrixRMaj x, double eps);
    }

    /** A student's prediction (S^2)_jj from the eigenvalues and eigenvectors (as columns) of Sigma. */
    @FunctionalInterface
    public interface FreshVariance {
        double[] predict(double[] lambda, DMatrixRMaj u, double eps);
    }

    /** Exercise 2.1: against {@link Whitening#zca} on four batches, naming two common slips. */
    public static void zcaWhitening(Zca student) {
        Grading.exercise("2.1", "ZCA whitening", () -> {
            DMatrixRMaj mixed = new DMatrixRMaj(500, 5);
            CommonOps_DDRM.mult(Synthetic.gaussian(500, 5, 1.0, SEED), Synthetic.gaussian(5, 5, 1.0, SEED + 1), mixed);
            for (int i = 0; i < 500; i++) {
                for (int j = 0; j < 5; j++) {
                    mixed.add(i, j, 2.0 * j);
                }
            }
            DMatrixRMaj scales = Synthetic.gaussian(10, 3, 1.0, SEED + 4);
            for (int i = 0; i < 10; i++) {
                scales.set(i, 1, scales.get(i, 1) + 0.5 * scales.get(i, 0));
                scales.set(i, 0, 100 * scales.get(i, 0));
                scales.set(i, 2, 0.01 * scales.get(i, 2));
            }
            DMatrixRMaj constant = Synthetic.gaussian(20, 4, 1.0, SEED + 5);
            for (int i = 0; i < 20; i++) {
                constant.set(i, 2, 1.5);
            }
            checkWhitening(student, "a 500 x 5 batch of correlated features with different means", mixed, EPS);
            checkWhitening(student, "10 examples on scales 100, 1 and 0.01", scales, EPS);
            checkWhitening(student, "m = 4 examples in d = 6 dimensions (rank 3), eps = 1e-3",
                    Synthetic.gaussian(4, 6, 1.0, SEED + 6), 1e-3);
            checkWhitening(student, "a 20 x 4 batch whose feature 3 is constant", constant, EPS);
        });
    }

    private static double[] spectrum(DMatrixRMaj a) {
        return Whitening.eigen(Whitening.covariance(Whitening.center(a, Whitening.mean(a)))).values();
    }

    private static void checkWhitening(Zca student, String name, DMatrixRMaj x, double eps) {
        int m = x.numRows;
        Whitening w = Whitening.zca(x, eps);
        DMatrixRMaj expected = w.whitened();
        DMatrixRMaj notCentered = Whitening.apply(x, w.inverseSqrt());
        // Sigma / (m - 1): S shrinks by sqrt((m - 1) / m), with eps rescaled to match
        DMatrixRMaj unbiased = Whitening.zca(x, eps * (m - 1) / m).whitened();
        CommonOps_DDRM.scale(Math.sqrt((m - 1.0) / m), unbiased);
        DMatrixRMaj before = x.copy();
        DMatrixRMaj mine = student.whiten(x, eps);
        Grading.unmodified("x", before, x);
        if (mine != null && mine.numRows == expected.numRows && mine.numCols == expected.numCols) {
            Grading.close("the spectrum of Cov[x_hat] for " + name + " (its eigenvalues, largest first)", spectrum(expected),
                    spectrum(mine), 1e-9,
                    "x_hat must be white: Sigma = xc^T xc / m of the centred batch, S = U diag((lambda + eps)^-1/2) U^T with "
                            + "the unit eigenvectors u_k as the columns of U, and x_hat = xc S",
                    Grading.mistake("dividing Sigma by m - 1 instead of m", spectrum(unbiased)));
        }
        Grading.close("x_hat for " + name, expected, mine, 1e-10,
                "your x_hat has the covariance of a whitened batch but is not the ZCA whitening of x: whiten xc = x - mu, "
                        + "not x, and make S the symmetric U diag((lambda + eps)^-1/2) U^T (without the final U^T it is PCA "
                        + "whitening, rotated away from x)",
                Grading.mistake("not subtracting the mean (x S instead of (x - mu) S)", notCentered),
                Grading.mistake("dividing Sigma by m - 1 instead of m", unbiased));
    }

    /** Exercise 2.2: against diag(S S) of the library's S on three whitenings, naming two slips. */
    public static void freshVariance(FreshVariance student) {
        Grading.exercise("2.2", "variance of fresh examples", () -> {
            checkFreshVariance(student, "a batch of 60 in 100 dimensions", Whitening.zca(Synthetic.gaussian(60, 100, 1.0, SEED + 7), EPS));
            checkFreshVariance(student, "a batch of 500 in 5 dimensions", Whitening.zca(Synthetic.gaussian(500, 5, 2.0, SEED + 8), EPS));
            checkFreshVariance(student, "4 examples in 6 dimensions, eps = 1e-3", Whitening.zca(Synthetic.gaussian(4, 6, 1.0, SEED + 9), 1e-3));
        });
    }

    private static void checkFreshVariance(FreshVariance student, String name, Whitening w) {
        DMatrixRMaj s = w.inverseSqrt(), u = w.eigenvectors();
        double[] lambda = w.eigenvalues();
        int d = lambda.length;
        double[] expected = new double[d], diagS = new double[d], transposed = new double[d];
        for (int j = 0; j < d; j++) {
            diagS[j] = s.get(j, j);
            for (int k = 0; k < d; k++) {
                expected[j] += s.get(j, k) * s.get(k, j);                                          // (S S)_jj
                transposed[j] += u.get(k, j) * u.get(k, j) / (Math.max(lambda[k], 0) + w.eps());   // U_kj: rows for columns
            }
        }
        double[] mine = student.predict(lambda.clone(), w.eigenvectors(), w.eps());
        Grading.close("(S^2)_jj for " + name, expected, mine, 1e-10,
                "(S^2)_jj = sum_k U_jk^2 / (lambda_k + eps): row j of U, each entry squared, weighted by 1/(lambda_k + eps)",
                Grading.mistake("taking the diagonal of S itself, with (lambda_k + eps)^-1/2 instead of (lambda_k + eps)^-1", diagS),
                Grading.mistake("summing over a column of U (U_kj) instead of a row (U_jk)", transposed));
    }
}
