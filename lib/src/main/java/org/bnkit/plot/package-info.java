/**
 * Charts ({@link org.bnkit.plot.Plots}, on XChart) and tables ({@link org.bnkit.plot.Tables}, on
 * Tablesaw) in forms every Java kernel displays: a {@code BufferedImage}, or an HTML string for
 * {@code display(html, "text/html")}.
 * {@link org.bnkit.plot.Grid} draws several charts side by side in one image (small multiples).
 */
package org.bnkit.plot;
