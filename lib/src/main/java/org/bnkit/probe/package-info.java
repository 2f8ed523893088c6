/**
 * Probes that watch a network while it trains, the instruments of the debate on why BN works:
 * {@link org.bnkit.probe.UnitTrace} (one unit's input distribution over training, Figure 1 of
 * Ioffe &amp; Szegedy), {@link org.bnkit.probe.LayerMoments} (every unit's input mean and spread),
 * {@link org.bnkit.probe.RunningStatistics} (the running averages of several framework conventions
 * from one run), {@link org.bnkit.probe.IcsProbe} (internal covariate shift through the gradients,
 * Santurkar et al. 2018, section 2.2), {@link org.bnkit.probe.LandscapeProbe} (loss and gradient
 * along the gradient, section 3) and {@link org.bnkit.probe.GradientNorms} (per-layer gradient
 * norms, Yang et al. 2019). The probes that step away from the training trajectory are built on
 * {@link org.bnkit.probe.ProbeScope}, which puts the network back exactly as it was.
 */
package org.bnkit.probe;
