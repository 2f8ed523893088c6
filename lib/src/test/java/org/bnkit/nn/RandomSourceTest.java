package org.bnkit.nn;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RandomSourceTest {

    /** The layers' random source draws what java.util.Random draws from the same seed, so the masks and noise stay those of before. */
    @Test
    void drawsWhatJavaUtilRandomDrawsFromTheSameSeed() {
        for (long seed : new long[] {0, 1, 23, -7, Long.MAX_VALUE}) {
            Random reference = new Random(seed);
            RandomSource source = new RandomSource(seed);
            for (int k = 0; k < 100_000; k++) {
                assertEquals(reference.nextDouble(), source.nextDouble(), 0.0, "draw " + k + " from seed " + seed);
            }
        }
    }

    @Test
    void aRestoredStateRepeatsTheDrawsThatFollowedIt() {
        RandomSource source = new RandomSource(5);
        source.nextDouble();
        long state = source.state();
        double[] first = {source.nextDouble(), source.nextDouble(), source.nextDouble()};
        source.restore(state);
        for (double u : first) {
            assertEquals(u, source.nextDouble(), 0.0);
        }
    }
}
