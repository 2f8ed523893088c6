/**
 * The {@code install} and {@code uninstall} commands of the kernel jar: they write or remove a
 * Jupyter kernelspec, never one that another installer wrote unless forced.
 *
 * <ul>
 *   <li>{@link org.bnkit.kernel.install.InstallOptions}: the command-line options and usage;</li>
 *   <li>{@link org.bnkit.kernel.install.JupyterPaths}: which {@code kernels} folder Jupyter searches;</li>
 *   <li>{@link org.bnkit.kernel.install.KernelspecInstaller}: copies the jar and writes {@code kernel.json};</li>
 *   <li>{@link org.bnkit.kernel.install.StartupArchive}: the class-data-sharing archive that speeds up startup.</li>
 * </ul>
 */
package org.bnkit.kernel.install;
