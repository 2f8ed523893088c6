package org.bnkit.nn;

import org.bnkit.config.Knobs;

/**
 * The four loops over the mini-batch that make up Batch Normalization's training step
 * (Algorithm 1 of Ioffe &amp; Szegedy 2015 and its backward rule, section 3), each over a
 * row-major {@code (n, w)} array with one entry per column in the per-column arrays.
 *
 * <p>Two implementations compute exactly the same floating-point operations in the same order, so
 * they give bit-for-bit the same results: {@link ScalarBatchNormKernels}, plain Java that HotSpot
 * vectorizes through small scratch rows, and {@link VectorBatchNormKernels}, which uses the
 * incubating Vector API ({@code jdk.incubator.vector}) and reads the batch in place, about twice
 * as fast. The Vector API is only there when the JVM is started with
 * {@code --add-modules jdk.incubator.vector} (the kit's kernel and {@code ./bnkit bench} do); a
 * plain JVM, such as IJava's, gets the scalar loops by itself. {@code -Dbnkit.vector=false} (or
 * {@code BNKIT_VECTOR=false}) forces the scalar loops.
 */
interface BatchNormKernels {

    /**
     * The shifted sums behind mu_B and sigma2_B: for every column k,
     * {@code s1[k] += sum_i (x_ik - K_k)} and {@code s2[k] += sum_i (x_ik - K_k)^2}.
     */
    void shiftedSums(double[] x, int n, int w, double[] shift, double[] s1, double[] s2);

    /** Normalize, scale and shift: {@code y_ik = (x_ik - center_k) scale_k + offset_k}. */
    void affine(double[] x, double[] y, int n, int w, double[] center, double[] scale, double[] offset);

    /**
     * The two sums of the backward rule: {@code sumG[k] += sum_i g_ik} (dL/dbeta) and
     * {@code sumGX[k] += sum_i g_ik (x_ik - mu_k)} (dL/dgamma times sqrt(sigma2_B + eps)).
     */
    void gradientSums(double[] g, double[] x, int n, int w, double[] mu, double[] sumG, double[] sumGX);

    /** dL/dx in the compact form: {@code dx_ik = a_k g_ik + b_k (x_ik - mu_k) + c_k}. */
    void inputGradient(double[] g, double[] x, double[] dx, int n, int w, double[] mu, double[] a, double[] b, double[] c);

    /** Which implementation this is, for the setup line of the notebooks and the benchmark. */
    String description();

    /**
     * The fastest implementation this JVM allows, for rows of {@code width} values: the Vector
     * API's if the module is present and not switched off (from the moment the JIT has compiled
     * them: {@link WarmVectorKernels}), otherwise the scalar loops.
     */
    static BatchNormKernels create(int width) {
        return vectorApiEnabled() ? new WarmVectorKernels(width) : new ScalarBatchNormKernels(width);
    }

    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Whether new layers take the Vector API's loops: present, and not switched off by the knob. */
    static boolean vectorApiEnabled() {
        return vectorApiPresent() && Knobs.flag("vector", true);
    }
}
