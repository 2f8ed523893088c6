package org.bnkit.plot;

import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * Several charts side by side in one image, row by row: small multiples for distributions whose
 * scales differ too much to overlay (a histogram that is a narrow spike at the start of training
 * and a wide hump later, say). Each chart keeps its own title, axes and legend, and is drawn at
 * the size of a grid cell; give the charts the same axis ranges where the reader should compare
 * positions. Each chart is painted as {@link Plots#image} paints it (round x ticks, too).
 */
public final class Grid {
    /** Default cell size in pixels: two columns are about as wide as one {@link Plots} chart and a half. */
    public static final int CELL_WIDTH = 540;
    public static final int CELL_HEIGHT = 340;

    private Grid() {
    }

    /** The charts in {@code columns} columns of {@link #CELL_WIDTH} x {@link #CELL_HEIGHT} cells. */
    public static BufferedImage of(int columns, Chart<?, ?>... charts) {
        return of(columns, CELL_WIDTH, CELL_HEIGHT, charts);
    }

    /**
     * Draws {@code charts} row by row in a grid of {@code columns} columns, each in a cell of
     * {@code cellWidth} x {@code cellHeight} pixels, on a white background.
     *
     * @return an image that every Java kernel shows as PNG when left as a cell's last expression
     */
    public static BufferedImage of(int columns, int cellWidth, int cellHeight, Chart<?, ?>... charts) {
        if (columns < 1) {
            throw new IllegalArgumentException("Grid: columns must be >= 1, got " + columns);
        }
        if (cellWidth < 100 || cellHeight < 100) {
            throw new IllegalArgumentException("Grid: cells must be at least 100 x 100 pixels to hold a chart, got "
                    + cellWidth + " x " + cellHeight);
        }
        if (charts.length == 0) {
            throw new IllegalArgumentException("Grid: give at least one chart");
        }
        int cols = Math.min(columns, charts.length);
        int rows = (charts.length + cols - 1) / cols;
        BufferedImage grid = new BufferedImage(cols * cellWidth, rows * cellHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            for (int k = 0; k < charts.length; k++) {
                Graphics2D cell = (Graphics2D) g.create((k % cols) * cellWidth, (k / cols) * cellHeight, cellWidth, cellHeight);
                try {
                    cell.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    cell.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    Plots.paint(charts[k], cell, cellWidth, cellHeight);
                } finally {
                    cell.dispose();
                }
            }
        } finally {
            g.dispose();
        }
        return WholePng.of(grid);
    }
}
