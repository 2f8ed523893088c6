package org.bnkit.stats;

/**
 * Euclidean lengths of the flat vectors the probes compare: a layer's gradient G and the gradient
 * G' after the layers below it moved (notebook 07), gradients along a step (notebook 08), the
 * size of an update against the weights it changes (notebook 09).
 */
public final class Vectors {
    private Vectors() {
    }

    /** ||a||_2 = sqrt(sum_k a_k^2). */
    public static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** ||a - b||_2, for vectors of the same length. */
    public static double distance(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Vectors.distance: the vectors have " + a.length + " and " + b.length
                    + " entries; a distance needs vectors of the same length");
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
