package org.bnkit.nn;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link BatchNormKernels} on the incubating Vector API: each loop reads the batch in place, a
 * SIMD register of {@code SPECIES.length()} doubles at a time (8 with AVX-512), with a scalar
 * loop for the last {@code w mod 8} columns. Every element sees the same operations in the same
 * order as in {@link ScalarBatchNormKernels} (multiplies and adds, no fused multiply-add), so
 * both give the same bits.
 *
 * <p>Only instantiated when {@code jdk.incubator.vector} is in the boot layer
 * ({@link BatchNormKernels#create}).
 */
final class VectorBatchNormKernels implements BatchNormKernels {
    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void shiftedSums(double[] x, int n, int w, double[] shift, double[] s1, double[] s2) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w);
        for (int r = 0; r < n; r++) {
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
        for (int r = 0; r < n; r++) {
            final int o = r * w;
            int k = 0;
            for (; k < bound; k += step) {
                DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, center, k))
                        .mul(DoubleVector.fromArray(SPECIES, scale, k))
                        .add(DoubleVector.fromArray(SPECIES, offset, k))
                        .intoArray(y, o + k);
            }
            for (; k < w; k++) {
                y[o + k] = (x[o + k] - center[k]) * scale[k] + offset[k];
            }
        }
    }

    @Override
    public void gradientSums(double[] g, double[] x, int n, int w, double[] mu, double[] sumG, double[] sumGX) {
        final int step = SPECIES.length(), bound = SPECIES.loopBound(w);
        for (int r = 0; r < n; r++) {
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
        for (int r = 0; r < n; r++) {
            final int o = r * w;
            int k = 0;
            for (; k < bound; k += step) {
                DoubleVector ag = DoubleVector.fromArray(SPECIES, a, k).mul(DoubleVector.fromArray(SPECIES, g, o + k));
                DoubleVector d = DoubleVector.fromArray(SPECIES, x, o + k).sub(DoubleVector.fromArray(SPECIES, mu, k));
                ag.add(DoubleVector.fromArray(SPECIES, b, k).mul(d))
                        .add(DoubleVector.fromArray(SPECIES, c, k))
                        .intoArray(dx, o + k);
            }
            for (; k < w; k++) {
                dx[o + k] = a[k] * g[o + k] + b[k] * (x[o + k] - mu[k]) + c[k];
            }
        }
    }

    @Override
    public String description() {
        return "Vector API, " + SPECIES.length() + " doubles per register";
    }
}
