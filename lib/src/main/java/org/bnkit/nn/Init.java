package org.bnkit.nn;

import org.ejml.data.DMatrixRMaj;

import java.util.Random;

/**
 * Weight initialisations for a {@link Linear} layer with weights {@code W: (fanIn, fanOut)}.
 *
 * <p>Each draws the entries independently from a zero-mean Gaussian; they differ in the standard
 * deviation:
 * <ul>
 *   <li>{@link #gaussian(double)}: a given std, as in the init-scale sweeps of CS231n;</li>
 *   <li>{@link #xavier()}: std = sqrt(2 / (fanIn + fanOut)) (Glorot &amp; Bengio 2010, eq. 12,
 *       Gaussian form);</li>
 *   <li>{@link #he()}: std = sqrt(2 / fanIn) (He et al. 2015, section 2.2), for ReLU nets.</li>
 * </ul>
 * Biases start at zero. The random source is passed in, so a seed fixes every draw.
 */
@FunctionalInterface
public interface Init {

    /**
     * The standard deviation of the entries for a layer with the given fan-in and fan-out.
     */
    double std(int fanIn, int fanOut);

    /**
     * Fills {@code w} with independent draws from N(0, std^2).
     *
     * @param w   (fanIn, fanOut). Modified.
     * @param rng the random source; the caller seeds it
     */
    default void fill(DMatrixRMaj w, Random rng) {
        double std = std(w.numRows, w.numCols);
        for (int k = 0; k < w.getNumElements(); k++) {
            w.data[k] = std * rng.nextGaussian();
        }
    }

    /** N(0, std^2) whatever the layer's size. */
    static Init gaussian(double std) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("Init.gaussian: std must be a finite number >= 0, got " + std);
        }
        return new Init() {
            @Override
            public double std(int fanIn, int fanOut) {
                return std;
            }

            @Override
            public String toString() {
                return "Gaussian(std=" + std + ")";
            }
        };
    }

    /** Glorot/Xavier: N(0, 2 / (fanIn + fanOut)). */
    static Init xavier() {
        return new Init() {
            @Override
            public double std(int fanIn, int fanOut) {
                return Math.sqrt(2.0 / (fanIn + fanOut));
            }

            @Override
            public String toString() {
                return "Xavier";
            }
        };
    }

    /** He/Kaiming: N(0, 2 / fanIn). */
    static Init he() {
        return new Init() {
            @Override
            public double std(int fanIn, int fanOut) {
                return Math.sqrt(2.0 / fanIn);
            }

            @Override
            public String toString() {
                return "He";
            }
        };
    }
}
