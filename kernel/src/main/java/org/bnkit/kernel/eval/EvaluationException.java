package org.bnkit.kernel.eval;

import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.UnresolvedReferenceException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * User code that threw. The traceback reads like a Java stack trace whose snippet frames point
 * at notebook lines, with the kernel's, JShell's and reflection's own frames left out:
 * <pre>
 * java.lang.IllegalStateException: boom
 *     at check (In [2], line 3): throw new IllegalStateException("boom");
 *     at (In [4], line 1): check(-1);
 * Caused by: ...
 * </pre>
 */
public final class EvaluationException extends CellException {

    /** Frames of these packages are plumbing between the notebook and the user's code. */
    private static final List<String> INTERNAL_PACKAGES = List.of(
            "org.bnkit.kernel.", "org.dflib.jjava.", "jdk.jshell.", "java.lang.reflect.",
            "jdk.internal.reflect.");

    private EvaluationException(String message, List<String> traceback) {
        super(message, traceback);
    }

    /**
     * @param thrown     what JShell reported, with causes and frames translated to snippets
     * @param locations  where each snippet came from. Not modified.
     * @param unresolved describes a use of a snippet whose declaration is incomplete
     */
    static EvaluationException of(JShellException thrown, SnippetLocations locations,
                                  Function<UnresolvedReferenceException, String> unresolved) {
        List<String> lines = new ArrayList<>();
        String message = header(thrown, unresolved);
        lines.add(message);
        StackTraceElement[] enclosing = new StackTraceElement[0];
        for (Throwable current = thrown; current != null; current = current.getCause()) {
            if (current != thrown) {
                lines.add("Caused by: " + header(current, unresolved));
            }
            StackTraceElement[] frames = current.getStackTrace();
            // As printStackTrace does, a cause's frames shared with the enclosing trace are elided.
            int shared = sharedTail(frames, enclosing);
            for (int i = 0; i < frames.length - shared; i++) {
                String shown = frame(frames[i], locations);
                if (shown != null) {
                    lines.add(shown);
                }
            }
            if (shared > 0) {
                lines.add("    ... " + shared + " more");
            }
            enclosing = frames;
        }
        return new EvaluationException(message, lines);
    }

    private static int sharedTail(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int shared = 0;
        while (shared < frames.length && shared < enclosing.length
                && frames[frames.length - 1 - shared].equals(enclosing[enclosing.length - 1 - shared])) {
            shared++;
        }
        return shared;
    }

    private static String header(Throwable thrown, Function<UnresolvedReferenceException, String> unresolved) {
        if (thrown instanceof EvalException e) {
            String text = e.getMessage();
            return text == null ? e.getExceptionClassName() : e.getExceptionClassName() + ": " + text;
        }
        if (thrown instanceof UnresolvedReferenceException e) {
            return unresolved.apply(e);
        }
        return thrown.toString();
    }

    private static String frame(StackTraceElement frame, SnippetLocations locations) {
        SnippetLocations.Location location = locations.forFrame(frame.getFileName());
        if (location != null) {
            int line = location.sourceLine(frame.getLineNumber());
            String member = member(frame);
            String text = location.source().line(line).strip();
            return "    at " + (member.isEmpty() ? "" : member + " ")
                    + "(" + location.source().name() + ", line " + line + ")"
                    + (text.isEmpty() ? "" : ": " + text);
        }
        for (String internal : INTERNAL_PACKAGES) {
            if (frame.getClassName().startsWith(internal)) {
                return null;
            }
        }
        return "    at " + frame;
    }

    /** {@code Type.method} for a snippet frame; empty for a cell's top-level statements. */
    private static String member(StackTraceElement frame) {
        String method = frame.getMethodName();
        String type = frame.getClassName();
        if (method.isEmpty()) {
            return "";
        }
        return type.isEmpty() ? method : type + "." + method;
    }
}
