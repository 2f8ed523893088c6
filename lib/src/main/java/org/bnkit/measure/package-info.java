/**
 * The instruments the notebooks plot: {@link org.bnkit.measure.Percentiles},
 * {@link org.bnkit.measure.Histogram}, {@link org.bnkit.measure.UnitTrace} (a unit's input
 * distribution over training, Figure 1 of the paper), {@link org.bnkit.measure.Whitening} (full
 * whitening of a batch: its stages, backward pass, Jacobian size and cost, timed with
 * {@link org.bnkit.measure.Timing}) and {@link org.bnkit.measure.LineFit}
 * (least-squares slopes for cost and growth rates).
 *
 * <p>{@link org.bnkit.measure.RunningStatistics} records the running averages of several framework
 * conventions from one training run.
 *
 * <p>Probes of the debate on why BN works: {@link org.bnkit.measure.LayerMoments} (every unit's
 * input mean and spread over training), {@link org.bnkit.measure.IcsProbe} (internal covariate
 * shift through the gradients, Santurkar et al. 2018, section 2.2),
 * {@link org.bnkit.measure.LandscapeProbe} (loss and gradient along the gradient, section 3),
 * {@link org.bnkit.measure.GradientNorms} (per-layer gradient norms, Yang et al. 2019), all built
 * on {@link org.bnkit.measure.ProbeScope}, which puts the network back exactly as it was.
 */
package org.bnkit.measure;
