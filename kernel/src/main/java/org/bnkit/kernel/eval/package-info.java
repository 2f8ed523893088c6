/**
 * Evaluation of notebook cells with JShell, in the kernel's own JVM, as IJava does.
 *
 * <ul>
 *   <li>{@link org.bnkit.kernel.eval.CellEvaluator}: cuts a cell into snippets, runs them one by
 *       one and returns the value of a final expression;</li>
 *   <li>{@code InKernelExecutionControl} and {@code SnippetThread}: run each snippet on a thread
 *       of its own that an interrupt request can stop;</li>
 *   <li>{@link org.bnkit.kernel.eval.CompilationException},
 *       {@link org.bnkit.kernel.eval.EvaluationException},
 *       {@link org.bnkit.kernel.eval.CellInterruptedException}: why a cell stopped, with
 *       tracebacks that point at notebook lines;</li>
 *   <li>{@link org.bnkit.kernel.eval.CodeAnalysis}: completion, inspection and completeness.</li>
 * </ul>
 */
package org.bnkit.kernel.eval;
