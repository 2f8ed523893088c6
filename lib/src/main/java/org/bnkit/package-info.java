/**
 * bnkit: a small library for learning what Batch Normalization does, why it works, and what is
 * still argued about it.
 *
 * <ul>
 *   <li>{@link org.bnkit.nn}: layers with their forward and backward rules, Batch Normalization
 *       (Algorithms 1 and 2 of Ioffe &amp; Szegedy 2015), losses, MLP builder;</li>
 *   <li>{@link org.bnkit.train}: SGD, the training loop and its hooks;</li>
 *   <li>{@link org.bnkit.check}: finite-difference gradient checks and the kit's tolerances;</li>
 *   <li>{@link org.bnkit.data}: MNIST and synthetic data;</li>
 *   <li>{@link org.bnkit.measure}: the instruments the notebooks plot;</li>
 *   <li>{@link org.bnkit.plot}: charts and tables for the notebooks;</li>
 *   <li>{@link org.bnkit.bench}: the benchmark command.</li>
 * </ul>
 * {@link org.bnkit.Kit} holds the knobs that shorten long runs in CI.
 */
package org.bnkit;
