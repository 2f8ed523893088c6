/**
 * The kernel's magics, one small class each, run through jjava's magic transpiler: a
 * {@code %name args} line becomes a call that runs in order with the cell's other snippets.
 *
 * <ul>
 *   <li>{@link org.bnkit.kernel.magic.ClasspathMagic}: {@code %classpath} jars and class folders;</li>
 *   <li>{@link org.bnkit.kernel.magic.JarsMagic}: {@code %jars}, jars and folders of jars;</li>
 *   <li>{@link org.bnkit.kernel.magic.LoadMagic}: {@code %load} a {@code .jsh} or {@code .java} file;</li>
 *   <li>{@link org.bnkit.kernel.magic.KnownMagicsRegistry}: names the known magics when an unknown one is used.</li>
 * </ul>
 */
package org.bnkit.kernel.magic;
