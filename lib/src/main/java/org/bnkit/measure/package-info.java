/**
 * The instruments the notebooks plot: {@link org.bnkit.measure.Percentiles},
 * {@link org.bnkit.measure.Histogram}, {@link org.bnkit.measure.UnitTrace} (a unit's input
 * distribution over training, Figure 1 of the paper), {@link org.bnkit.measure.Whitening} (full
 * whitening of a batch: its stages, backward pass, Jacobian size and cost, timed with
 * {@link org.bnkit.measure.Timing}) and {@link org.bnkit.measure.LineFit}
 * (least-squares slopes for cost and growth rates).
 */
package org.bnkit.measure;
