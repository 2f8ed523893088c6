/**
 * Layers, each a forward rule and beside it its backward rule, on row-major mini-batches
 * {@code (N, D)} held in EJML's {@code DMatrixRMaj}.
 *
 * <p>Main classes: {@link org.bnkit.nn.Linear}, {@link org.bnkit.nn.Sigmoid},
 * {@link org.bnkit.nn.ReLU}, {@link org.bnkit.nn.Tanh}, {@link org.bnkit.nn.BatchNorm}
 * (Algorithm 1, feature maps), {@link org.bnkit.nn.PopulationMoments} (one layer's E[x] and
 * Var[x]: running average, Algorithm 2's sums), {@link org.bnkit.nn.PopulationStatistics}
 * (Algorithm 2 over a network), {@link org.bnkit.nn.Folding}, {@link org.bnkit.nn.Sequential},
 * {@link org.bnkit.nn.Mlp}, {@link org.bnkit.nn.SoftmaxCrossEntropy},
 * {@link org.bnkit.nn.SquaredError}. BatchNorm's loops over the batch sit behind a seam a reader
 * can skip ({@code BatchNormLoops}, {@code BatchNormKernels}); {@link org.bnkit.nn.Kernels} says
 * which loops run.
 *
 * <p>The normalization family shares {@link org.bnkit.nn.Normalization} (gamma, beta, eps and
 * their checks): {@link org.bnkit.nn.BatchNorm}, {@link org.bnkit.nn.BatchRenorm},
 * {@link org.bnkit.nn.LpBatchNorm}, {@link org.bnkit.nn.LayerNorm}. Every layer whose
 * training-mode forward pass changes it is a {@link org.bnkit.nn.StatefulLayer}, put back
 * exactly by closing a hold.
 *
 * <p>Convolutional networks, on mini-batches of feature maps {@code (N, C*H*W)} in NCHW order
 * ({@link org.bnkit.nn.MapShape}): {@link org.bnkit.nn.Conv2d} (im2col, one image at a time, onto
 * the product of a fully connected layer), {@link org.bnkit.nn.MaxPool2d}, {@link org.bnkit.nn.Flatten}, and
 * {@link org.bnkit.nn.BatchNorm} per feature map.
 *
 * <p>Regularization and depth: {@link org.bnkit.nn.Dropout} (section 3.4) and
 * {@link org.bnkit.nn.Residual} (a skip connection, y = x + F(x)).
 *
 * <p>Alternatives to batch statistics: {@link org.bnkit.nn.BatchRenorm} (Ioffe 2017) and
 * {@link org.bnkit.nn.LayerNorm} (Ba et al. 2016).
 *
 * <p>For the debate of Santurkar et al. (2018): {@link org.bnkit.nn.RandomScaleShift} ("noisy"
 * BN), {@link org.bnkit.nn.LpBatchNorm} (normalization by an l_p norm),
 * and {@link org.bnkit.nn.Networks} (a network with layers inserted or replaced).
 */
package org.bnkit.nn;
