/**
 * Full whitening of a batch, the transform that section 2 of Ioffe &amp; Szegedy rejects as too
 * costly: {@link org.bnkit.whitening.Whitening} computes its stages (centring, covariance,
 * eigendecomposition, inverse square root), its backward pass, the size of its Jacobian and its
 * cost next to BN's.
 */
package org.bnkit.whitening;
