package org.bnkit.kernel.eval;

import jdk.jshell.Diag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A snippet that javac rejected, or that refers to something not declared (a missing import,
 * say). The traceback names the line, shows it with the offending span underlined, then javac's
 * message:
 * <pre>
 * Compilation error in In [3], line 2:
 *     int y = "x";
 *             ^^^
 * incompatible types: java.lang.String cannot be converted to int
 * </pre>
 */
public final class CompilationException extends CellException {

    private CompilationException(String message, List<String> traceback) {
        super(message, traceback);
    }

    /**
     * @param source     the source as the user wrote it. Not modified.
     * @param code       the same source after magics were transpiled (same lines, magic lines
     *                   rewritten). Not modified.
     * @param chunk      the rejected snippet, cut from {@code code}
     * @param errors     javac's errors, positioned within the snippet
     */
    static CompilationException fromDiagnostics(SourceText source, SourceText code, SourceChunk chunk,
                                                List<Diag> errors) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag diag : errors) {
            long from = diag.getStartPosition() >= 0 ? diag.getStartPosition() : diag.getPosition();
            long to = Math.max(diag.getEndPosition(), from + 1);
            int start = chunk.start() + (int) Math.max(0, from);
            int end = chunk.start() + (int) to;
            int line = code.lineOf(Math.min(start, Math.max(0, code.text().length() - 1)));
            String message = diag.getMessage(Locale.ROOT);
            lines.add("Compilation error in " + source.name() + ", line " + line + ":");
            lines.addAll(quote(source, code, line, start, end));
            // JShell's wrapper class has no name: drop javac's empty "location: class" line.
            lines.addAll(message.lines().filter(l -> !l.strip().equals("location: class")).toList());
            if (first == null) {
                first = "line " + line + ": " + message.lines().findFirst().orElse("");
            }
        }
        return new CompilationException(first == null ? "compilation failed" : first, lines);
    }

    /**
     * A snippet that compiled but refers to names that are not declared; JShell would keep it,
     * unusable, until they are. Notebooks expect an error instead, as IJava gives.
     *
     * @param unresolved the undeclared names as JShell lists them, e.g. {@code "class Stream"}
     */
    static CompilationException unresolved(SourceText source, SourceText code, SourceChunk chunk,
                                           List<String> unresolved) {
        int line = code.lineOf(chunk.start());
        String names = String.join(", ", unresolved);
        String message = "cannot find symbol: " + names + " (is an import missing?)";
        List<String> lines = new ArrayList<>();
        lines.add("Compilation error in " + source.name() + ", line " + line + ":");
        lines.add("    " + source.line(line));
        lines.add(message);
        return new CompilationException("line " + line + ": " + message, lines);
    }

    private static List<String> quote(SourceText source, SourceText code, int line, int start, int end) {
        String original = source.line(line);
        String compiled = code.line(line);
        if (!original.equals(compiled)) {
            return List.of("    " + original);
        }
        int lineStart = code.lineStart(line);
        int from = Math.min(start - lineStart, compiled.length());
        int to = Math.max(from + 1, Math.min(end - lineStart, compiled.length()));
        StringBuilder marker = new StringBuilder("    ");
        for (int i = 0; i < from; i++) {
            marker.append(compiled.charAt(i) == '\t' ? '\t' : ' ');
        }
        marker.append("^".repeat(to - from));
        return List.of("    " + compiled, marker.toString());
    }
}
