package org.bnkit.kernel.eval;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.dflib.jjava.jupyter.kernel.magic.MagicParser;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Evaluates notebook cells with JShell, the way IJava does: magics are transpiled first, then the
 * cell is cut into snippets that are compiled and run one at a time, in the kernel's JVM. The
 * value of the last snippet is the cell's value when that snippet is one IJava shows
 * (variable references and value-producing expressions, not assignments to a variable).
 *
 * <p>A cell stops at its first failing snippet with a {@link CellException}; the snippets before
 * it keep their effect, as in IJava. Files queued by {@code %load} ({@link #include}) run right
 * after the snippet that queued them.
 *
 * <p>Cells are evaluated one at a time (the kernel's execute handler is synchronized);
 * {@link #interrupt()} may be called from any thread.
 */
public final class CellEvaluator implements AutoCloseable {

    /** How deeply {@code %load}ed files may load further files. */
    private static final int MAX_INCLUDE_DEPTH = 16;

    private final JShell shell;
    private final MagicParser magics;
    private final SnippetThread thread;
    private final AtomicReference<Object> lastValue = new AtomicReference<>();
    private final SnippetLocations locations = new SnippetLocations();
    private final Deque<SourceText> includes = new ArrayDeque<>();
    private final AtomicInteger cellCount = new AtomicInteger();
    private volatile boolean evaluating;
    private volatile boolean interruptRequested;

    /**
     * Starts JShell and runs the startup snippets (the default imports).
     *
     * @param magics           transpiles {@code %magic} lines into Java calls
     * @param compileClasspath entries the compiler needs besides {@code java.class.path}, e.g.
     *                         the jars of the statics that the startup snippets import
     * @param startupSnippets  run once, before the first cell
     * @param interruptGrace   how long an interrupted snippet may take before it is forced to stop
     * @throws IllegalStateException if a startup snippet fails
     */
    public CellEvaluator(MagicParser magics, List<Path> compileClasspath, List<String> startupSnippets,
                         Duration interruptGrace) {
        this.magics = magics;
        this.thread = new SnippetThread(interruptGrace);
        this.shell = JShell.builder()
                .executionEngine(new InKernelExecutionControlProvider(thread, lastValue), Map.of())
                .build();
        for (Path entry : compileClasspath) {
            shell.addToClasspath(entry.toAbsolutePath().toString());
        }
        SourceText startup = new SourceText("startup", String.join("\n", startupSnippets));
        for (String snippet : startupSnippets) {
            List<SnippetEvent> events = shell.eval(snippet);
            if (events.isEmpty() || events.get(0).status() != Snippet.Status.VALID) {
                throw new IllegalStateException("Kernel startup snippet failed: " + snippet);
            }
            locations.record(events.get(0).snippet().id(), startup, 1);
        }
    }

    /**
     * Evaluates one notebook cell.
     *
     * @param code the cell as the user wrote it
     * @return the value of the cell's last snippet if IJava would show it, else {@code null}
     * @throws CellException         if a snippet does not compile, throws or is interrupted
     * @throws IllegalStateException if called from a snippet (cells do not nest)
     */
    public Object evalCell(String code) {
        if (thread.isSnippetThread()) {
            throw new IllegalStateException("A cell cannot evaluate another cell; use %load to run a file.");
        }
        SourceText cell = new SourceText("In [" + cellCount.incrementAndGet() + "]", code);
        interruptRequested = false;
        thread.clearInterrupt();
        evaluating = true;
        try {
            return evalSource(cell, 0);
        } finally {
            evaluating = false;
            includes.clear();
        }
    }

    /**
     * Stops the running cell: the running snippet is interrupted (then forced to stop after the
     * grace period) and the rest of the cell is skipped. Does nothing between cells.
     */
    public void interrupt() {
        if (evaluating) {
            interruptRequested = true;
            thread.interrupt();
        }
    }

    /**
     * Makes classes in {@code entries} usable by later snippets, at compile time and at run time.
     *
     * @param entries jars or class folders
     */
    public void addToClasspath(List<Path> entries) {
        for (Path entry : entries) {
            shell.addToClasspath(entry.toAbsolutePath().toString());
        }
    }

    /**
     * Queues a source (a file read by {@code %load}) to run right after the snippet that is
     * running now, as if it were a cell.
     *
     * @throws IllegalStateException outside a cell
     */
    public void include(SourceText source) {
        if (!evaluating) {
            throw new IllegalStateException("Files can only be loaded while a cell runs.");
        }
        includes.add(source);
    }

    /** JShell's source analysis, for completion, documentation and completeness checks. */
    public SourceCodeAnalysis analysis() {
        return shell.sourceCodeAnalysis();
    }

    @Override
    public void close() {
        shell.close();
    }

    private Object evalSource(SourceText source, int depth) {
        SourceText code = new SourceText(source.name(), magics.resolveMagics(source.text()));
        Object value = null;
        for (SourceChunk chunk : SnippetSplitter.split(shell.sourceCodeAnalysis(), code.text())) {
            value = evalSnippet(source, code, chunk);
            while (!includes.isEmpty()) {
                if (depth >= MAX_INCLUDE_DEPTH) {
                    throw new IllegalStateException("%load nests deeper than " + MAX_INCLUDE_DEPTH
                            + " files; does a file load itself?");
                }
                evalSource(includes.poll(), depth + 1);
                value = null;
            }
        }
        return value;
    }

    private Object evalSnippet(SourceText source, SourceText code, SourceChunk chunk) {
        lastValue.set(null);
        List<SnippetEvent> events = shell.eval(chunk.text());
        if (interruptRequested) {
            // Whatever the snippet did on its way out (an InterruptedException, say), it was stopped.
            throw new CellInterruptedException(source, code.lineOf(chunk.start()));
        }
        if (events.isEmpty()) {
            return null;
        }
        SnippetEvent event = events.get(0);
        Snippet snippet = event.snippet();
        locations.record(snippet.id(), source, code.lineOf(chunk.start()));
        if (event.exception() != null) {
            throw EvaluationException.of(event.exception(), locations, this::describeUnresolved);
        }
        if (event.status() == Snippet.Status.REJECTED) {
            List<Diag> errors = shell.diagnostics(snippet).filter(Diag::isError).toList();
            throw CompilationException.fromDiagnostics(source, code, chunk, errors);
        }
        if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
            // Only declarations can wait for missing names; notebooks want an error instead.
            DeclarationSnippet declaration = (DeclarationSnippet) snippet;
            List<String> unresolved = shell.unresolvedDependencies(declaration).toList();
            shell.drop(declaration);
            throw CompilationException.unresolved(source, code, chunk, unresolved);
        }
        return hasValue(snippet) ? lastValue.getAndSet(null) : null;
    }

    /**
     * IJava's rule (its {@code CodeEvaluator.evalSingle}): a snippet shows its value only when
     * JShell classifies it as a variable reference ({@code x}), a temporary-variable expression
     * ({@code 1 + 2}, {@code f()}, {@code x += 1}, {@code a[0] = 5}) or another expression. A plain
     * assignment to a variable ({@code x = 1}), declarations, statements, void calls and imports
     * show nothing; so does a {@code null} value.
     */
    private static boolean hasValue(Snippet snippet) {
        return switch (snippet.subKind()) {
            case VAR_VALUE_SUBKIND, TEMP_VAR_EXPRESSION_SUBKIND, OTHER_EXPRESSION_SUBKIND -> true;
            default -> false;
        };
    }

    private String describeUnresolved(UnresolvedReferenceException e) {
        DeclarationSnippet snippet = e.getSnippet();
        List<String> missing = shell.unresolvedDependencies(snippet).toList();
        return "Unresolved reference: " + snippet.name() + " cannot be used until "
                + String.join(", ", missing) + " is declared (is an import missing?)";
    }
}
