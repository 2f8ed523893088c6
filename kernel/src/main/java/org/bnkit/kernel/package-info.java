/**
 * bnkit's Jupyter kernel for Java: an IJava-compatible kernel built on jjava-jupyter (protocol,
 * display and magics plumbing) and JShell (evaluation), packaged as one runnable jar.
 *
 * <ul>
 *   <li>{@link org.bnkit.kernel.Main}: the jar's entry point ({@code install}, {@code uninstall},
 *       or a connection file);</li>
 *   <li>{@link org.bnkit.kernel.BnkitKernel}: the kernel, wiring evaluation, analysis and magics
 *       to jjava's protocol handlers;</li>
 *   <li>{@code KernelLauncher}: serves one Jupyter session from a connection file.</li>
 * </ul>
 * Evaluation lives in {@link org.bnkit.kernel.eval}, magics in {@link org.bnkit.kernel.magic},
 * the statics cells import in {@link org.bnkit.kernel.runtime}, and the installer in
 * {@link org.bnkit.kernel.install}.
 */
package org.bnkit.kernel;
