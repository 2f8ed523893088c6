package org.bnkit.kernel.eval;

/**
 * One JShell snippet cut out of a larger source.
 *
 * @param text  the snippet source as JShell's completion analysis returned it (it may end with a
 *              semicolon that the user left out)
 * @param start the offset of the snippet's first character in the source it was cut from
 */
record SourceChunk(String text, int start) {

    /** The offset just past the snippet in the source it was cut from. */
    int end() {
        return start + text.length();
    }
}
