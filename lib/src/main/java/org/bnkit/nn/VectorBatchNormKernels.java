package org.bnkit.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormKernels} on the incubating Vector API: each loop reads the batch in place, a
 * SIMD register of {@code SPECIES.length()} doubles at a time (8 with AVX-512), with a scalar
 * loop for the last {@code w mod 8} columns. Rows are taken four at a time, so that each
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
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w);
        int r = 0;
        for (; r + 3 < n; r += 4) {
            final int o0 = r * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            int k = 0;
            for (; k < bound; k += step) {
                final DoubleVector sh = DoubleVector.fromArray(SPECIES, shift, k);
                final DoubleVector d0 = DoubleVector.fromArray(SPECIES, x, o0 + k).sub(sh);
                final DoubleVector d1 = DoubleVector.fromArray(SPECIES, x, o1 + k).sub(sh);
                final DoubleVector d2 = DoubleVector.fromArray(SPECIES, x, o2 + k).sub(sh);
                final DoubleVector d3 = DoubleVector.fromArray(SPECIES, x, o3 + k).sub(sh);
                DoubleVector.fromArray(SPECIES, s1, k).add(d0).add(d1).add(d2).add(d3).intoArray(s1, k);
                DoubleVector.fromArray(SPECIES, s2, k).add(d0.mul(d0)).add(d1.mul(d1)).add(d2.mul(d2)).add(d3.mul(d3)).intoArray(s2, k);
            }
            for (; k < w; k++) {
                final double d0 = x[o0 + k] - shift[k], d1 = x[o1 + k] - shift[k], d2 = x[o2 + k] - shift[k], d3 = x[o3 + k] - shift[k];
                s1[k] = s1[k] + d0 + d1 + d2 + d3;
                s2[k] = s2[k] + d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
            }
        }
        for (; r < n; r++) {
            final int o = r * w;
            int k = 0;
            for (; k < bound; k += step) {
                DoubleVector d = DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, shift, k));
                DoubleVector.fromArray(SPECIES, s1, k).add(d).intoArray(s1, k);
                DoubleVector.fromArray(SPECIES, s2, k).add(d.mul(d)).intoArray(s2, k);
            }
            for (; k < w; k++) {
                final double d = x[o + k] - shift[k];
                s1[k] += d;
                s2[k] += d * d;
            }
        }
    }

    @Override
    public void affine(double[] x, double[] y, int n, int w, double[] center, double[] scale, double[] offset) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w);
        int r = 0;
        for (; r + 3 < n; r += 4) {
            final int o0 = r * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            for (int k = 0; k < bound; k += step) {
                final DoubleVector ce = DoubleVector.fromArray(SPECIES, center, k);
                final DoubleVector sc = DoubleVector.fromArray(SPECIES, scale, k);
                final DoubleVector of = DoubleVector.fromArray(SPECIES, offset, k);
                DoubleVector.fromArray(SPECIES, x, o0 + k).sub(ce).mul(sc).add(of).intoArray(y, o0 + k);
                DoubleVector.fromArray(SPECIES, x, o1 + k).sub(ce).mul(sc).add(of).intoArray(y, o1 + k);
                DoubleVector.fromArray(SPECIES, x, o2 + k).sub(ce).mul(sc).add(of).intoArray(y, o2 + k);
                DoubleVector.fromArray(SPECIES, x, o3 + k).sub(ce).mul(sc).add(of).intoArray(y, o3 + k);
            }
            for (int o = o0; o <= o3; o += w) {
                for (int k = bound; k < w; k++) {
                    y[o + k] = (x[o + k] - center[k]) * scale[k] + offset[k];
                }
            }
        }
        for (; r < n; r++) {
            final int o = r * w;
            for (int k = 0; k < bound; k += step) {
                DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, center, k))
                        .mul(DoubleVector.fromArray(SPECIES, scale, k))
                        .add(DoubleVector.fromArray(SPECIES, offset, k))
                        .intoArray(y, o + k);
            }
            for (int k = bound; k < w; k++) {
                y[o + k] = (x[o + k] - center[k]) * scale[k] + offset[k];
            }
        }
    }

    @Override
    public void gradientSums(double[] g, double[] x, int n, int w, double[] mu, double[] sumG, double[] sumGX) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w);
        int r = 0;
        for (; r + 3 < n; r += 4) {
            final int o0 = r * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            int k = 0;
            for (; k < bound; k += step) {
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
            for (; k < w; k++) {
                sumG[k] = sumG[k] + g[o0 + k] + g[o1 + k] + g[o2 + k] + g[o3 + k];
                sumGX[k] = sumGX[k] + g[o0 + k] * (x[o0 + k] - mu[k]) + g[o1 + k] * (x[o1 + k] - mu[k])
                        + g[o2 + k] * (x[o2 + k] - mu[k]) + g[o3 + k] * (x[o3 + k] - mu[k]);
            }
        }
        for (; r < n; r++) {
            final int o = r * w;
            int k = 0;
            for (; k < bound; k += step) {
                DoubleVector gv = DoubleVector.fromArray(SPECIES, g, o + k);
                DoubleVector d = DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, mu, k));
                DoubleVector.fromArray(SPECIES, sumG, k).add(gv).intoArray(sumG, k);
                DoubleVector.fromArray(SPECIES, sumGX, k).add(gv.mul(d)).intoArray(sumGX, k);
            }
            for (; k < w; k++) {
                sumG[k] += g[o + k];
                sumGX[k] += g[o + k] * (x[o + k] - mu[k]);
            }
        }
    }

    @Override
    public void inputGradient(double[] g, double[] x, double[] dx, int n, int w, double[] mu, double[] a, double[] b, double[] c) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w);
        int r = 0;
        for (; r + 3 < n; r += 4) {
            final int o0 = r * w, o1 = o0 + w, o2 = o1 + w, o3 = o2 + w;
            for (int k = 0; k < bound; k += step) {
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
            for (int o = o0; o <= o3; o += w) {
                for (int k = bound; k < w; k++) {
                    dx[o + k] = a[k] * g[o + k] + b[k] * (x[o + k] - mu[k]) + c[k];
                }
            }
        }
        for (; r < n; r++) {
            final int o = r * w;
            for (int k = 0; k < bound; k += step) {
                DoubleVector ag = DoubleVector.fromArray(SPECIES, a, k).mul(DoubleVector.fromArray(SPECIES, g, o + k));
                DoubleVector d = DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, mu, k));
                ag.add(DoubleVector.fromArray(SPECIES, b, k).mul(d))
                        .add(DoubleVector.fromArray(SPECIES, c, k))
                        .intoArray(dx, o + k);
            }
            for (int k = bound; k < w; k++) {
                dx[o + k] = a[k] * g[o + k] + b[k] * (x[o + k] - mu[k]) + c[k];
            }
        }
    }

    @Override
    public String description() {
        return "Vector API, " + SPECIES.length() + " doubles per register";
    }
}
