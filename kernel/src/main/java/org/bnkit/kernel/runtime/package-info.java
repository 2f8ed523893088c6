/**
 * What notebook code sees of the kernel: {@link org.bnkit.kernel.runtime.Display}, the
 * {@code display}/{@code render}/{@code updateDisplay} statics that every cell imports, with
 * IJava's signatures.
 */
package org.bnkit.kernel.runtime;
