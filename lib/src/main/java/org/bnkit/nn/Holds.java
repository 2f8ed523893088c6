package org.bnkit.nn;

/**
 * The bookkeeping behind {@link StatefulLayer#hold()}: how many holds of one layer are open, and
 * their closing in the reverse order of opening, each putting back the state it saved.
 */
final class Holds {
    private final Object layer;
    private int open;

    /** @param layer the layer whose holds these are, named in error messages */
    Holds(Object layer) {
        this.layer = layer;
    }

    /** Opens a hold; closing it runs {@code restore}, which puts back the state saved just before. */
    StatefulLayer.Hold open(Runnable restore) {
        final int depth = ++open;
        return new StatefulLayer.Hold() {
            private boolean closed;

            @Override
            public void close() {
                if (closed) {
                    return;
                }
                if (depth != open) {
                    throw new IllegalStateException(layer + ": close holds in the reverse order of opening them "
                            + "(try-with-resources does); this hold is number " + depth + " of " + open + " open");
                }
                closed = true;
                open--;
                restore.run();
            }
        };
    }

    /** Copies the contents of {@code arrays} now; the returned action copies them back. */
    static Runnable contents(double[]... arrays) {
        final double[][] saved = new double[arrays.length][];
        for (int k = 0; k < arrays.length; k++) {
            saved[k] = arrays[k].clone();
        }
        return () -> {
            for (int k = 0; k < arrays.length; k++) {
                System.arraycopy(saved[k], 0, arrays[k], 0, saved[k].length);
            }
        };
    }

    /** Whether a hold is open. */
    boolean any() {
        return open > 0;
    }
}
