/**
 * The instruments the notebooks plot: {@link org.bnkit.measure.Percentiles},
 * {@link org.bnkit.measure.Histogram}, {@link org.bnkit.measure.UnitTrace} (a unit's input
 * distribution over training, Figure 1 of the paper) and {@link org.bnkit.measure.LineFit}
 * (least-squares slopes for cost and growth rates).
 * {@link org.bnkit.measure.Whitening}: full (ZCA) whitening of a batch, its backward pass, the
 * size of its Jacobian and the cost of each stage; {@link org.bnkit.measure.Timing} times them.
 */
package org.bnkit.measure;
