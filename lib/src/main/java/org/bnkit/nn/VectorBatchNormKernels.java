package org.bnkit.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormKernels} on the incubating Vector API: each loop reads the batch in place, a
 * SIMD register of {@code SPECIES.length()} doubles at a time (8 with AVX-512).
 *
 * <p>Rows are taken several at a time, so that each register of a per-column array (shift,
 * scale, the sums) is loaded, and each sum stored, once per block of rows: {@value #ROWS} in
 * shiftedSums, 4 in gradientSums, 8 or 4 in the element-wise loops ({@link #elementWiseRows});
 * the rows left over go one at a time. A sum still adds the rows in order,
 * {@code ((s + d0) + d1) + ...}. The two element-wise loops (affine and inputGradient) visit the
 * blocks from the last to the first: each runs right after a sum over the same arrays from the
 * first row to the last, so it starts on the rows that pass left in the cache (for a 1024 x 100
 * batch, 800 KB an array, many of them still in the 1 MB L2 cache). The order of the rows
 * changes no result.
 *
 * <p>When the width w is not a multiple of the register, the last register covers columns
 * [w - 8, w), overlapping the one before it: the element-wise loops write the shared columns
 * again with the same values (y and dx are never x or g), and the sums keep that register's sums
 * apart in two registers and take only its own columns from them (a scalar loop for those columns cost 15% of the time at width
 * 100). Batches narrower than a register use {@link ScalarBatchNormKernels}, with
 * scratch rows made per call, since one instance of this class serves every layer and the
 * warm-up thread. Every element sees the same operations in the same order as in
 * {@link ScalarBatchNormKernels} (multiplies and adds, no fused multiply-add), so both give the
 * same bits.
 *
 * <p>Only instantiated when {@code jdk.incubator.vector} is in the boot layer
 * ({@link BatchNormKernels#create}).
 */
final class VectorBatchNormKernels implements BatchNormKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    /** Rows per pass of shiftedSums, written out in {@link #shiftedSumsOfRows} and for the last register (at 1024 x 100: 10-13 us against 14-18 with four). */
    private static final int ROWS = 8;

    /**
     * Rows per pass of the element-wise loops: 8 rows of up to 128 doubles (1 KB), 4 of longer
     * rows. Rows of 8 KB (w = 1024) all fall into the same set of the L1 cache, which holds 12
     * lines of a set: 8 rows of two or three arrays do not fit there, and those loops took 1.3 to
     * 1.5 times as long as with 4 rows. At 1024 x 100 the two loops took 20-23 and 31-35 us
     * this way against 21-25 and 43-48 us with 4 rows front to back.
     */
    private static int elementWiseRows(int w) {
        return w <= 128 ? 8 : 4;
    }

    @Override
    public void shiftedSums(double[] x, int n, int w, double[] shift, double[] s1, double[] s2) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w), last = w - step;
        if (w < step) {
            new ScalarBatchNormKernels(w).shiftedSums(x, n, w, shift, s1, s2);
            return;
        }
        // columns [bound, w) in the last register [w - step, w), with sums of their own
        final DoubleVector lastShift = DoubleVector.fromArray(SPECIES, shift, last);
        DoubleVector lastS1 = DoubleVector.fromArray(SPECIES, s1, last), lastS2 = DoubleVector.fromArray(SPECIES, s2, last);
        int r = 0;
        for (; r + ROWS <= n; r += ROWS) {
            for (int k = 0; k < bound; k += step) {
                shiftedSumsOfRows(x, r * w + k, w, shift, k, s1, s2);
            }
            if (bound < w) {
                final int o = r * w + last;
                final DoubleVector d0 = DoubleVector.fromArray(SPECIES, x, o).sub(lastShift);
                final DoubleVector d1 = DoubleVector.fromArray(SPECIES, x, o + w).sub(lastShift);
                final DoubleVector d2 = DoubleVector.fromArray(SPECIES, x, o + 2 * w).sub(lastShift);
                final DoubleVector d3 = DoubleVector.fromArray(SPECIES, x, o + 3 * w).sub(lastShift);
                final DoubleVector d4 = DoubleVector.fromArray(SPECIES, x, o + 4 * w).sub(lastShift);
                final DoubleVector d5 = DoubleVector.fromArray(SPECIES, x, o + 5 * w).sub(lastShift);
                final DoubleVector d6 = DoubleVector.fromArray(SPECIES, x, o + 6 * w).sub(lastShift);
                final DoubleVector d7 = DoubleVector.fromArray(SPECIES, x, o + 7 * w).sub(lastShift);
                lastS1 = lastS1.add(d0).add(d1).add(d2).add(d3).add(d4).add(d5).add(d6).add(d7);
                lastS2 = lastS2.add(d0.mul(d0)).add(d1.mul(d1)).add(d2.mul(d2)).add(d3.mul(d3))
                        .add(d4.mul(d4)).add(d5.mul(d5)).add(d6.mul(d6)).add(d7.mul(d7));
            }
        }
        for (; r < n; r++) {
            final int o = r * w;
            for (int k = 0; k < bound; k += step) {
                final DoubleVector d = DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, shift, k));
                DoubleVector.fromArray(SPECIES, s1, k).add(d).intoArray(s1, k);
                DoubleVector.fromArray(SPECIES, s2, k).add(d.mul(d)).intoArray(s2, k);
            }
            if (bound < w) {
                final DoubleVector d = DoubleVector.fromArray(SPECIES, x, o + last).sub(lastShift);
                lastS1 = lastS1.add(d);
                lastS2 = lastS2.add(d.mul(d));
            }
        }
        for (int k = bound; k < w; k++) {
            s1[k] = lastS1.lane(k - last);
            s2[k] = lastS2.lane(k - last);
        }
    }

    /** Adds one register of columns (from k) of {@value #ROWS} rows, starting at x[o], into s1 and s2. */
    private static void shiftedSumsOfRows(double[] x, int o, int w, double[] shift, int k, double[] s1, double[] s2) {
        final DoubleVector sh = DoubleVector.fromArray(SPECIES, shift, k);
        final DoubleVector d0 = DoubleVector.fromArray(SPECIES, x, o).sub(sh);
        final DoubleVector d1 = DoubleVector.fromArray(SPECIES, x, o + w).sub(sh);
        final DoubleVector d2 = DoubleVector.fromArray(SPECIES, x, o + 2 * w).sub(sh);
        final DoubleVector d3 = DoubleVector.fromArray(SPECIES, x, o + 3 * w).sub(sh);
        final DoubleVector d4 = DoubleVector.fromArray(SPECIES, x, o + 4 * w).sub(sh);
        final DoubleVector d5 = DoubleVector.fromArray(SPECIES, x, o + 5 * w).sub(sh);
        final DoubleVector d6 = DoubleVector.fromArray(SPECIES, x, o + 6 * w).sub(sh);
        final DoubleVector d7 = DoubleVector.fromArray(SPECIES, x, o + 7 * w).sub(sh);
        DoubleVector.fromArray(SPECIES, s1, k).add(d0).add(d1).add(d2).add(d3).add(d4).add(d5).add(d6).add(d7).intoArray(s1, k);
        DoubleVector.fromArray(SPECIES, s2, k).add(d0.mul(d0)).add(d1.mul(d1)).add(d2.mul(d2)).add(d3.mul(d3))
                .add(d4.mul(d4)).add(d5.mul(d5)).add(d6.mul(d6)).add(d7.mul(d7)).intoArray(s2, k);
    }

    @Override
    public void affine(double[] x, double[] y, int n, int w, double[] center, double[] scale, double[] offset) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w), last = w - step;
        if (w < step) {
            new ScalarBatchNormKernels(w).affine(x, y, n, w, center, scale, offset);
            return;
        }
        // from the last rows to the first: see the class comment
        final int rows = elementWiseRows(w);
        int r = n;
        for (; r >= rows; r -= rows) {
            final int o = (r - rows) * w;
            for (int k = 0; k < bound; k += step) {
                affineRows(x, y, o, rows, w, k, center, scale, offset);
            }
            if (bound < w) {
                affineRows(x, y, o, rows, w, last, center, scale, offset);
            }
        }
        for (; r > 0; r--) {
            final int o = (r - 1) * w;
            for (int k = 0; k < bound; k += step) {
                affineRow(x, y, o + k, k, center, scale, offset);
            }
            if (bound < w) {
                affineRow(x, y, o + last, last, center, scale, offset);
            }
        }
    }

    /** One register of columns from k of {@code rows} rows of y from row offset o; at the last register, the columns it shares are written again with the same values. */
    private static void affineRows(double[] x, double[] y, int o, int rows, int w, int k, double[] center, double[] scale, double[] offset) {
        final DoubleVector ce = DoubleVector.fromArray(SPECIES, center, k);
        final DoubleVector sc = DoubleVector.fromArray(SPECIES, scale, k);
        final DoubleVector of = DoubleVector.fromArray(SPECIES, offset, k);
        for (int i = 0, at = o + k; i < rows; i++, at += w) {
            DoubleVector.fromArray(SPECIES, x, at).sub(ce).mul(sc).add(of).intoArray(y, at);
        }
    }

    private static void affineRow(double[] x, double[] y, int at, int k, double[] center, double[] scale, double[] offset) {
        DoubleVector.fromArray(SPECIES, x, at).sub(DoubleVector.fromArray(SPECIES, center, k))
                .mul(DoubleVector.fromArray(SPECIES, scale, k))
                .add(DoubleVector.fromArray(SPECIES, offset, k))
                .intoArray(y, at);
    }

    @Override
    public void gradientSums(double[] g, double[] x, int n, int w, double[] mu, double[] sumG, double[] sumGX) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w), last = w - step;
        if (w < step) {
            new ScalarBatchNormKernels(w).gradientSums(g, x, n, w, mu, sumG, sumGX);
            return;
        }
        // columns [bound, w) in the last register [w - step, w), with sums of their own
        final DoubleVector lastMu = DoubleVector.fromArray(SPECIES, mu, last);
        DoubleVector lastG = DoubleVector.fromArray(SPECIES, sumG, last), lastGX = DoubleVector.fromArray(SPECIES, sumGX, last);
        int r = 0;
        for (; r + 3 < n; r += 4) {
            final int o0 = r * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            for (int k = 0; k < bound; k += step) {
                final DoubleVector m = DoubleVector.fromArray(SPECIES, mu, k);
                final DoubleVector g0 = DoubleVector.fromArray(SPECIES, g, o0 + k), g1 = DoubleVector.fromArray(SPECIES, g, o1 + k);
                final DoubleVector g2 = DoubleVector.fromArray(SPECIES, g, o2 + k), g3 = DoubleVector.fromArray(SPECIES, g, o3 + k);
                DoubleVector.fromArray(SPECIES, sumG, k).add(g0).add(g1).add(g2).add(g3).intoArray(sumG, k);
                DoubleVector.fromArray(SPECIES, sumGX, k)
                        .add(g0.mul(DoubleVector.fromArray(SPECIES, x, o0 + k).sub(m)))
                        .add(g1.mul(DoubleVector.fromArray(SPECIES, x, o1 + k).sub(m)))
                        .add(g2.mul(DoubleVector.fromArray(SPECIES, x, o2 + k).sub(m)))
                        .add(g3.mul(DoubleVector.fromArray(SPECIES, x, o3 + k).sub(m)))
                        .intoArray(sumGX, k);
            }
            if (bound < w) {
                final DoubleVector g0 = DoubleVector.fromArray(SPECIES, g, o0 + last), g1 = DoubleVector.fromArray(SPECIES, g, o1 + last);
                final DoubleVector g2 = DoubleVector.fromArray(SPECIES, g, o2 + last), g3 = DoubleVector.fromArray(SPECIES, g, o3 + last);
                lastG = lastG.add(g0).add(g1).add(g2).add(g3);
                lastGX = lastGX.add(g0.mul(DoubleVector.fromArray(SPECIES, x, o0 + last).sub(lastMu)))
                        .add(g1.mul(DoubleVector.fromArray(SPECIES, x, o1 + last).sub(lastMu)))
                        .add(g2.mul(DoubleVector.fromArray(SPECIES, x, o2 + last).sub(lastMu)))
                        .add(g3.mul(DoubleVector.fromArray(SPECIES, x, o3 + last).sub(lastMu)));
            }
        }
        for (; r < n; r++) {
            final int o = r * w;
            for (int k = 0; k < bound; k += step) {
                DoubleVector gv = DoubleVector.fromArray(SPECIES, g, o + k);
                DoubleVector d = DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, mu, k));
                DoubleVector.fromArray(SPECIES, sumG, k).add(gv).intoArray(sumG, k);
                DoubleVector.fromArray(SPECIES, sumGX, k).add(gv.mul(d)).intoArray(sumGX, k);
            }
            if (bound < w) {
                final DoubleVector gv = DoubleVector.fromArray(SPECIES, g, o + last);
                lastG = lastG.add(gv);
                lastGX = lastGX.add(gv.mul(DoubleVector.fromArray(SPECIES, x, o + last).sub(lastMu)));
            }
        }
        for (int k = bound; k < w; k++) {
            sumG[k] = lastG.lane(k - last);
            sumGX[k] = lastGX.lane(k - last);
        }
    }

    @Override
    public void inputGradient(double[] g, double[] x, double[] dx, int n, int w, double[] mu, double[] a, double[] b, double[] c) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w), last = w - step;
        if (w < step) {
            new ScalarBatchNormKernels(w).inputGradient(g, x, dx, n, w, mu, a, b, c);
            return;
        }
        // from the last rows to the first: see the class comment
        final int rows = elementWiseRows(w);
        int r = n;
        for (; r >= rows; r -= rows) {
            final int o = (r - rows) * w;
            for (int k = 0; k < bound; k += step) {
                inputGradientRows(g, x, dx, o, rows, w, k, mu, a, b, c);
            }
            if (bound < w) {
                inputGradientRows(g, x, dx, o, rows, w, last, mu, a, b, c);
            }
        }
        for (; r > 0; r--) {
            final int o = (r - 1) * w;
            for (int k = 0; k < bound; k += step) {
                inputGradientRow(g, x, dx, o + k, k, mu, a, b, c);
            }
            if (bound < w) {
                inputGradientRow(g, x, dx, o + last, last, mu, a, b, c);
            }
        }
    }

    /** One register of columns from k of {@code rows} rows of dx from row offset o; at the last register, the columns it shares are written again with the same values. */
    private static void inputGradientRows(double[] g, double[] x, double[] dx, int o, int rows, int w, int k, double[] mu, double[] a,
                                          double[] b, double[] c) {
        final DoubleVector av = DoubleVector.fromArray(SPECIES, a, k), bv = DoubleVector.fromArray(SPECIES, b, k);
        final DoubleVector cv = DoubleVector.fromArray(SPECIES, c, k), m = DoubleVector.fromArray(SPECIES, mu, k);
        for (int i = 0, at = o + k; i < rows; i++, at += w) {
            av.mul(DoubleVector.fromArray(SPECIES, g, at)).add(bv.mul(DoubleVector.fromArray(SPECIES, x, at).sub(m))).add(cv).intoArray(dx, at);
        }
    }

    private static void inputGradientRow(double[] g, double[] x, double[] dx, int at, int k, double[] mu, double[] a, double[] b, double[] c) {
        DoubleVector.fromArray(SPECIES, a, k).mul(DoubleVector.fromArray(SPECIES, g, at))
                .add(DoubleVector.fromArray(SPECIES, b, k).mul(DoubleVector.fromArray(SPECIES, x, at).sub(DoubleVector.fromArray(SPECIES, mu, k))))
                .add(DoubleVector.fromArray(SPECIES, c, k))
                .intoArray(dx, at);
    }

    @Override
    public String description() {
        return "Vector API, " + SPECIES.length() + " doubles per register";
    }
}
