/**
 * The benchmark command, {@link org.bnkit.bench.Benchmark}: BN forward+backward and the paper's
 * MNIST network step, each against PyTorch measured in the same run.
 */
package org.bnkit.bench;
