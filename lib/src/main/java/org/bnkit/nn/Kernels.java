package org.bnkit.nn;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Which loops the layers run over the mini-batch: the facts about {@link BatchNormKernels} and
 * {@link DenseKernels} (BatchNorm, Linear, Sigmoid and plain SGD switch to the Vector API's loops
 * together) that the notebooks' set-up line and the benchmark print.
 */
public final class Kernels {
    private Kernels() {
    }

    /**
     * How the layers run their loops over the batch right now: {@code "Vector API, 8 doubles per
     * register"} when the JVM was started with {@code --add-modules jdk.incubator.vector} and the
     * JIT has compiled those loops (seconds after the library first needs them: about 2 s after the
     * start of a JVM that does nothing else, 3 to 7 s into the training of one that trains from the
     * start; see {@code WarmVectorKernels}), else {@code "plain Java loops"}. Both give the same
     * results to the last bit.
     */
    public static String describe() {
        return BatchNormKernels.create(1).description();
    }

    /**
     * Waits until the layers run the Vector API's loops, for at most {@code timeout}; returns
     * whether they do. Timings call this (the benchmark, {@code WhiteningCost}) so as not to time the
     * warm-up; nothing else needs to, since both loop sets give the same bits.
     */
    public static boolean awaitVectorLoops(Duration timeout) throws InterruptedException {
        return BatchNormKernels.vectorApiEnabled()
                && WarmVectorKernels.awaitWarm(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }
}
