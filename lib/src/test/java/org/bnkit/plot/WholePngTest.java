package org.bnkit.plot;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WholePngTest {

    /** The height asked for, plus at most the background rows that {@link WholePng} may add. */
    static void assertHeightIsAtLeast(int height, BufferedImage image) {
        assertTrue(image.getHeight() >= height && image.getHeight() <= height + WholePng.MAX_EXTRA_ROWS,
                "height " + image.getHeight() + ", asked for " + height + " (+ up to " + WholePng.MAX_EXTRA_ROWS
                        + " background rows for a whole PNG)");
    }

    /** The kernels' renderer: ImageIO through a base64 stream that is never closed. */
    private static byte[] asTheKernelsSendIt(BufferedImage image) throws IOException {
        ByteArrayOutputStream base64 = new ByteArrayOutputStream();
        OutputStream unclosed = Base64.getEncoder().wrap(base64);
        ImageIO.write(image, "png", unclosed);
        return Base64.getDecoder().decode(base64.toString("US-ASCII"));
    }

    /** Every chunk's length and CRC, ending with IEND at the last byte; false at the first fault. */
    private static boolean strictlyComplete(byte[] png) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        if (png.length < 8 || !Arrays.equals(Arrays.copyOf(png, 8), signature)) {
            return false;
        }
        ByteBuffer in = ByteBuffer.wrap(png, 8, png.length - 8);
        while (in.remaining() >= 12) {
            int length = in.getInt();
            if (length < 0 || in.remaining() < length + 8) {
                return false;
            }
            CRC32 crc = new CRC32();
            crc.update(png, in.position(), 4 + length);
            String type = new String(png, in.position(), 4, java.nio.charset.StandardCharsets.US_ASCII);
            in.position(in.position() + 4 + length);
            if ((int) crc.getValue() != in.getInt()) {
                return false;
            }
            if (type.equals("IEND")) {
                return !in.hasRemaining();
            }
        }
        return false;
    }

    private static XYChart chart(long seed) {
        Random random = new Random(seed);
        XYChart chart = Plots.lines("seed " + seed, "step", "loss");
        double[] y = new double[50];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.exp(-i / 10.0) + 0.1 * random.nextGaussian();
        }
        chart.addSeries("loss", Plots.range(y.length), y);
        return chart;
    }

    @Test
    void theKernelsLoseTheEndOfAPngWhoseLengthIsNotAMultipleOfThree() throws IOException {
        for (long seed = 0; seed < 10; seed++) {
            BufferedImage drawn = org.knowm.xchart.BitmapEncoder.getBufferedImage(chart(seed));
            byte[] png = WholePng.pngBytes(drawn);
            if (png.length % 3 != 0) {
                byte[] sent = asTheKernelsSendIt(drawn);
                assertEquals(png.length - png.length % 3, sent.length);
                assertTrue(!strictlyComplete(sent), "a truncated PNG must fail the strict check");
                return;
            }
        }
        throw new AssertionError("none of ten charts has a PNG length off a multiple of three");
    }

    @Test
    void everyFigureArrivesWholeWithItsPictureUnchanged() throws IOException {
        int extended = 0;
        for (long seed = 0; seed < 24; seed++) {
            BufferedImage drawn = org.knowm.xchart.BitmapEncoder.getBufferedImage(chart(seed));
            BufferedImage figure = WholePng.of(drawn);
            byte[] png = WholePng.pngBytes(figure);
            assertEquals(0, png.length % 3, "seed " + seed);
            byte[] sent = asTheKernelsSendIt(figure);
            assertArrayEquals(png, sent, "seed " + seed + ": the kernel sends the PNG whole");
            assertTrue(strictlyComplete(sent), "seed " + seed);
            assertEquals(drawn.getWidth(), figure.getWidth());
            int w = drawn.getWidth();
            int h = drawn.getHeight();
            assertTrue(figure.getHeight() >= h && figure.getHeight() <= h + WholePng.MAX_EXTRA_ROWS);
            assertArrayEquals(drawn.getRGB(0, 0, w, h, null, 0, w), figure.getRGB(0, 0, w, h, null, 0, w),
                    "seed " + seed + ": the drawn picture is kept pixel for pixel");
            int[] lastRow = drawn.getRGB(0, h - 1, w, 1, null, 0, w);
            for (int row = h; row < figure.getHeight(); row++) {
                assertArrayEquals(lastRow, figure.getRGB(0, row, w, 1, null, 0, w), "added rows repeat the last row");
            }
            if (figure.getHeight() > h) {
                extended++;
            }
        }
        assertNotEquals(24, extended, "the extra rows are a fallback: some figures fit as drawn");
    }

    @Test
    void anImageWithAlphaKeepsItsAlpha() {
        BufferedImage translucent = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 30; y++) {
                translucent.setRGB(x, y, ((x * 6) << 24) | (y * 8 << 8) | 0x40);
            }
        }
        BufferedImage figure = WholePng.of(translucent);
        assertEquals(0, WholePng.pngBytes(figure).length % 3);
        assertArrayEquals(translucent.getRGB(0, 0, 40, 30, null, 0, 40), figure.getRGB(0, 0, 40, 30, null, 0, 40));
    }

    @Test
    void plotsAndGridHandOutWholeFigures() {
        assertEquals(0, WholePng.pngBytes(Plots.image(chart(1))).length % 3);
        assertEquals(0, WholePng.pngBytes(Grid.of(2, 200, 150, chart(2), chart(3))).length % 3);
    }
}
