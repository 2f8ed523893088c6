package org.bnkit.nn;

/**
 * A layer's choice of {@link DenseKernels}: the Vector API's once they are warm, when this JVM has
 * the module and the {@code bnkit.vector} knob (or {@code BNKIT_VECTOR}) does not switch them off
 * when the layer is built; the plain loops otherwise. Both give the same bits, so the choice, made
 * again at every call (a single flag read), changes only the speed.
 */
final class DenseLoops {
    private final ScalarDenseKernels plain = new ScalarDenseKernels();
    private final DenseKernels vector = BatchNormKernels.vectorApiEnabled() ? new VectorDenseKernels() : null;

    /** The kernels to use for this call. */
    DenseKernels current() {
        return vector != null && WarmVectorKernels.warm() ? vector : plain;
    }
}
