package org.bnkit.nn;

/**
 * The random source of the layers that draw noise ({@link Dropout}, {@link RandomScaleShift}):
 * the 48-bit linear congruential generator that the Javadoc of {@code java.util.Random}
 * specifies, so that a seed gives the same numbers as {@code new Random(seed).nextDouble()}, with
 * a state that can be read and put back ({@link StatefulLayer#hold()}), which
 * {@code java.util.Random} does not allow.
 * <pre>
 *   state <- (state * 0x5DEECE66D + 0xB) mod 2^48          one step
 *   u      = (2^27 a + b) / 2^53                            a, b: the top 26 and 27 bits of two steps
 * </pre>
 */
final class RandomSource {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long INCREMENT = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    private long state;

    RandomSource(long seed) {
        this.state = (seed ^ MULTIPLIER) & MASK;
    }

    /** The top {@code bits} bits of the next state. */
    private int next(int bits) {
        state = (state * MULTIPLIER + INCREMENT) & MASK;
        return (int) (state >>> (48 - bits));
    }

    /** Uniform on [0, 1), as {@code java.util.Random.nextDouble()}. */
    double nextDouble() {
        return (((long) next(26) << 27) + next(27)) * 0x1.0p-53;
    }

    /** The generator's state, for {@link #restore(long)}. */
    long state() {
        return state;
    }

    /** Puts back a state read with {@link #state()}: the same numbers follow as after that call. */
    void restore(long saved) {
        this.state = saved;
    }
}
