package org.bnkit.exercise;

import org.bnkit.whitening.Whitening;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

import static org.bnkit.exercise.Solutions.failsWith;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

/** The graders of notebooks 00, 02 and 03 against the reference solutions and the named slips. */
class Notebook00To03Test {

    @Test
    void sigmoidDerivative() {
        assertDoesNotThrow(() -> Notebook00.sigmoidDerivative(y -> y * (1 - y)));
        failsWith("using the tanh's derivative", () -> Notebook00.sigmoidDerivative(y -> 1 - y * y));
        failsWith("applying the sigmoid to y again", () -> Notebook00.sigmoidDerivative(y -> {
            double g = 1 / (1 + Math.exp(-y));
            return g * (1 - g);
        }));
        failsWith("Exercise 0.1 (sigmoid derivative) is not implemented yet", () -> Notebook00.sigmoidDerivative(y -> {
            throw Grading.notImplemented("return g'(x)");
        }));
    }

    @Test
    void zcaWhitening() {
        assertDoesNotThrow(() -> Notebook02.zcaWhitening((x, eps) -> Whitening.zca(x, eps).whitened()));
        failsWith("not subtracting the mean", () -> Notebook02.zcaWhitening((x, eps) ->
                Whitening.apply(x, Whitening.zca(x, eps).inverseSqrt())));
        failsWith("dividing Sigma by m - 1 instead of m", () -> Notebook02.zcaWhitening((x, eps) -> {
            DMatrixRMaj xc = Whitening.center(x, Whitening.mean(x)), sigma = Whitening.covariance(xc);
            CommonOps_DDRM.scale(x.numRows / (x.numRows - 1.0), sigma);
            return Whitening.apply(xc, Whitening.inverseSqrt(Whitening.eigen(sigma), eps));
        }));
        failsWith("your code changed its input x", () -> Notebook02.zcaWhitening((x, eps) -> {
            DMatrixRMaj y = Whitening.zca(x, eps).whitened();
            x.set(0, 0, 42);
            return y;
        }));
    }

    @Test
    void freshVariance() {
        Notebook02.FreshVariance reference = (lambda, u, eps) -> {
            double[] v = new double[lambda.length];
            for (int j = 0; j < v.length; j++) {
                for (int k = 0; k < v.length; k++) {
                    v[j] += u.get(j, k) * u.get(j, k) / (Math.max(lambda[k], 0) + eps);
                }
            }
            return v;
        };
        assertDoesNotThrow(() -> Notebook02.freshVariance(reference));
        failsWith("taking the diagonal of S itself", () -> Notebook02.freshVariance((lambda, u, eps) -> {
            double[] v = new double[lambda.length];
            for (int j = 0; j < v.length; j++) {
                for (int k = 0; k < v.length; k++) {
                    v[j] += u.get(j, k) * u.get(j, k) / Math.sqrt(Math.max(lambda[k], 0) + eps);
                }
            }
            return v;
        }));
        failsWith("summing over a column of U", () -> Notebook02.freshVariance((lambda, u, eps) -> {
            double[] v = new double[lambda.length];
            for (int j = 0; j < v.length; j++) {
                for (int k = 0; k < v.length; k++) {
                    v[j] += u.get(k, j) * u.get(k, j) / (Math.max(lambda[k], 0) + eps);
                }
            }
            return v;
        }));
    }

    @Test
    void bnForward() {
        assertDoesNotThrow(() -> Notebook03.bnForward((x, g, b, eps) -> Solutions.forward(x, g, b, eps, false)));
        failsWith("dividing the variance by m - 1", () -> Notebook03.bnForward((x, g, b, eps) -> Solutions.forward(x, g, b, eps, true)));
        failsWith("leaving eps out of the square root", () -> Notebook03.bnForward((x, g, b, eps) -> Solutions.forward(x, g, b, 0, false)));
        failsWith("leaving out the scale and shift", () -> Notebook03.bnForward((x, g, b, eps) ->
                Solutions.forward(x, ones(g.length), new double[g.length], eps, false)));
    }

    private static double[] ones(int n) {
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1.0);
        return v;
    }

    /** Per-map BN by the reference method: each map's values gathered into one column of a (N*H*W, C) batch. */
    private static DMatrixRMaj mapsForward(DMatrixRMaj x, int c, int h, int w, double[] g, double[] b, double eps, boolean perPosition) {
        int n = x.numRows, p = h * w;
        if (perPosition) {
            double[] gg = new double[c * p], bb = new double[c * p];
            for (int k = 0; k < c * p; k++) {
                gg[k] = g[k / p];
                bb[k] = b[k / p];
            }
            return Solutions.forward(x, gg, bb, eps, false);
        }
        DMatrixRMaj col = new DMatrixRMaj(n * p, c);
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < c * p; k++) {
                col.set(r * p + k % p, k / p, x.get(r, k));
            }
        }
        DMatrixRMaj yc = Solutions.forward(col, g, b, eps, false), y = new DMatrixRMaj(n, c * p);
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < c * p; k++) {
                y.set(r, k, yc.get(r * p + k % p, k / p));
            }
        }
        return y;
    }

    @Test
    void bnForwardMaps() {
        assertDoesNotThrow(() -> Notebook03.bnForwardMaps((x, c, h, w, g, b, eps) -> mapsForward(x, c, h, w, g, b, eps, false)));
        failsWith("normalizing each position on its own", () -> Notebook03.bnForwardMaps((x, c, h, w, g, b, eps) ->
                mapsForward(x, c, h, w, g, b, eps, true)));
        failsWith("leaving out the scale and shift", () -> Notebook03.bnForwardMaps((x, c, h, w, g, b, eps) ->
                mapsForward(x, c, h, w, ones(c), new double[c], eps, false)));
    }
}
