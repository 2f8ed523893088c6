package org.bnkit.kernel.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A named piece of source code (a notebook cell or a file loaded with {@code %load}) with its
 * line structure, so that offsets found by the compiler can be reported as line numbers.
 * Immutable.
 */
public final class SourceText {

    private final String name;
    private final String text;
    private final int[] lineStarts;

    /**
     * @param name how errors name this source, e.g. {@code "In [3]"} or {@code "setup.jsh"}
     * @param text the source exactly as the user wrote it. Not modified.
     */
    public SourceText(String name, String text) {
        this.name = name;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The 1-based line that holds {@code offset} (offsets past the end belong to the last line). */
    public int lineOf(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    /** The offset at which the 1-based {@code line} starts. */
    public int lineStart(int line) {
        return lineStarts[line - 1];
    }

    /** The text of the 1-based {@code line}, without its line terminator; empty past the end. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) {
            return "";
        }
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
        String content = text.substring(start, end);
        return content.endsWith("\r") ? content.substring(0, content.length() - 1) : content;
    }
}
