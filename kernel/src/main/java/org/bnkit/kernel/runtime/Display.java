package org.bnkit.kernel.runtime;

import org.dflib.jjava.jupyter.kernel.BaseNotebookStatics;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

/**
 * The statics every cell imports ({@code import static org.bnkit.kernel.runtime.Display.*}),
 * with exactly IJava's signatures, so that notebooks run unchanged on IJava, JJava and this
 * kernel. Each call acts on the running kernel.
 */
public final class Display {

    private Display() {
    }

    /**
     * Shows {@code o} below the cell, rendered in every format the kernel knows for it (an image
     * as image/png, anything else as text/plain).
     *
     * @return the display id, for {@link #updateDisplay(String, Object)}
     */
    public static String display(Object o) {
        return BaseNotebookStatics.display(o);
    }

    /**
     * Shows {@code o} rendered as the given MIME types, e.g. {@code display(html, "text/html")}.
     *
     * @return the display id, for {@link #updateDisplay(String, Object, String...)}
     */
    public static String display(Object o, String... mimeTypes) {
        return BaseNotebookStatics.display(o, mimeTypes);
    }

    /** Renders {@code o} without showing it. */
    public static DisplayData render(Object o) {
        return BaseNotebookStatics.render(o);
    }

    /** Renders {@code o} as the given MIME types without showing it. */
    public static DisplayData render(Object o, String... mimeTypes) {
        return BaseNotebookStatics.render(o, mimeTypes);
    }

    /** Replaces what display {@code id} shows by {@code o}. */
    public static void updateDisplay(String id, Object o) {
        BaseNotebookStatics.updateDisplay(id, o);
    }

    /** Replaces what display {@code id} shows by {@code o}, rendered as the given MIME types. */
    public static void updateDisplay(String id, Object o, String... mimeTypes) {
        BaseNotebookStatics.updateDisplay(id, o, mimeTypes);
    }
}
