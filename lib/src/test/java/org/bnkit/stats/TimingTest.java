package org.bnkit.stats;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimingTest {
    private static volatile double sink;

    /** Work proportional to n that the JIT cannot remove. */
    private static void work(int n) {
        double s = 0;
        for (int k = 1; k <= n; k++) {
            s += Math.sqrt(k + sink);
        }
        sink = s * 1e-300;
    }

    @Test
    void runsTheOperationAtLeastOncePerTrialAndReportsAPositiveTime() {
        int[] calls = {0};
        double t = Timing.secondsPerCall(() -> {
            calls[0]++;
            work(1000);
        }, 0.01);
        assertTrue(t > 0 && Double.isFinite(t), "seconds per call " + t);
        assertTrue(calls[0] >= 1 + Timing.TRIALS, "called " + calls[0] + " times");
    }

    @Test
    void eightTimesTheWorkTakesSeveralTimesAsLong() {
        // alternating rounds, the fastest of each: a JIT recompilation or a busy neighbour during
        // one round does not decide the ratio
        double small = Double.POSITIVE_INFINITY, large = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 3; round++) {
            small = Math.min(small, Timing.secondsPerCall(() -> work(20_000), 0.05));
            large = Math.min(large, Timing.secondsPerCall(() -> work(160_000), 0.05));
        }
        assertTrue(large > 4 * small && large < 16 * small, "8x work: " + small + " s against " + large + " s per call");
    }

    @Test
    void stopsWhenTheThreadIsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> Timing.secondsPerCall(() -> work(10), 0.01));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void rejectsANonPositiveMeasuringTime() {
        assertThrows(IllegalArgumentException.class, () -> Timing.secondsPerCall(() -> work(10), 0));
        assertThrows(IllegalArgumentException.class, () -> Timing.secondsPerCall(() -> work(10), Double.NaN));
    }
}
