package org.bnkit.whitening;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;

/**
 * Full whitening of a mini-batch, the transform that section 2 of Ioffe &amp; Szegedy (2015)
 * considers and rejects as too costly, in its symmetric (ZCA) form:
 * <pre>
 *   xHat = Cov[x]^(-1/2) (x - E[x])
 * </pre>
 * with the batch's mean and (biased, 1/m) covariance, as Algorithm 1 uses the batch's mean and
 * variance per dimension. In the kit's row-per-example form, {@code x: (m, d)}, four stages:
 * <pre>
 *   covariance      mu = 1/m sum_i x_i;  xc = x - mu;  Sigma = 1/m xc^T xc          O(m d^2)
 *   eigen           Sigma = U diag(lambda) U^T   (symmetric QR algorithm, EJML)    O(d^3)
 *   inverse sqrt    S = U diag((lambda + eps)^(-1/2)) U^T                            O(d^3)
 *   apply           xHat = xc S                                                      O(m d^2)
 * </pre>
 * Per-dimension normalization (BN) costs O(m d). {@link WhiteningCost} times each stage next to
 * the library's BatchNorm.
 *
 * <p>Back-propagation (section 2: the gradient must account for the normalization) needs the
 * Jacobian of xHat with respect to the whole batch, which has {@link #jacobianEntries (m d)^2}
 * entries; {@link #backward} multiplies by it without forming it, with the derivative of the
 * matrix function S(Sigma) in its eigenbasis (the Daleckii-Krein formula).
 *
 * <p>With fewer examples than dimensions (m &lt;= d) the batch covariance has rank at most m - 1
 * ({@link #rank}), and eps &gt; 0 is needed: the whitening then scales the directions the batch
 * does not span by 1/sqrt(eps).
 *
 * <p>Instances are the result of one {@link #zca} call and do not change; accessors return
 * copies.
 */
public final class Whitening {

    /** The eigendecomposition of a symmetric matrix: {@code Sigma = U diag(values) U^T}. */
    public record Eigen(double[] values, DMatrixRMaj vectors) {
        /** @return lambda, in descending order (a copy) */
        @Override
        public double[] values() {
            return values.clone();
        }

        /** @return U, (d, d): column k is the unit eigenvector of lambda_k (a copy) */
        @Override
        public DMatrixRMaj vectors() {
            return vectors.copy();
        }
    }

    private final double eps;
    private final DMatrixRMaj mean;
    private final DMatrixRMaj centered;
    private final DMatrixRMaj covariance;
    private final Eigen eigen;
    private final DMatrixRMaj inverseSqrt;
    private final DMatrixRMaj whitened;

    private Whitening(double eps, DMatrixRMaj mean, DMatrixRMaj centered, DMatrixRMaj covariance, Eigen eigen,
                      DMatrixRMaj inverseSqrt, DMatrixRMaj whitened) {
        this.eps = eps;
        this.mean = mean;
        this.centered = centered;
        this.covariance = covariance;
        this.eigen = eigen;
        this.inverseSqrt = inverseSqrt;
        this.whitened = whitened;
    }

    /**
     * Whitens a batch with its own mean and covariance: xHat = (x - mu) Sigma^(-1/2).
     *
     * @param x   the batch, (m, d), m &gt;= 2. Not modified.
     * @param eps added to every eigenvalue, as BN adds it to the variance; 0 only for a
     *            full-rank covariance
     * @throws IllegalArgumentException for m &lt; 2, eps &lt; 0, or eps = 0 with a singular covariance
     */
    public static Whitening zca(DMatrixRMaj x, double eps) {
        requireBatch(x);
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("Whitening: eps must be a finite number >= 0, got " + eps);
        }
        DMatrixRMaj mu = mean(x);
        DMatrixRMaj xc = center(x, mu);
        DMatrixRMaj sigma = covariance(xc);
        Eigen e = eigen(sigma);
        DMatrixRMaj s = inverseSqrt(e, eps);
        return new Whitening(eps, mu, xc, sigma, e, s, apply(xc, s));
    }

    /** mu = 1/m sum_i x_i: the column means of {@code x: (m, d)}, as (1, d). */
    public static DMatrixRMaj mean(DMatrixRMaj x) {
        requireBatch(x);
        final int m = x.numRows, d = x.numCols;
        DMatrixRMaj mu = new DMatrixRMaj(1, d);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                mu.data[j] += x.data[i * d + j];
            }
        }
        CommonOps_DDRM.divide(mu, m);
        return mu;
    }

    /** xc = x - mu, row by row: (m, d). Neither argument is modified. */
    public static DMatrixRMaj center(DMatrixRMaj x, DMatrixRMaj mu) {
        if (mu.numRows != 1 || mu.numCols != x.numCols) {
            throw new IllegalArgumentException("Whitening.center: the mean must be (1, " + x.numCols + "), got ("
                    + mu.numRows + ", " + mu.numCols + ")");
        }
        final int m = x.numRows, d = x.numCols;
        DMatrixRMaj xc = new DMatrixRMaj(m, d);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < d; j++) {
                xc.data[i * d + j] = x.data[i * d + j] - mu.data[j];
            }
        }
        return xc;
    }

    /** Sigma = 1/m xc^T xc of a centred batch {@code xc: (m, d)}: (d, d), biased like sigma2_B. */
    public static DMatrixRMaj covariance(DMatrixRMaj xc) {
        requireBatch(xc);
        DMatrixRMaj sigma = new DMatrixRMaj(xc.numCols, xc.numCols);
        // Sigma = xc^T xc / m
        CommonOps_DDRM.multInner(xc, sigma);
        CommonOps_DDRM.divide(sigma, xc.numRows);
        return sigma;
    }

    /**
     * The eigendecomposition of a symmetric matrix, eigenvalues in descending order. Rounding can
     * leave the eigenvalues of a singular covariance slightly negative (about -1e-16 max lambda).
     *
     * @param sigma (d, d), symmetric. Not modified.
     */
    public static Eigen eigen(DMatrixRMaj sigma) {
        if (sigma.numRows != sigma.numCols) {
            throw new IllegalArgumentException("Whitening.eigen: the matrix must be square, got (" + sigma.numRows + ", "
                    + sigma.numCols + ")");
        }
        final int d = sigma.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(sigma.copy())) {
            throw new IllegalStateException("Whitening.eigen: the symmetric QR algorithm did not converge for a "
                    + d + "x" + d + " matrix; check it for NaN or infinite entries");
        }
        Integer[] order = new Integer[d];
        double[] lambda = new double[d];
        for (int k = 0; k < d; k++) {
            order[k] = k;
            lambda[k] = eig.getEigenvalue(k).real;
        }
        Arrays.sort(order, (a, b) -> Double.compare(lambda[b], lambda[a]));
        double[] values = new double[d];
        DMatrixRMaj u = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            values[k] = lambda[order[k]];
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            for (int j = 0; j < d; j++) {
                u.data[j * d + k] = v.data[j];
            }
        }
        return new Eigen(values, u);
    }

    /**
     * S = U diag((lambda + eps)^(-1/2)) U^T, the symmetric inverse square root of Sigma + eps I.
     * Eigenvalues below 0 (rounding) count as 0.
     *
     * @throws IllegalArgumentException if eps = 0 and Sigma is singular ({@link #rank} &lt; d)
     */
    public static DMatrixRMaj inverseSqrt(Eigen e, double eps) {
        final double[] lambda = e.values;
        final int d = lambda.length;
        if (eps == 0 && rank(lambda) < d) {
            throw new IllegalArgumentException("Whitening: the covariance is singular (rank " + rank(lambda) + " < d = " + d
                    + ", e.g. fewer examples than dimensions), so Sigma^(-1/2) does not exist; use eps > 0");
        }
        final double[] f = new double[d];
        for (int k = 0; k < d; k++) {
            f[k] = 1.0 / Math.sqrt(Math.max(lambda[k], 0) + eps);
        }
        // S = (U diag(f)) U^T
        DMatrixRMaj uf = e.vectors.copy();
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                uf.data[j * d + k] *= f[k];
            }
        }
        DMatrixRMaj s = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(uf, e.vectors, s);
        return s;
    }

    /** xHat = xc S: (m, d). Neither argument is modified. */
    public static DMatrixRMaj apply(DMatrixRMaj xc, DMatrixRMaj s) {
        if (s.numRows != xc.numCols || s.numCols != xc.numCols) {
            throw new IllegalArgumentException("Whitening.apply: S must be (" + xc.numCols + ", " + xc.numCols + "), got ("
                    + s.numRows + ", " + s.numCols + ")");
        }
        DMatrixRMaj xHat = new DMatrixRMaj(xc.numRows, xc.numCols);
        CommonOps_DDRM.mult(xc, s, xHat);
        return xHat;
    }

    /**
     * Back-propagates through the whitening of the whole batch: dL/dx from dL/dxHat, with the
     * mean and the covariance depending on every example (the terms section 2 says a gradient
     * step must not ignore).
     * <pre>
     *   dL/dS     = xc^T G                                             G = dL/dxHat: (m, d)
     *   dL/dSigma = U (K o (U^T sym(dL/dS) U)) U^T                      Daleckii-Krein
     *               K_kl = (f(lambda_k) - f(lambda_l)) / (lambda_k - lambda_l)
     *                    = -1 / (s_k s_l (s_k + s_l)),  f(lambda) = (lambda + eps)^(-1/2), s = sqrt(lambda + eps)
     *   dL/dxc    = G S + 2/m xc dL/dSigma
     *   dL/dx     = dL/dxc - 1/m sum_i (dL/dxc)_i                       the mean's share
     * </pre>
     * The second form of K_kl holds for equal eigenvalues too (it is then f'(lambda)).
     *
     * @param dXHat dL/dxHat, (m, d). Not modified.
     * @return dL/dx, (m, d), a new matrix
     */
    public DMatrixRMaj backward(DMatrixRMaj dXHat) {
        final int m = centered.numRows, d = centered.numCols;
        if (dXHat.numRows != m || dXHat.numCols != d) {
            throw new IllegalArgumentException("Whitening.backward: dL/dxHat must have the batch's shape (" + m + ", " + d
                    + "), got (" + dXHat.numRows + ", " + dXHat.numCols + ")");
        }
        final DMatrixRMaj u = eigen.vectors;
        // dL/dS = xc^T G, symmetrized (S is symmetric)
        DMatrixRMaj dS = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(centered, dXHat, dS);
        DMatrixRMaj dSsym = new DMatrixRMaj(d, d);
        CommonOps_DDRM.transpose(dS, dSsym);
        CommonOps_DDRM.addEquals(dSsym, dS);
        CommonOps_DDRM.scale(0.5, dSsym);
        // M = U^T sym(dL/dS) U, then M o K
        DMatrixRMaj t = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(dSsym, u, t);
        DMatrixRMaj mk = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(u, t, mk);
        final double[] s = new double[d];
        for (int k = 0; k < d; k++) {
            s[k] = Math.sqrt(Math.max(eigen.values[k], 0) + eps);
        }
        for (int k = 0; k < d; k++) {
            for (int l = 0; l < d; l++) {
                mk.data[k * d + l] *= -1.0 / (s[k] * s[l] * (s[k] + s[l]));
            }
        }
        // dL/dSigma = U (M o K) U^T
        CommonOps_DDRM.mult(u, mk, t);
        DMatrixRMaj dSigma = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(t, u, dSigma);
        // dL/dxc = G S + 2/m xc dL/dSigma
        DMatrixRMaj dXc = new DMatrixRMaj(m, d);
        CommonOps_DDRM.mult(dXHat, inverseSqrt, dXc);
        CommonOps_DDRM.multAdd(2.0 / m, centered, dSigma, dXc);
        // dL/dx = dL/dxc minus its column means
        return center(dXc, mean(dXc));
    }

    /**
     * The numerical rank of a symmetric positive semi-definite matrix from its eigenvalues: the
     * number above d * 2^-52 * max lambda (NumPy's {@code matrix_rank} threshold).
     */
    public static int rank(double[] eigenvalues) {
        double max = 0;
        for (double v : eigenvalues) {
            max = Math.max(max, Math.abs(v));
        }
        final double tol = eigenvalues.length * Math.ulp(1.0) * max;
        int r = 0;
        for (double v : eigenvalues) {
            if (v > tol) {
                r++;
            }
        }
        return r;
    }

    /**
     * The entries of the Jacobian d xHat / d x of whitening a batch of m examples in d dimensions:
     * every output depends on every input, (m d)^2.
     */
    public static long jacobianEntries(int m, int d) {
        requireSizes(m, d);
        return (long) m * d * m * d;
    }

    /**
     * The non-zero entries of the same Jacobian for per-dimension normalization (BN): output (i, j)
     * depends only on inputs (., j), so d blocks of m x m, d m^2.
     */
    public static long perDimensionJacobianEntries(int m, int d) {
        requireSizes(m, d);
        return (long) d * m * m;
    }

    /** mu: (1, d) (a copy). */
    public DMatrixRMaj mean() {
        return mean.copy();
    }

    /** Sigma = 1/m xc^T xc: (d, d) (a copy). */
    public DMatrixRMaj covariance() {
        return covariance.copy();
    }

    /** The eigenvalues of Sigma, descending (a copy). */
    public double[] eigenvalues() {
        return eigen.values();
    }

    /** U, the eigenvectors of Sigma as columns, in the order of {@link #eigenvalues()} (a copy). */
    public DMatrixRMaj eigenvectors() {
        return eigen.vectors();
    }

    /** S = (Sigma + eps I)^(-1/2): (d, d) (a copy). */
    public DMatrixRMaj inverseSqrt() {
        return inverseSqrt.copy();
    }

    /** xHat = (x - mu) S: (m, d) (a copy). */
    public DMatrixRMaj whitened() {
        return whitened.copy();
    }

    /** The eps this batch was whitened with. */
    public double eps() {
        return eps;
    }

    private static void requireBatch(DMatrixRMaj x) {
        if (x.numRows < 2 || x.numCols < 1) {
            throw new IllegalArgumentException("Whitening: a batch needs at least 2 examples (rows) and 1 dimension, got ("
                    + x.numRows + ", " + x.numCols + "); the covariance of a single example is 0");
        }
    }

    static void requireSizes(int m, int d) {
        if (m < 2 || d < 1) {
            throw new IllegalArgumentException("Whitening: need m >= 2 examples and d >= 1 dimensions, got m = " + m
                    + ", d = " + d);
        }
    }

    @Override
    public String toString() {
        return "Whitening (m = " + centered.numRows + ", d = " + centered.numCols + ", eps = " + eps + ", rank "
                + rank(eigen.values) + ")";
    }
}
