/**
 * The instruments the notebooks plot: {@link org.bnkit.measure.Percentiles},
 * {@link org.bnkit.measure.Histogram}, {@link org.bnkit.measure.UnitTrace} (a unit's input
 * distribution over training, Figure 1 of the paper) and {@link org.bnkit.measure.LineFit}
 * (least-squares slopes for cost and growth rates).
 * {@link org.bnkit.measure.RunningStatistics} records the running averages of several framework
 * conventions from one training run.
 */
package org.bnkit.measure;
