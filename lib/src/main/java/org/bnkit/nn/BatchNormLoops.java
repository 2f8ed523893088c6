package org.bnkit.nn;

import java.util.Arrays;

/**
 * BatchNorm's four loops over the mini-batch, on one value per statistic: the seam between the
 * layer, which a reader follows with the paper, and the fast loops of {@link BatchNormKernels},
 * which a reader can skip. A statistic is a feature, or a feature map of S positions (section
 * 3.2); the kernels work on columns, so each per-statistic value is spread over the S columns of
 * its map on the way in, and per-column sums are added up per map on the way out. With S = 1
 * the values pass as they are and the sums are copied.
 *
 * <p>Shapes: batches {@code (n, C*S)} row-major; per-statistic arrays of length C.
 */
final class BatchNormLoops {
    private final int channels;
    private final int spatial;
    private final int width;
    private final BatchNormKernels kernels;
    // one column array per argument of the kernels, each only ever holding that argument
    private final double[] centerColumns;
    private final double[] scaleColumns;
    private final double[] offsetColumns;
    private final double[] firstSumColumns;
    private final double[] secondSumColumns;
    private final double[] aColumns;
    private final double[] bColumns;
    private final double[] cColumns;

    BatchNormLoops(int channels, int spatial) {
        this.channels = channels;
        this.spatial = spatial;
        this.width = channels * spatial;
        this.kernels = BatchNormKernels.create(width);
        this.centerColumns = new double[width];
        this.scaleColumns = new double[width];
        this.offsetColumns = new double[width];
        this.firstSumColumns = new double[width];
        this.secondSumColumns = new double[width];
        this.aColumns = new double[width];
        this.bColumns = new double[width];
        this.cColumns = new double[width];
    }

    /** {@code sumD[c] = sum (x - shift_c)} and {@code sumD2[c] = sum (x - shift_c)^2} over the values of statistic c. */
    void shiftedSums(double[] x, int n, double[] shift, double[] sumD, double[] sumD2) {
        Arrays.fill(firstSumColumns, 0.0);
        Arrays.fill(secondSumColumns, 0.0);
        kernels.shiftedSums(x, n, width, spread(shift, centerColumns), firstSumColumns, secondSumColumns);
        addUpPerStatistic(firstSumColumns, sumD);
        addUpPerStatistic(secondSumColumns, sumD2);
    }

    /** {@code y = (x - center_c) scale_c + offset_c} for every value of statistic c. */
    void affine(double[] x, double[] y, int n, double[] center, double[] scale, double[] offset) {
        kernels.affine(x, y, n, width, spread(center, centerColumns), spread(scale, scaleColumns), spread(offset, offsetColumns));
    }

    /** {@code sumG[c] = sum g} and {@code sumGXc[c] = sum g (x - mu_c)} over the values of statistic c. */
    void gradientSums(double[] g, double[] x, int n, double[] mu, double[] sumG, double[] sumGXc) {
        Arrays.fill(firstSumColumns, 0.0);
        Arrays.fill(secondSumColumns, 0.0);
        kernels.gradientSums(g, x, n, width, spread(mu, centerColumns), firstSumColumns, secondSumColumns);
        addUpPerStatistic(firstSumColumns, sumG);
        addUpPerStatistic(secondSumColumns, sumGXc);
    }

    /** {@code dx = a_c g + b_c (x - mu_c) + c_c} for every value of statistic c. */
    void inputGradient(double[] g, double[] x, double[] dx, int n, double[] mu, double[] a, double[] b, double[] c) {
        kernels.inputGradient(g, x, dx, n, width, spread(mu, centerColumns), spread(a, aColumns), spread(b, bColumns),
                spread(c, cColumns));
    }

    /** columns[c*S + s] = perStatistic[c]: each value repeated over the positions of its map. */
    private double[] spread(double[] perStatistic, double[] columns) {
        if (spatial == 1) {
            return perStatistic;
        }
        for (int c = 0; c < channels; c++) {
            Arrays.fill(columns, c * spatial, (c + 1) * spatial, perStatistic[c]);
        }
        return columns;
    }

    /** perStatistic[c] = sum_s columns[c*S + s]: per-column sums added up per map. */
    private void addUpPerStatistic(double[] columns, double[] perStatistic) {
        if (spatial == 1) {
            System.arraycopy(columns, 0, perStatistic, 0, channels);
            return;
        }
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int k = c * spatial; k < (c + 1) * spatial; k++) {
                sum += columns[k];
            }
            perStatistic[c] = sum;
        }
    }
}
