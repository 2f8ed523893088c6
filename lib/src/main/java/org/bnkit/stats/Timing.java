package org.bnkit.stats;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CancellationException;

/**
 * How long an operation takes, for cost-against-size plots such as the whitening cost of
 * notebook 02.
 *
 * <p>The clock is the CPU time of the calling thread (wall time where the JVM cannot read it), so
 * that other work on a shared machine does not count against the operation. The operation first
 * runs for a while untimed, so that the JIT compiler has compiled it (on a busy machine the
 * compiler threads get little CPU, so this warm-up is measured in wall time); then it is repeated
 * in a loop long enough to be timed, {@link #TRIALS} times, and the best trial counts:
 * interference only ever adds time, so the minimum is the estimate least disturbed by it.
 */
public final class Timing {
    /** The number of timed trials; the fastest one is reported. */
    public static final int TRIALS = 5;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private Timing() {
    }

    /**
     * Seconds per call of {@code op}: after a warm-up of at least one call and {@code minSeconds / TRIALS}
     * of wall time, the loop length k is doubled until k calls take at least
     * {@code minSeconds / TRIALS}; then the best of {@link #TRIALS} loops of k calls, divided by k.
     *
     * @param op         the operation; its result must not be needed (it runs many times)
     * @param minSeconds the total time to spend measuring, roughly (more for slow operations:
     *                   every trial runs at least one call)
     * @throws CancellationException if the thread is interrupted (the notebook's stop button)
     */
    public static double secondsPerCall(Runnable op, double minSeconds) {
        if (!(minSeconds > 0) || Double.isInfinite(minSeconds)) {
            throw new IllegalArgumentException("Timing: minSeconds must be a finite number > 0, got " + minSeconds);
        }
        final double perTrial = minSeconds / TRIALS;
        final long warmUntil = System.nanoTime() + (long) (perTrial * 1e9);
        do {
            op.run();
        } while (System.nanoTime() < warmUntil);
        long calls = 1;
        double seconds = loop(op, calls);
        while (seconds < perTrial && calls < (1L << 40)) {
            calls *= 2;
            seconds = loop(op, calls);
        }
        double best = seconds;
        for (int t = 1; t < TRIALS; t++) {
            best = Math.min(best, loop(op, calls));
        }
        return best / calls;
    }

    /** The seconds taken by {@code calls} calls of {@code op}. */
    private static double loop(Runnable op, long calls) {
        if (Thread.interrupted()) {
            Thread.currentThread().interrupt();
            throw new CancellationException("Timing interrupted (the thread's interrupt flag is set)");
        }
        long start = now();
        for (long k = 0; k < calls; k++) {
            op.run();
        }
        return (now() - start) / 1e9;
    }

    /** Nanoseconds of the calling thread's CPU time, or of the wall clock where that is unavailable. */
    private static long now() {
        return measuresCpuTime() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    /** Whether {@link #secondsPerCall} measures CPU time (true) or wall time (false) on this JVM. */
    public static boolean measuresCpuTime() {
        return THREADS.isCurrentThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled();
    }
}
