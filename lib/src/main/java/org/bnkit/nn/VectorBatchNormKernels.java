package org.bnkit.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormKernels} on the incubating Vector API: each loop reads the batch in place, a
 * SIMD register of {@code SPECIES.length()} doubles at a time (8 with AVX-512). When the width w
 * is not a multiple of the register, the last register covers columns [w - 8, w), overlapping
 * the one before it: the element-wise loops write the shared columns again with the same values
 * (y and dx are never x or g), and the sums keep that register's sums apart and take only its
 * own columns from them (a scalar loop for those columns cost 15% of the time at width 100).
 * Batches narrower than a register use {@link ScalarBatchNormKernels}, with scratch rows made per
 * call, since one instance of this class serves every layer and the warm-up thread. Rows are
 * taken four at a time, so that each
 * register of a per-column array (shift, scale, the sums) is loaded, and each sum stored, once
 * per four rows; a sum still adds the rows in order, {@code ((s + d0) + d1) + ...}. Every element
 * sees the same operations in the same order as in {@link ScalarBatchNormKernels} (multiplies and
 * adds, no fused multiply-add), so both give the same bits.
 *
 * <p>Only instantiated when {@code jdk.incubator.vector} is in the boot layer
 * ({@link BatchNormKernels#create}).
 */
final class VectorBatchNormKernels implements BatchNormKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

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
        for (; r + 3 < n; r += 4) {
            final int o0 = r * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            for (int k = 0; k < bound; k += step) {
                final DoubleVector sh = DoubleVector.fromArray(SPECIES, shift, k);
                final DoubleVector d0 = DoubleVector.fromArray(SPECIES, x, o0 + k).sub(sh);
                final DoubleVector d1 = DoubleVector.fromArray(SPECIES, x, o1 + k).sub(sh);
                final DoubleVector d2 = DoubleVector.fromArray(SPECIES, x, o2 + k).sub(sh);
                final DoubleVector d3 = DoubleVector.fromArray(SPECIES, x, o3 + k).sub(sh);
                DoubleVector.fromArray(SPECIES, s1, k).add(d0).add(d1).add(d2).add(d3).intoArray(s1, k);
                DoubleVector.fromArray(SPECIES, s2, k).add(d0.mul(d0)).add(d1.mul(d1)).add(d2.mul(d2)).add(d3.mul(d3)).intoArray(s2, k);
            }
            if (bound < w) {
                final DoubleVector d0 = DoubleVector.fromArray(SPECIES, x, o0 + last).sub(lastShift);
                final DoubleVector d1 = DoubleVector.fromArray(SPECIES, x, o1 + last).sub(lastShift);
                final DoubleVector d2 = DoubleVector.fromArray(SPECIES, x, o2 + last).sub(lastShift);
                final DoubleVector d3 = DoubleVector.fromArray(SPECIES, x, o3 + last).sub(lastShift);
                lastS1 = lastS1.add(d0).add(d1).add(d2).add(d3);
                lastS2 = lastS2.add(d0.mul(d0)).add(d1.mul(d1)).add(d2.mul(d2)).add(d3.mul(d3));
            }
        }
        for (; r < n; r++) {
            final int o = r * w;
            for (int k = 0; k < bound; k += step) {
                DoubleVector d = DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, shift, k));
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

    @Override
    public void affine(double[] x, double[] y, int n, int w, double[] center, double[] scale, double[] offset) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w), last = w - step;
        if (w < step) {
            new ScalarBatchNormKernels(w).affine(x, y, n, w, center, scale, offset);
            return;
        }
        int r = 0;
        for (; r + 3 < n; r += 4) {
            final int o0 = r * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            for (int k = 0; k < bound; k += step) {
                affineFourRows(x, y, o0, o1, o2, o3, k, center, scale, offset);
            }
            if (bound < w) {
                affineFourRows(x, y, o0, o1, o2, o3, last, center, scale, offset);
            }
        }
        for (; r < n; r++) {
            final int o = r * w;
            for (int k = 0; k < bound; k += step) {
                affineOneRow(x, y, o, k, center, scale, offset);
            }
            if (bound < w) {
                affineOneRow(x, y, o, last, center, scale, offset);
            }
        }
    }

    /** One register of columns from k of four rows of y; at the last register, the columns it shares are written again with the same values. */
    private static void affineFourRows(double[] x, double[] y, int o0, int o1, int o2, int o3, int k, double[] center, double[] scale,
                                       double[] offset) {
        final DoubleVector ce = DoubleVector.fromArray(SPECIES, center, k);
        final DoubleVector sc = DoubleVector.fromArray(SPECIES, scale, k);
        final DoubleVector of = DoubleVector.fromArray(SPECIES, offset, k);
        DoubleVector.fromArray(SPECIES, x, o0 + k).sub(ce).mul(sc).add(of).intoArray(y, o0 + k);
        DoubleVector.fromArray(SPECIES, x, o1 + k).sub(ce).mul(sc).add(of).intoArray(y, o1 + k);
        DoubleVector.fromArray(SPECIES, x, o2 + k).sub(ce).mul(sc).add(of).intoArray(y, o2 + k);
        DoubleVector.fromArray(SPECIES, x, o3 + k).sub(ce).mul(sc).add(of).intoArray(y, o3 + k);
    }

    private static void affineOneRow(double[] x, double[] y, int o, int k, double[] center, double[] scale, double[] offset) {
        DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, center, k))
                .mul(DoubleVector.fromArray(SPECIES, scale, k))
                .add(DoubleVector.fromArray(SPECIES, offset, k))
                .intoArray(y, o + k);
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
        int r = 0;
        for (; r + 3 < n; r += 4) {
            final int o0 = r * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            for (int k = 0; k < bound; k += step) {
                inputGradientFourRows(g, x, dx, o0, o1, o2, o3, k, mu, a, b, c);
            }
            if (bound < w) {
                inputGradientFourRows(g, x, dx, o0, o1, o2, o3, last, mu, a, b, c);
            }
        }
        for (; r < n; r++) {
            final int o = r * w;
            for (int k = 0; k < bound; k += step) {
                inputGradientOneRow(g, x, dx, o, k, mu, a, b, c);
            }
            if (bound < w) {
                inputGradientOneRow(g, x, dx, o, last, mu, a, b, c);
            }
        }
    }

    /** One register of columns from k of four rows of dx; at the last register, the columns it shares are written again with the same values. */
    private static void inputGradientFourRows(double[] g, double[] x, double[] dx, int o0, int o1, int o2, int o3, int k, double[] mu,
                                              double[] a, double[] b, double[] c) {
        final DoubleVector av = DoubleVector.fromArray(SPECIES, a, k), bv = DoubleVector.fromArray(SPECIES, b, k);
        final DoubleVector cv = DoubleVector.fromArray(SPECIES, c, k), m = DoubleVector.fromArray(SPECIES, mu, k);
        av.mul(DoubleVector.fromArray(SPECIES, g, o0 + k)).add(bv.mul(DoubleVector.fromArray(SPECIES, x, o0 + k).sub(m))).add(cv)
                .intoArray(dx, o0 + k);
        av.mul(DoubleVector.fromArray(SPECIES, g, o1 + k)).add(bv.mul(DoubleVector.fromArray(SPECIES, x, o1 + k).sub(m))).add(cv)
                .intoArray(dx, o1 + k);
        av.mul(DoubleVector.fromArray(SPECIES, g, o2 + k)).add(bv.mul(DoubleVector.fromArray(SPECIES, x, o2 + k).sub(m))).add(cv)
                .intoArray(dx, o2 + k);
        av.mul(DoubleVector.fromArray(SPECIES, g, o3 + k)).add(bv.mul(DoubleVector.fromArray(SPECIES, x, o3 + k).sub(m))).add(cv)
                .intoArray(dx, o3 + k);
    }

    private static void inputGradientOneRow(double[] g, double[] x, double[] dx, int o, int k, double[] mu, double[] a, double[] b, double[] c) {
        DoubleVector.fromArray(SPECIES, a, k).mul(DoubleVector.fromArray(SPECIES, g, o + k))
                .add(DoubleVector.fromArray(SPECIES, b, k).mul(DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, mu, k))))
                .add(DoubleVector.fromArray(SPECIES, c, k))
                .intoArray(dx, o + k);
    }

    @Override
    public String description() {
        return "Vector API, " + SPECIES.length() + " doubles per register";
    }
}
