package org.bnkit.kernel.eval;

import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.SourceCodeAnalysis.Documentation;
import jdk.jshell.SourceCodeAnalysis.Suggestion;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers the front end's questions about code that has not run: completions (Tab),
 * documentation (Shift-Tab) and whether a cell is complete (console front ends), from JShell's
 * {@link SourceCodeAnalysis}. Magic lines are blanked out first, keeping every offset in place.
 */
public final class CodeAnalysis {

    private static final Pattern MAGIC_LINE = Pattern.compile("^[ \\t]*%.*$", Pattern.MULTILINE);
    private static final Pattern MAGIC_NAME_BEFORE_CURSOR = Pattern.compile("^[ \\t]*%(\\w*)$");
    private static final String INDENT = "    ";
    private static final Pattern SENTENCE_END = Pattern.compile("\\.(?=\\s)|(?=\\n\\s*@)");

    private final SourceCodeAnalysis analysis;
    private final Set<String> lineMagicNames;

    /**
     * @param analysis       JShell's analysis of the evaluator's session
     * @param lineMagicNames the line magics to offer after a {@code %}. Not modified.
     */
    public CodeAnalysis(SourceCodeAnalysis analysis, Set<String> lineMagicNames) {
        this.analysis = analysis;
        this.lineMagicNames = lineMagicNames;
    }

    /**
     * Completions at {@code cursor}: members, types, variables and keywords from JShell, or magic
     * names on a {@code %} line.
     *
     * @return the replacements and the range of {@code code} they replace
     */
    public ReplacementOptions complete(String code, int cursor) {
        String lineBefore = code.substring(code.lastIndexOf('\n', cursor - 1) + 1, cursor);
        Matcher magic = MAGIC_NAME_BEFORE_CURSOR.matcher(lineBefore);
        if (magic.matches()) {
            String prefix = magic.group(1);
            List<String> names = lineMagicNames.stream().filter(n -> n.startsWith(prefix)).sorted().toList();
            return new ReplacementOptions(names, cursor - prefix.length(), cursor);
        }
        String blanked = blankMagicLines(code);
        SourceChunk chunk = chunkAt(blanked, cursor);
        if (chunk == null) {
            return new ReplacementOptions(List.of(), cursor, cursor);
        }
        Set<String> continuations = new LinkedHashSet<>();
        // The cell up to the cursor as one block, so that names declared earlier in the cell are known.
        int blockAnchor = addSuggestions("{" + blanked.substring(0, cursor), cursor + 1, continuations) - 1;
        // The snippet alone: what the block cannot hold (after an import or a method) still completes.
        int inChunk = Math.min(cursor - chunk.start(), chunk.text().length());
        int chunkAnchor = chunk.start() + addSuggestions(chunk.text().substring(0, inChunk), inChunk, continuations);
        return new ReplacementOptions(new ArrayList<>(continuations), Math.min(blockAnchor, chunkAnchor), cursor);
    }

    /**
     * Adds JShell's completions of {@code source} at {@code cursor} (those that match the expected
     * type first) to {@code continuations}.
     *
     * @return where the completed word starts in {@code source} ({@code cursor} if nothing was added)
     */
    private int addSuggestions(String source, int cursor, Set<String> continuations) {
        int[] anchor = {cursor};
        List<Suggestion> suggestions = analysis.completionSuggestions(source, cursor, anchor);
        if (suggestions.isEmpty()) {
            return cursor;
        }
        suggestions.stream().filter(Suggestion::matchesType).forEach(s -> continuations.add(s.continuation()));
        suggestions.forEach(s -> continuations.add(s.continuation()));
        return anchor[0];
    }

    /**
     * The signatures of what the identifier or call at {@code cursor} refers to, each with the
     * summary (first sentence) of its Javadoc, or all of it if {@code detail}, where JShell has the
     * Javadoc (for the JDK, when its {@code src.zip} is installed). Names declared earlier in the
     * same cell are known, as in IJava.
     *
     * @return a text/plain bundle, or {@code null} if JShell knows nothing about it
     */
    public DisplayData inspect(String code, int cursor, boolean detail) {
        int end = cursor;
        while (end < code.length() && Character.isJavaIdentifierPart(code.charAt(end))) {
            end++;
        }
        String blanked = blankMagicLines(code);
        SourceChunk chunk = chunkAt(blanked, end);
        if (chunk == null) {
            return null;
        }
        String before = chunk.text().substring(0, Math.min(end - chunk.start(), chunk.text().length()));
        List<Documentation> docs = documentation(before);
        if (docs.isEmpty()) {
            docs = documentation("{" + blanked.substring(0, end));
        }
        if (docs.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Documentation doc : docs) {
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(doc.signature());
            String javadoc = doc.javadoc() == null ? "" : doc.javadoc().strip();
            if (!javadoc.isEmpty()) {
                text.append("\n").append(detail ? javadoc : summary(javadoc));
            }
        }
        return new DisplayData(text.toString());
    }

    /** JShell's documentation at the end of {@code source}, or of the call it opens ("Math.max" -> "Math.max("). */
    private List<Documentation> documentation(String source) {
        List<Documentation> docs = analysis.documentation(source, source.length(), true);
        return docs.isEmpty() ? analysis.documentation(source + "(", source.length() + 1, true) : docs;
    }

    /** The first sentence of a Javadoc text: up to the first period followed by white space, or the first block tag. */
    static String summary(String javadoc) {
        Matcher end = SENTENCE_END.matcher(javadoc);
        String first = end.find() ? javadoc.substring(0, end.start() + 1) : javadoc;
        return first.replaceAll("\\s+", " ").strip();
    }

    /**
     * Whether a console front end should run {@code code} on Enter.
     *
     * @return {@link BaseKernel#IS_COMPLETE_YES}, {@link BaseKernel#IS_COMPLETE_BAD}, or the
     * indent for the next line when the code is valid so far but unfinished
     */
    public String isComplete(String code) {
        String rest = blankMagicLines(code);
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case COMPLETE, COMPLETE_WITH_SEMI -> rest = info.remaining();
                case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                    return nextIndent(code);
                }
                case UNKNOWN -> {
                    return BaseKernel.IS_COMPLETE_BAD;
                }
                case EMPTY -> rest = "";
            }
        }
        return BaseKernel.IS_COMPLETE_YES;
    }

    private SourceChunk chunkAt(String blanked, int cursor) {
        return SnippetSplitter.chunkAt(SnippetSplitter.split(analysis, blanked), cursor);
    }

    /** Replaces each magic line by as many spaces, so offsets into the code stay valid. */
    static String blankMagicLines(String code) {
        Matcher m = MAGIC_LINE.matcher(code);
        StringBuilder out = new StringBuilder(code);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                out.setCharAt(i, ' ');
            }
        }
        return out.toString();
    }

    /** The last line's indent, one level deeper after an opening brace or parenthesis. */
    private static String nextIndent(String code) {
        String last = code.substring(code.lastIndexOf('\n') + 1);
        String indent = last.substring(0, last.length() - last.stripLeading().length());
        String trimmed = last.strip();
        return trimmed.endsWith("{") || trimmed.endsWith("(") ? indent + INDENT : indent;
    }
}
