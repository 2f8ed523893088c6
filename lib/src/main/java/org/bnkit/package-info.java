/**
 * bnkit: a small library for learning what Batch Normalization does, why it works, and what is
 * still argued about it.
 *
 * <ul>
 *   <li>{@link org.bnkit.nn}: layers with their forward and backward rules, Batch Normalization
 *       (Algorithms 1 and 2 of Ioffe &amp; Szegedy 2015), losses, MLP builder;</li>
 *   <li>{@link org.bnkit.train}: SGD, the training loop and its hooks;</li>
 *   <li>{@link org.bnkit.check}: finite-difference gradient checks, the kit's tolerances, and
 *       {@link org.bnkit.check.Claims}, through which a notebook asserts what its prose says;</li>
 *   <li>{@link org.bnkit.data}: MNIST and synthetic data;</li>
 *   <li>{@link org.bnkit.stats}: percentiles, histograms, line fits, timing and vector norms;</li>
 *   <li>{@link org.bnkit.probe}: the probes that watch a network train (a unit's input
 *       distribution, internal covariate shift, the loss landscape, gradient norms);</li>
 *   <li>{@link org.bnkit.whitening}: full whitening of a batch, its backward pass and cost;</li>
 *   <li>{@link org.bnkit.exercise}: the graders of the notebooks' exercises;</li>
 *   <li>{@link org.bnkit.config}: the knobs that shorten long runs in CI;</li>
 *   <li>{@link org.bnkit.plot}: charts and tables for the notebooks;</li>
 *   <li>{@link org.bnkit.bench}: the benchmark command.</li>
 * </ul>
 * {@link org.bnkit.Kit} is the notebooks' facade: the setup line, the data folder and the knobs.
 * The packages depend downwards only: {@code nn} on {@code config}; {@code train},
 * {@code probe}, {@code whitening} and {@code check} on {@code nn}; {@code Kit} on what it
 * describes; nothing imports {@code Kit} but the notebooks.
 */
package org.bnkit;
