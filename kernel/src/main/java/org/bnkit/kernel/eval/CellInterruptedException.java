package org.bnkit.kernel.eval;

import java.util.List;

/** A cell stopped by the user's interrupt request; the snippets after the running one were skipped. */
public final class CellInterruptedException extends CellException {

    CellInterruptedException(SourceText source, int line) {
        super("interrupted",
                List.of("Interrupted: " + source.name() + " was stopped at line " + line
                        + " by an interrupt request; the rest of the cell did not run."));
    }
}
