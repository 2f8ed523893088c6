/**
 * How cell values and {@code display(...)} arguments become Jupyter MIME bundles: jjava's
 * renderer, with images encoded completely.
 */
package org.bnkit.kernel.display;
