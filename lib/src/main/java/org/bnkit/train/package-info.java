/**
 * Training: {@link org.bnkit.train.Sgd}, the mini-batch loop {@link org.bnkit.train.Trainer} with
 * seeded shuffling, progress and interrupt handling, the {@link org.bnkit.train.TrainingHook}s
 * through which instruments read a run, and {@link org.bnkit.train.Evaluation};
 * {@link org.bnkit.train.Checkpoints} records the test accuracy at regular steps, with BN's
 * population statistics from Algorithm 2 (Figure 1a of the paper).
 * {@link org.bnkit.train.Parallel} runs independent trainings on several threads.
 */
package org.bnkit.train;
