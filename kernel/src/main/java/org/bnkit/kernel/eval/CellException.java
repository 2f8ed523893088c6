package org.bnkit.kernel.eval;

import java.util.List;

/**
 * A cell that did not run to its end: it did not compile, it threw, or it was interrupted. The
 * kernel turns it into a Jupyter {@code error} message whose traceback is {@link #traceback()}.
 * It carries no Java stack trace of its own: the kernel's frames mean nothing to the user.
 */
public abstract class CellException extends RuntimeException {

    private final List<String> traceback;

    protected CellException(String message, List<String> traceback) {
        super(message, null, false, false);
        this.traceback = List.copyOf(traceback);
    }

    /** The lines the notebook shows for this error, without line terminators. */
    public List<String> traceback() {
        return traceback;
    }
}
