/**
 * Layers, each a forward rule and beside it its backward rule, on row-major mini-batches
 * {@code (N, D)} held in EJML's {@code DMatrixRMaj}.
 *
 * <p>Main classes: {@link org.bnkit.nn.Linear}, {@link org.bnkit.nn.Sigmoid},
 * {@link org.bnkit.nn.ReLU}, {@link org.bnkit.nn.Tanh}, {@link org.bnkit.nn.BatchNorm}
 * (Algorithm 1, population statistics, feature maps), {@link org.bnkit.nn.PopulationStatistics}
 * (Algorithm 2), {@link org.bnkit.nn.Folding}, {@link org.bnkit.nn.Sequential},
 * {@link org.bnkit.nn.Mlp}, {@link org.bnkit.nn.SoftmaxCrossEntropy},
 * {@link org.bnkit.nn.SquaredError}.
 *
 * <p>Convolutional networks, on mini-batches of feature maps {@code (N, C*H*W)} in NCHW order
 * ({@link org.bnkit.nn.MapShape}): {@link org.bnkit.nn.Conv2d} (im2col onto the products of
 * {@link org.bnkit.nn.Linear}), {@link org.bnkit.nn.MaxPool2d}, {@link org.bnkit.nn.Flatten}, and
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
 * {@link org.bnkit.nn.Networks} (a network with layers inserted or replaced) and
 * {@link org.bnkit.nn.StatefulLayer} (layers that probes hold still).
 */
package org.bnkit.nn;
