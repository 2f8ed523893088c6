/**
 * Full whitening of a batch, the transform that section 2 of Ioffe &amp; Szegedy rejects as too
 * costly: {@link org.bnkit.whitening.Whitening} computes its stages (centring, covariance,
 * eigendecomposition, inverse square root), its backward pass and the size of its Jacobian;
 * {@link org.bnkit.whitening.WhiteningCost} times them next to BN.
 */
package org.bnkit.whitening;
