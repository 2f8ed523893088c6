package org.bnkit.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a cell into the snippets JShell evaluates one at a time, with
 * {@link SourceCodeAnalysis#analyzeCompletion(String)}, remembering where each one starts so that
 * compiler positions and stack frames can be mapped back to the cell's lines.
 */
final class SnippetSplitter {

    private SnippetSplitter() {
    }

    /**
     * Splits {@code code} into snippets. An incomplete tail (an unclosed brace, say) is kept as a
     * last snippet so that evaluating it reports the compiler's error.
     *
     * @param analysis JShell's source analysis. Not modified.
     * @param code     the cell, after magics were transpiled
     * @return the snippets in source order; empty for a blank cell
     */
    static List<SourceChunk> split(SourceCodeAnalysis analysis, String code) {
        List<SourceChunk> chunks = new ArrayList<>();
        int offset = 0;
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete()) {
                chunks.add(stripLeadingWhitespace(rest, offset));
                break;
            }
            chunks.add(stripLeadingWhitespace(info.source(), offset));
            offset += rest.length() - info.remaining().length();
            rest = info.remaining();
        }
        return chunks;
    }

    /**
     * JShell numbers the lines of a snippet's stack frames from its first non-blank character,
     * so snippets start there; their positions then agree for frames and compiler messages alike.
     */
    private static SourceChunk stripLeadingWhitespace(String text, int start) {
        String stripped = text.stripLeading();
        return new SourceChunk(stripped, start + text.length() - stripped.length());
    }

    /** The snippet whose text holds {@code cursor} (or ends right at it), or {@code null}. */
    static SourceChunk chunkAt(List<SourceChunk> chunks, int cursor) {
        for (SourceChunk chunk : chunks) {
            if (chunk.start() <= cursor && cursor <= chunk.end()) {
                return chunk;
            }
        }
        return null;
    }
}
