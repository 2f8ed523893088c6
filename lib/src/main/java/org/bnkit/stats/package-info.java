/**
 * Statistics the notebooks compute from their measurements: {@link org.bnkit.stats.Percentiles}
 * (interpolated as NumPy does), {@link org.bnkit.stats.Histogram}, {@link org.bnkit.stats.LineFit}
 * (least-squares slopes for cost and growth rates), {@link org.bnkit.stats.Timing} (CPU time per
 * call, for the cost measurements) and {@link org.bnkit.stats.Vectors} (norms and distances of
 * gradient vectors).
 */
package org.bnkit.stats;
